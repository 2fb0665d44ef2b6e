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
  {
    key: 'tradein.claimBurstPerPerson',
    type: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    unit: { 'zh-CN': '次', en: 'times' },
    label: { 'zh-CN': '每人领券请求频次上限', en: 'Claim requests per person' },
    description: {
      'zh-CN': '同一居民在一个计数周期内最多可提交的领券请求数，超过后须等待周期结束（防止脚本刷券）',
      en: 'How many claim requests one resident may send in one counting window; past it they wait for the window to end (against scripted claiming)',
    },
  },
  {
    key: 'tradein.claimBurstPerAddress',
    type: 'integer',
    // Mobile carriers put thousands of phones behind one address (CGNAT): the limit is for farms, not for a tower.
    default: 600,
    min: 10,
    max: 1_000_000,
    unit: { 'zh-CN': '次', en: 'times' },
    label: { 'zh-CN': '每个网络地址领券请求频次上限', en: 'Claim requests per network address' },
    description: {
      'zh-CN': '同一网络地址在一个计数周期内最多可提交的领券请求数（运营商共享地址下有众多用户，不宜过低）',
      en: 'How many claim requests one network address may send in one counting window (a carrier shares one address among many phones: do not set it low)',
    },
  },
  {
    key: 'tradein.claimBurstWindowSeconds',
    type: 'integer',
    default: 60,
    min: 1,
    max: 3600,
    unit: { 'zh-CN': '秒', en: 'seconds' },
    label: { 'zh-CN': '领券频次计数周期', en: 'Claim request counting window' },
    description: {
      'zh-CN': '上述两项频次上限的计数周期，自周期内第一次请求起算',
      en: 'The window both claim request limits count in, from the first request in it',
    },
  },
  {
    key: 'tradein.claimBacklogPerProcess',
    type: 'integer',
    default: 800,
    min: 0,
    max: 100_000,
    unit: { 'zh-CN': '张', en: 'claims' },
    label: { 'zh-CN': '单个服务进程待处理领券上限', en: 'Claims one server process holds before queueing' },
    description: {
      'zh-CN': '每个服务进程同时等待写入数据库的领券请求数；超过后新的请求进入排队，居民可看到排队位置和预计等待时间',
      en: 'How many claims each server process keeps waiting for the database; past it new claims join the queue, where a resident sees their place and the expected wait',
    },
  },
  {
    key: 'tradein.claimQueueMax',
    type: 'integer',
    default: 200_000,
    min: 0,
    max: 10_000_000,
    unit: { 'zh-CN': '人', en: 'residents' },
    label: { 'zh-CN': '每批次排队人数上限', en: 'Queue length per release' },
    description: {
      'zh-CN': '每个发放批次最多排队的人数；排队人数也不超过剩余券数的1.2倍，排不上的居民被告知本批次已被领完',
      en: 'At most this many residents wait for one release, and never more than 1.2 times the vouchers left; a resident beyond that is told the release is spoken for',
    },
  },
];

declare module '../../core/parameters.js' {
  interface ParameterValues {
    'tradein.deliveryDueDays': number;
    'tradein.onlineOrderConfirmMinutes': number;
    'tradein.returnWindowDays': number;
    'tradein.afterSalesResponseHours': number;
    'tradein.claimBurstPerPerson': number;
    'tradein.claimBurstPerAddress': number;
    'tradein.claimBurstWindowSeconds': number;
    'tradein.claimBacklogPerProcess': number;
    'tradein.claimQueueMax': number;
  }
}
