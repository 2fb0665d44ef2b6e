import { registerMessages } from '../../../core/messages.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the trade-in module's delivery and installation before settlement (zh-CN and en side by side). */
export const fulfilmentMessages = defineMessages({
  'field.tradein.photoRequired': { 'zh-CN': '请上传照片（JPEG 或 PNG）', en: 'Upload a photo (JPEG or PNG)' },
  'field.tradein.noInstallation': { 'zh-CN': '该品类无需安装', en: 'This category is not installed' },
  'notification.tradein_installation_due': {
    'zh-CN': '补贴销售 #{id} 已送达，待安装：安装完成并上传照片后方可结算',
    en: 'Subsidised sale #{id} was delivered and waits for installation: record it with a photo so it can be settled',
  },
  'notification.tradein_delivery_overdue': {
    'zh-CN': '有 {count} 笔补贴销售超过配送时限仍未送达，请尽快配送并登记',
    en: '{count} subsidised sales are past their delivery time limit: deliver and record them',
  },
  'tradein.channel.store': { 'zh-CN': '门店', en: 'In store' },
  'tradein.channel.online': { 'zh-CN': '线上', en: 'Online' },
  'tradein.fulfilment.status.awaiting_delivery': { 'zh-CN': '待送达', en: 'To be delivered' },
  'tradein.fulfilment.status.delivered': { 'zh-CN': '已送达待安装', en: 'Delivered, to be installed' },
  'tradein.fulfilment.status.installed': { 'zh-CN': '已安装', en: 'Installed' },
  'tradein.fulfilment.status.settleable': { 'zh-CN': '可结算', en: 'Settleable' },
  'tradein.fulfilment.status.cancelled': { 'zh-CN': '已撤销', en: 'Cancelled' },
  'tradein.fulfilment.overdue': { 'zh-CN': '逾期', en: 'Overdue' },
  'tradein.fulfilment.export.sheet': { 'zh-CN': '配送与安装', en: 'Delivery and installation' },
  'tradein.fulfilment.export.sale': { 'zh-CN': '销售编号', en: 'Sale' },
  'tradein.fulfilment.export.merchant': { 'zh-CN': '商户', en: 'Merchant' },
  'tradein.fulfilment.export.channel': { 'zh-CN': '渠道', en: 'Channel' },
  'tradein.fulfilment.export.order': { 'zh-CN': '订单号', en: 'Order number' },
  'tradein.fulfilment.export.product': { 'zh-CN': '商品', en: 'Product' },
  'tradein.fulfilment.export.serial': { 'zh-CN': '序列号', en: 'Serial number' },
  'tradein.fulfilment.export.subsidy': { 'zh-CN': '补贴（元）', en: 'Subsidy (yuan)' },
  'tradein.fulfilment.export.status': { 'zh-CN': '状态', en: 'Status' },
  'tradein.fulfilment.export.town': { 'zh-CN': '配送镇街', en: 'Delivery town' },
  'tradein.fulfilment.export.soldAt': { 'zh-CN': '销售时间', en: 'Sold at' },
  'tradein.fulfilment.export.dueAt': { 'zh-CN': '应送达时间', en: 'Due by' },
  'tradein.fulfilment.export.overdue': { 'zh-CN': '是否逾期', en: 'Overdue' },
  'tradein.fulfilment.export.deliveredAt': { 'zh-CN': '送达时间', en: 'Delivered at' },
  'tradein.fulfilment.export.installedAt': { 'zh-CN': '安装时间', en: 'Installed at' },
  'tradein.fulfilment.export.settleableAt': { 'zh-CN': '可结算时间', en: 'Settleable from' },
});

registerMessages(fulfilmentMessages);

declare module '../../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof fulfilmentMessages, true> {}
}
