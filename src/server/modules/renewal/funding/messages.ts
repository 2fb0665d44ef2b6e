import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the funding applications and payments (spread into the module's messages.ts). */
export const fundingMessages = defineMessages({
  'error.FUNDING_PAYMENT_EXCEEDS_GRANT': {
    'zh-CN': '拨付金额超过下达金额：已下达 {granted} 元，已拨付 {paid} 元，尚可拨付 {left} 元',
    en: 'The payment would pass the grant: ¥{granted} granted, ¥{paid} paid, ¥{left} left to pay',
  },
  'field.renewal.fundingPaymentExceedsGrant': {
    'zh-CN': '超过尚可拨付的 {left} 元（下达 {granted} 元，已拨付 {paid} 元）',
    en: 'More than the ¥{left} left to pay (¥{granted} granted, ¥{paid} paid)',
  },
  'field.renewal.fundingProjectUnknown': { 'zh-CN': '没有这个项目', en: 'There is no such project' },
  'field.renewal.fundingProjectNotInLibrary': {
    'zh-CN': '项目入库后才能申报资金',
    en: 'A project can apply for funding once it is in the project library',
  },
  'field.renewal.fundingSourceUnknown': {
    'zh-CN': '该资金来源不在资金来源字典中或已停用',
    en: 'This funding source is not in the funding-source list or is disabled',
  },
  'field.renewal.fundingOpenExists': {
    'zh-CN': '该项目已有一笔向此资金来源的申报在审核中',
    en: 'This project already has an application to this source awaiting a decision',
  },
  'field.renewal.fundingLoanRequired': {
    'zh-CN': '贷款贴息须填写贷款本金、利率、贴息点数和贴息期限',
    en: 'A loan interest subsidy needs the loan: principal, rate, subsidised points and period',
  },
  'field.renewal.fundingLoanInterestOnly': {
    'zh-CN': '只有贷款贴息类资金来源填写贷款信息',
    en: 'Only a loan interest subsidy source takes a loan',
  },
  'field.renewal.fundingLoanPeriod': { 'zh-CN': '贴息期限的结束日期应晚于开始日期', en: 'The period must end after it starts' },
  'field.renewal.fundingPointsAboveRate': {
    'zh-CN': '贴息点数不能高于贷款年利率',
    en: 'The subsidised points cannot exceed the loan’s annual rate',
  },
  'field.renewal.fundingSubsidyNone': {
    'zh-CN': '按贷款信息计算的贴息为 0（或项目贴息额度已用完）',
    en: 'The loan gives no subsidy (or the project’s subsidy cap is used up)',
  },
  'field.renewal.fundingRequestedRequired': { 'zh-CN': '请填写申请金额', en: 'Enter the amount requested' },
  'field.renewal.fundingGrantedRequired': { 'zh-CN': '请填写下达金额', en: 'Enter the amount granted' },
  'field.renewal.fundingDateFuture': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  'field.renewal.fundingGrantBeforeApply': {
    'zh-CN': '下达日期不能早于申报日期 {date}',
    en: 'The grant date cannot be before the application date, {date}',
  },
  'field.renewal.fundingPaidBeforeGrant': {
    'zh-CN': '拨付日期不能早于下达日期 {date}',
    en: 'The payment date cannot be before the grant date, {date}',
  },
  'field.renewal.fundingUnitNotDepartment': {
    'zh-CN': '下达单位应为市直部门',
    en: 'The granting unit must be a city department',
  },
  'field.renewal.fundingOverRequestReason': {
    'zh-CN': '下达金额高于申请金额，请说明原因',
    en: 'More is granted than was requested: give the reason',
  },
  'error.FUNDING_SUBSIDY_CAP': {
    'zh-CN': '超过单个项目贷款贴息上限：上限 {cap} 元，已下达 {granted} 元，尚可下达 {left} 元',
    en: 'Above the interest subsidy cap per project: ¥{cap} cap, ¥{granted} granted, ¥{left} left',
  },
  'field.renewal.fundingSubsidyCap': {
    'zh-CN': '超过项目贴息尚可下达的 {left} 元（上限 {cap} 元，已下达 {granted} 元）',
    en: 'More than the ¥{left} the project may still receive (¥{cap} cap, ¥{granted} granted)',
  },
  'field.renewal.fundingAboveSubsidy': {
    'zh-CN': '下达金额不能高于计算的贴息：{subsidy}',
    en: 'The grant cannot exceed the computed subsidy: {subsidy}',
  },
  'field.renewal.fundingReferenceTaken': {
    'zh-CN': '该支付凭证号已登记过',
    en: 'This payment reference is already recorded',
  },
});
