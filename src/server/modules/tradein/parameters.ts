import type { ParameterDefinition } from '../../core/parameters.js';

/** The trade-in module's run-time parameters (module contract `parameters`): the sale beyond the till. */
export const tradeinParameters: readonly ParameterDefinition[] = [
  {
    key: 'tradein.deliveryDueDays',
    type: 'integer',
    readByPages: true,
    default: 10,
    min: 1,
    max: 90,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '补贴商品配送时限', en: 'Delivery time limit of a subsidised sale' },
    description: {
      'zh-CN': '线上订单或送货上门的补贴销售，自销售起超过该天数仍未送达的，标记为逾期并通知商户',
      en: 'A subsidised sale to be delivered that is not delivered this many days after the sale is flagged overdue and its merchant told',
    },
  },
  {
    key: 'tradein.onlineOrderConfirmMinutes',
    type: 'duration',
    readByPages: true,
    default: 24 * 60,
    min: 10,
    max: 7 * 24 * 60,
    label: { 'zh-CN': '线上订单确认时限', en: 'Time to confirm an online order' },
    description: {
      'zh-CN': '居民须在该时间内在手机上确认线上订单，逾期订单失效，补贴券仍归居民所有',
      en: 'A resident confirms an online order on their phone within this time; an order left unconfirmed expires and the voucher stays theirs',
    },
  },
  {
    key: 'tradein.returnWindowDays',
    type: 'integer',
    readByPages: true,
    // 消费者权益保护法 第二十五条: seven days without a reason for goods bought online; no fewer may be set.
    default: 7,
    min: 7,
    max: 30,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '无理由退货期限', en: 'Return window' },
    description: {
      'zh-CN': '自收货之日起该天数内的退货撤销补贴（法定不少于7天）',
      en: 'A return within this many days of delivery reverses the subsidy (by law no fewer than 7)',
    },
  },
  {
    key: 'tradein.afterSalesResponseHours',
    type: 'integer',
    default: 48,
    min: 1,
    max: 240,
    unit: { 'zh-CN': '小时', en: 'hours' },
    label: { 'zh-CN': '售后工单响应时限', en: 'After-sales response time limit' },
    description: {
      'zh-CN': '居民提出退货、维修或投诉后超过该时长商户仍未答复的，标记为超时未响应，计入商户服务质量',
      en: 'A return, repair or complaint the merchant has not answered this long after it was opened is flagged as unanswered and counted in the merchant’s service figures',
    },
  },
];

declare module '../../core/parameters.js' {
  interface ParameterValues {
    'tradein.deliveryDueDays': number;
    'tradein.onlineOrderConfirmMinutes': number;
    'tradein.returnWindowDays': number;
    'tradein.afterSalesResponseHours': number;
  }
}
