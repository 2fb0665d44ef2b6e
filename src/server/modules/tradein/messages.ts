import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';

/** The tradein module's messages (zh-CN and en side by side): Trade-in programmes, vouchers, redemptions, risk control and settlement. */
export const tradeinMessages = defineMessages({
  'field.too_small.number': {
    'zh-CN': '不能小于 {minimum}',
    en: 'Must be at least {minimum}',
  },
  'error.POOL_EXHAUSTED': {
    'zh-CN': '本批次消费券已领完，请关注下一批发放',
    en: 'This release has run out of vouchers; watch for the next release',
  },
  'error.CLAIM_RATE_LIMITED': {
    'zh-CN': '领券请求过于频繁，请 {seconds} 秒后再试',
    en: 'Too many claim requests; try again in {seconds} seconds',
  },
  'error.CLAIM_QUEUE_FULL': {
    'zh-CN': '本批次排队人数已满，剩余消费券已有人排队等候，请关注下一批发放',
    en: 'The queue for this release is full: the vouchers left are spoken for by those waiting; watch for the next release',
  },
  'error.POOL_CLOSED': {
    'zh-CN': '本批次不在领取时间内',
    en: 'This release is not open for claims now',
  },
  'error.ALREADY_CLAIMED': {
    'zh-CN': '您已持有该品类的有效消费券，或已达到本活动该品类的领取上限',
    en: 'You already hold an active voucher for this category, or reached the limit of this programme',
  },
  'error.PROGRAM_NOT_ACTIVE': {
    'zh-CN': '该补贴活动未在有效期内',
    en: 'The programme is not within its validity window',
  },
  'error.PROGRAM_ENDED': {
    'zh-CN': '该补贴活动已于 {date} 结束，不再发放补贴券',
    en: 'The programme ended on {date}; no more vouchers are issued',
  },
  'error.PROGRAM_NOT_STARTED': {
    'zh-CN': '该补贴活动将于 {date} 开始',
    en: 'The programme starts on {date}',
  },
  'error.VOUCHER_NOT_ACTIVE': {
    'zh-CN': '消费券不可用（状态：{status}）',
    en: 'The voucher cannot be used (status: {status})',
  },
  'error.VOUCHER_EXPIRED': {
    'zh-CN': '消费券已过期',
    en: 'The voucher has expired',
  },
  'error.VOUCHER_CATEGORY_MISMATCH': {
    'zh-CN': '商品品类与消费券品类不一致',
    en: 'The product category does not match the voucher',
  },
  'error.MERCHANT_NOT_ENROLLED': {
    'zh-CN': '本商户未获准参与该活动的该品类',
    en: 'This merchant is not enrolled in the programme for this category',
  },
  'error.PRODUCT_NOT_ELIGIBLE': {
    'zh-CN': '该商品的能效（水效）等级不在补贴范围内',
    en: 'The product’s efficiency grade is not eligible for a subsidy',
  },
  'error.PRICE_ABOVE_CEILING': {
    'zh-CN': '成交价超过该品类的补贴限价 {ceiling} 分',
    en: 'The price is above the category’s ceiling of {ceiling} fen',
  },
  'error.SERIAL_ALREADY_SUBSIDISED': {
    'zh-CN': '该序列号（IMEI）已享受过补贴',
    en: 'This serial number (IMEI) has already been subsidised',
  },
  'error.BUDGET_EXHAUSTED': {
    'zh-CN': '该活动的补贴资金已用完',
    en: 'The programme’s budget is spent',
  },
  'error.OLD_ITEM_PROOF_REJECTED': {
    'zh-CN': '旧机交售凭证未通过核验',
    en: 'The proof that the old item was handed in was not accepted',
  },
  'field.voucherCode.format': {
    'zh-CN': '券码格式不正确',
    en: 'Not a voucher code',
  },
  'field.voucherCode.checksum': {
    'zh-CN': '券码校验位不正确，请核对后重新输入',
    en: 'The voucher code’s check character is wrong; please check it',
  },
  'field.tradein.categoryUnknown': {
    'zh-CN': '该活动没有此品类',
    en: 'The programme has no such category',
  },
  'field.tradein.evidenceRequired': {
    'zh-CN': '该品类要求提供此项材料',
    en: 'The category requires this evidence',
  },
  'field.tradein.windowOrder': {
    'zh-CN': '结束时间应晚于开始时间',
    en: 'The end must be after the start',
  },
  'field.tradein.rolloverOverlap': {
    'zh-CN': '新一期活动应在原活动结束（{date}）之后开始',
    en: 'The new programme must start after the old one ends ({date})',
  },
  'field.tradein.budgetSplit': {
    'zh-CN': '资金构成之和应大于零',
    en: 'The funding shares must add up to more than zero',
  },
  'field.tradein.duplicateCategory': {
    'zh-CN': '品类重复',
    en: 'Duplicate category',
  },
  'risk.rule.price_markup': {
    'zh-CN': '成交价高于商品目录参考价超过设定幅度（先涨价后打折）',
    en: 'Sale price above the catalogue reference price by more than the margin (price raised before the discount)',
  },
  'risk.rule.shared_mobile_prefix': {
    'zh-CN': '短时间内手机号前缀相同的多位居民在同一商户核销',
    en: 'Several residents with the same mobile number prefix redeem at one merchant within a short time',
  },
  'risk.rule.shared_device': {
    'zh-CN': '短时间内在同一设备上领券的多位居民在同一商户核销',
    en: 'Several residents who claimed on the same device redeem at one merchant within a short time',
  },
  'risk.rule.shared_address': {
    'zh-CN': '短时间内送货地址相同的多位居民在同一商户核销（地址取自核销时登记的送货/安装地址）',
    en: 'Several residents with the same delivery address redeem at one merchant within a short time (the delivery/installation address recorded at the till)',
  },
  'risk.rule.merchant_burst': {
    'zh-CN': '同一商户在短时间内集中核销多笔',
    en: 'One merchant redeems many vouchers within a short time',
  },
  'risk.rule.old_item_proof_reuse': {
    'zh-CN': '同一旧机交售凭证被再次使用',
    en: 'The same old-item proof is used again',
  },
  'risk.rule.resident_merchant_hopping': {
    'zh-CN': '同一居民在短时间内于多家商户核销',
    en: 'One resident redeems at many merchants within a short time',
  },
  'risk.reason.price_markup': {
    'zh-CN': '成交价 {price} 元高于目录参考价 {reference} 元 {markup}%，超过允许的 {margin}%，疑似先涨价后打折',
    en: 'Sale price {price} yuan is {markup}% above the catalogue reference price {reference} yuan, more than the allowed {margin}%: possibly raised before the discount',
  },
  'risk.reason.shared_mobile_prefix': {
    'zh-CN': '{minutes} 分钟内有 {residents} 位手机号前缀相同（{value}）的居民在本商户核销',
    en: '{residents} residents with the same mobile prefix ({value}) redeemed at this merchant within {minutes} minutes',
  },
  'risk.reason.shared_device': {
    'zh-CN': '{minutes} 分钟内有 {residents} 位在同一设备（{value}）上领券的居民在本商户核销',
    en: '{residents} residents who claimed on the same device ({value}) redeemed at this merchant within {minutes} minutes',
  },
  'risk.reason.shared_address': {
    'zh-CN': '{minutes} 分钟内有 {residents} 位送货地址相同（{value}）的居民在本商户核销',
    en: '{residents} residents with the same delivery address ({value}) redeemed at this merchant within {minutes} minutes',
  },
  'risk.reason.merchant_burst': {
    'zh-CN': '本商户 {minutes} 分钟内核销 {count} 笔，疑似集中刷单',
    en: 'This merchant redeemed {count} vouchers within {minutes} minutes',
  },
  'risk.reason.old_item_proof_reuse': {
    'zh-CN': '旧机交售凭证 {reference} 已用于其他核销（{redemptions}）',
    en: 'Old-item proof {reference} was already used for redemption {redemptions}',
  },
  'risk.reason.resident_merchant_hopping': {
    'zh-CN': '该居民 {minutes} 分钟内在 {merchants} 家不同商户核销',
    en: 'This resident redeemed at {merchants} different merchants within {minutes} minutes',
  },
  'field.settlement.periodNotEnded': {
    'zh-CN': '该结算期尚未结束，不能结算',
    en: 'The period has not ended yet and cannot be settled',
  },
  'notification.tradein_redemption_rejected': {
    'zh-CN': '序列号 {serial} 的以旧换新核销经风险审核未予通过：{note}',
    en: 'The trade-in redemption of serial number {serial} was rejected after risk review: {note}',
  },
  'notification.tradein_settlement_approved': {
    'zh-CN': '{period} 以旧换新结算批次（应付 {amount} 元）已由市商务局审核，待确认支付',
    en: 'The trade-in settlement batch of {period} ({amount} yuan payable) was approved by 市商务局 and awaits confirmation',
  },
  'notification.tradein_settlement_paid': {
    'zh-CN': '{period} 以旧换新补贴结算款 {amount} 元已支付（支付凭证 {reference}）',
    en: 'Trade-in settlement of {period}, {amount} yuan, was paid (payment reference {reference})',
  },
  'notification.tradein_settlement_ready': {
    'zh-CN': '{period} 以旧换新结算已生成 {count} 个商户批次，待审核',
    en: '{count} merchant settlement batches of {period} were made and await approval',
  },
  'notification.tradein_program_ending': {
    'zh-CN': '补贴活动“{name}”将于 {date} 结束（还剩 {days} 天），尚有 {vouchers} 张补贴券未使用；如需继续，请延长有效期或转入下一年度',
    en: 'The programme “{name}” ends on {date} ({days} days left) with {vouchers} vouchers unused; extend it or roll it over into the next year to carry on',
  },
  'notice.tradein.programEnding': {
    'zh-CN':
      '补贴活动“{name}”将于 {date} 结束（还剩 {days} 天），尚有 {vouchers} 张补贴券未使用。结束后将停止领券与投放，未使用的券同时失效；如需继续，请延长有效期或转入下一年度。',
    en: 'The programme “{name}” ends on {date} ({days} days left) with {vouchers} vouchers unused. Claims and releases stop at the end and unused vouchers expire with it; extend the window or roll it over into the next year to carry on.',
  },
  'notice.tradein.programEnded': {
    'zh-CN': '补贴活动“{name}”已于 {date} 结束，已停止领券与投放；请转入下一年度或关闭该活动。',
    en: 'The programme “{name}” ended on {date}; claims and releases have stopped. Roll it over into the next year or close it.',
  },
  'notice.tradein.voucherProgramEnding': {
    'zh-CN': '您持有的“{name}”补贴券须在活动结束（{date}）前使用，逾期失效。',
    en: 'Use your voucher of “{name}” before the programme ends on {date}; it expires then.',
  },
});

registerMessages(tradeinMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof tradeinMessages, true> {}
}
