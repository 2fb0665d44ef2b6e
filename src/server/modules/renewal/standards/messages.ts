import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the renewal standards part (spread into the module's messages.ts). */
export const standardsMessages = defineMessages({
  'field.renewal.standards.notAnEnterprise': { 'zh-CN': '请选择已登记的企业或单位', en: 'Choose a registered enterprise or public body' },
  'field.renewal.standards.evidenceInvalid': {
    'zh-CN': '佐证材料无效，请由本单位账号重新上传',
    en: 'This evidence file is not valid; upload it again from your organisation’s account',
  },
  'field.renewal.standards.evidenceRequired': { 'zh-CN': '提交前请上传至少一份佐证材料', en: 'Upload at least one evidence file before submitting' },
  'field.renewal.standards.notEditable': {
    'zh-CN': '只有草稿、被退回或被撤销的记录可以修改',
    en: 'Only a draft, returned or withdrawn record can be edited',
  },
  'field.renewal.standards.codeNotOffered': { 'zh-CN': '该代码不在字典中或已停用', en: 'This code is not in the dictionary or is disabled' },
  'field.renewal.standards.dateInFuture': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  'field.renewal.standards.yearInFuture': { 'zh-CN': '年度不能晚于今年', en: 'The year cannot be after this year' },
  'field.renewal.standards.validBeforeIssued': { 'zh-CN': '有效期不能早于发证日期', en: 'The validity cannot end before the issue date' },
  'field.renewal.standards.certificateTaken': {
    'zh-CN': '同类认证中已有该证书编号',
    en: 'A certification of this kind already has this certificate number',
  },
  'field.renewal.standards.rdOverRevenue': { 'zh-CN': '研发投入不能超过营业收入', en: 'R&D spending cannot exceed the revenue' },
  'field.renewal.standards.rdYearTaken': {
    'zh-CN': '本单位已填报 {year} 年度研发投入，请修改原报告',
    en: 'Your organisation has already reported {year}; edit that report instead',
  },
  'field.renewal.standards.numberForLevel': {
    'zh-CN': '标准号与级别不符（如国家标准 GB/T 12345—2024，行业标准 QB/T …，地方标准 DB35/T …，团体标准 T/…，企业标准 Q/…）',
    en: 'The number does not fit the level (national GB/T 12345—2024, industry QB/T …, local DB35/T …, group T/…, enterprise Q/…)',
  },
  'field.renewal.standards.publishedOnRequired': { 'zh-CN': '已发布的标准请填写发布日期', en: 'A published standard needs its publication date' },
  'field.renewal.standards.approvedOnRequired': { 'zh-CN': '请填写立项日期', en: 'Enter the date it was approved for drafting' },
  'field.renewal.standards.publishedBeforeApproved': { 'zh-CN': '发布日期不能早于立项日期', en: 'Publication cannot be before approval for drafting' },
  'field.renewal.standards.implementedBeforePublished': { 'zh-CN': '实施日期不能早于发布日期', en: 'Implementation cannot be before publication' },
  'field.renewal.standards.standardTaken': {
    'zh-CN': '本单位已登记参与该标准',
    en: 'Your organisation has already recorded its part in this standard',
  },
  'notification.renewal_claim_submitted': { 'zh-CN': '{organization}提交了待确认的记录', en: '{organization} submitted a record to confirm' },
  'notification.renewal_claim_confirmed': { 'zh-CN': '您提交的记录已确认', en: 'Your record was confirmed' },
  'notification.renewal_claim_returned': { 'zh-CN': '您提交的记录被退回：{reason}', en: 'Your record was returned: {reason}' },
  'notification.renewal_claim_withdrawn': { 'zh-CN': '您的记录已被撤销确认：{reason}', en: 'Your record’s confirmation was withdrawn: {reason}' },
});
