import { registerMessages } from '../../../core/messages.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the trade-in module's after-sales cases and merchants' service (zh-CN and en side by side). */
export const afterSalesMessages = defineMessages({
  'error.RETURN_WINDOW_CLOSED': {
    'zh-CN': '已超过无理由退货期限（最后一天为 {lastDay}），可申请维修或投诉',
    en: 'The return window has closed (its last day was {lastDay}); a repair or a complaint can still be opened',
  },
  'field.tradein.afterSales.returnWindowClosed': {
    'zh-CN': '退货须在收货后 {days} 天内（截至 {lastDay}）提出',
    en: 'A return must be opened within {days} days of receipt (by {lastDay})',
  },
  'error.RETURN_ALREADY_OPEN': {
    'zh-CN': '该商品已有一个正在处理的退货申请（工单 #{caseId}）',
    en: 'A return of this purchase is already being handled (case #{caseId})',
  },
  'field.tradein.afterSales.returnAlreadyOpen': {
    'zh-CN': '该商品已有正在处理的退货申请',
    en: 'A return of this purchase is already open',
  },
  'error.SALE_NOT_STANDING': {
    'zh-CN': '该补贴销售已撤销或未通过审核（状态：{status}），不能再申请售后',
    en: 'This subsidised sale was reversed or rejected (status: {status}); no after-sales case can be opened on it',
  },
  'error.ALREADY_RATED': {
    'zh-CN': '该工单已评价过，每个工单只能评价一次',
    en: 'This case has already been rated; a case is rated once',
  },
  'field.tradein.afterSales.alreadyRated': {
    'zh-CN': '已评价',
    en: 'Already rated',
  },
  'field.tradein.afterSales.windowOrder': {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The last day cannot be before the first day',
  },
  'notification.tradein_after_sales_opened': {
    'zh-CN': '居民就序列号 {serial} 的补贴商品提交了售后工单 #{id}，请在 48 小时内答复',
    en: 'A resident opened after-sales case #{id} on the subsidised item with serial number {serial}; answer within 48 hours',
  },
  'notification.tradein_after_sales_responded': {
    'zh-CN': '商户已答复您的售后工单 #{id}',
    en: 'The merchant answered your after-sales case #{id}',
  },
  'notification.tradein_after_sales_resolved': {
    'zh-CN': '您的售后工单 #{id} 已处理完成，欢迎评价',
    en: 'Your after-sales case #{id} was resolved; please rate it',
  },
  'notification.tradein_after_sales_refused': {
    'zh-CN': '商户未受理您的售后工单 #{id}，可查看原因并评价；如有异议可向 12315 投诉',
    en: 'The merchant refused your after-sales case #{id}; see the reason and rate it, or complain to 12315 if you disagree',
  },
  'tradein.afterSales.export.sheet': { 'zh-CN': '商户服务质量', en: 'Merchants’ service' },
  'tradein.afterSales.export.filename': { 'zh-CN': '商户服务质量_{from}_{to}.xlsx', en: 'merchant-service_{from}_{to}.xlsx' },
  'tradein.afterSales.export.merchant': { 'zh-CN': '商户', en: 'Merchant' },
  'tradein.afterSales.export.enrolments': { 'zh-CN': '参与活动及状态', en: 'Enrolments' },
  'tradein.afterSales.export.sales': { 'zh-CN': '补贴销售（笔）', en: 'Subsidised sales' },
  'tradein.afterSales.export.onlineSales': { 'zh-CN': '线上销售（笔）', en: 'Online sales' },
  'tradein.afterSales.export.onlineShare': { 'zh-CN': '线上占比（%）', en: 'Online share (%)' },
  'tradein.afterSales.export.returns': { 'zh-CN': '退货', en: 'Returns' },
  'tradein.afterSales.export.repairs': { 'zh-CN': '维修', en: 'Repairs' },
  'tradein.afterSales.export.complaints': { 'zh-CN': '投诉', en: 'Complaints' },
  'tradein.afterSales.export.complaintRate': { 'zh-CN': '投诉率（‰）', en: 'Complaint rate (‰)' },
  'tradein.afterSales.export.medianResponseHours': { 'zh-CN': '首次响应中位数（小时）', en: 'Median first response (hours)' },
  'tradein.afterSales.export.avgResponseHours': { 'zh-CN': '平均首次响应（小时）', en: 'Average first response (hours)' },
  'tradein.afterSales.export.unanswered': { 'zh-CN': '未答复工单', en: 'Unanswered cases' },
  'tradein.afterSales.export.avgRating': { 'zh-CN': '平均满意度（分）', en: 'Average rating' },
  'tradein.afterSales.export.ratings': { 'zh-CN': '评价数', en: 'Ratings' },
  'tradein.afterSales.merchantStatus.pending': { 'zh-CN': '待审核', en: 'pending' },
  'tradein.afterSales.merchantStatus.approved': { 'zh-CN': '已入驻', en: 'enrolled' },
  'tradein.afterSales.merchantStatus.rejected': { 'zh-CN': '未通过', en: 'rejected' },
  'tradein.afterSales.merchantStatus.suspended': { 'zh-CN': '已暂停', en: 'suspended' },
});

registerMessages(afterSalesMessages);

declare module '../../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof afterSalesMessages, true> {}
}
