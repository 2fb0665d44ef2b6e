import { registerMessages } from '../../../core/messages.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the trade-in module's online stores and orders (zh-CN and en side by side). */
export const onlineMessages = defineMessages({
  'error.ONLINE_STORE_DUPLICATE': {
    'zh-CN': '该线上店铺已在此活动中登记',
    en: 'This online store is already enrolled in this programme',
  },
  'error.ORDER_NUMBER_USED': {
    'zh-CN': '该订单号已在本店铺录入过，同一订单号不能重复使用',
    en: 'This order number was already entered for this store and cannot be used again',
  },
  'error.ORDER_AWAITING_CONFIRMATION': {
    'zh-CN': '该补贴券已有一笔待居民确认的线上订单',
    en: 'This voucher already has an online order waiting for the resident to confirm',
  },
  'error.ONLINE_STORE_CATEGORY': {
    'zh-CN': '该线上店铺未登记销售此补贴券的品类',
    en: 'This online store is not enrolled to sell the voucher’s category',
  },
  'error.ORDER_EXPIRED': {
    'zh-CN': '该订单已超过确认时限，已失效；补贴券仍归您所有',
    en: 'This order was not confirmed in time and has expired; the voucher is still yours',
  },
  'field.tradein.shopUrl': {
    'zh-CN': '请输入以 http:// 或 https:// 开头的店铺网址',
    en: 'Enter the shop’s address starting with http:// or https://',
  },
  'field.tradein.shopUrlTaken': {
    'zh-CN': '该平台上此网址的店铺已登记',
    en: 'A store with this address on this platform is already enrolled',
  },
  'field.tradein.categoryNotEnrolled': {
    'zh-CN': '该品类不在本企业报名的品类中',
    en: 'This category is not among the categories of the enrolment',
  },
  'field.tradein.enrolmentNotOpen': {
    'zh-CN': '只能在已通过或待审核的活动报名下登记线上店铺',
    en: 'An online store is enrolled under an approved or pending enrolment only',
  },
  'field.tradein.onlineStoreClosed': {
    'zh-CN': '该线上店铺已关闭，不能录入订单',
    en: 'This online store is closed and takes no orders',
  },
  'field.tradein.orderNumberUsed': {
    'zh-CN': '订单号已使用',
    en: 'Order number already used',
  },
  'field.tradein.orderWaiting': {
    'zh-CN': '该券已有待确认的订单',
    en: 'This voucher has an order waiting for confirmation',
  },
  'field.tradein.deliveryOutsideCity': {
    'zh-CN': '配送地址须在本市范围内',
    en: 'The delivery address must be in the city',
  },
  'field.tradein.onlineNeedsOldItem': {
    'zh-CN': '该品类须提交旧机证明，暂不支持线上订单',
    en: 'This category needs proof of the old item and cannot be sold online yet',
  },
  'notification.tradein_online_order_to_confirm': {
    'zh-CN': '您在“{shop}”的以旧换新订单 {orderNumber}（{amount} 元）待您确认，确认后才会使用补贴券',
    en: 'Your trade-in order {orderNumber} at “{shop}” ({amount} yuan) waits for your confirmation; the voucher is used only once you confirm',
  },
  'notification.tradein_online_order_confirmed': {
    'zh-CN': '线上订单 {orderNumber} 已由居民确认，请按时配送',
    en: 'The resident confirmed online order {orderNumber}; deliver it in time',
  },
  'notification.tradein_online_order_declined': {
    'zh-CN': '线上订单 {orderNumber} 已被居民拒绝',
    en: 'The resident declined online order {orderNumber}',
  },
  'notification.tradein_online_order_cancelled': {
    'zh-CN': '商户已取消线上订单 {orderNumber}，补贴券仍归您所有',
    en: 'The merchant cancelled online order {orderNumber}; the voucher is still yours',
  },
  'notification.tradein_online_order_expired': {
    'zh-CN': '线上订单 {orderNumber} 未在时限内确认，已失效；补贴券仍归您所有',
    en: 'Online order {orderNumber} was not confirmed in time and has expired; the voucher is still yours',
  },
});

registerMessages(onlineMessages);

declare module '../../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof onlineMessages, true> {}
}
