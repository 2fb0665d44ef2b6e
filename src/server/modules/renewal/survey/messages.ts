import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the renewal survey part (spread into the module's messages.ts). */
export const surveyMessages = defineMessages({
  'error.SURVEY_ROUND_CLOSED': {
    'zh-CN': '本年度调查已结束，不能再填报或提交',
    en: 'This survey round is closed: responses can no longer be edited or submitted',
  },
  'notification.renewal_survey_returned': { 'zh-CN': '企业数字化调查被退回：{reason}', en: 'Your digitalisation survey response was returned: {reason}' },
  'field.renewal.surveyYearExists': { 'zh-CN': '{year} 年度的调查已存在', en: 'There is already a survey round for {year}' },
  'field.renewal.surveyTownUnknown': { 'zh-CN': '没有这个镇街', en: 'There is no such town' },
  'field.renewal.surveyIndustryUnknown': { 'zh-CN': '不在“重点行业”字典中或已停用', en: 'Not in the industry list, or disabled' },
  'field.renewal.surveyRegisterDuplicate': { 'zh-CN': '该信用代码已在本年度名录中', en: 'This credit code is already in the round’s register' },
  'field.renewal.surveyCopySame': { 'zh-CN': '请选择另一个年度的名录', en: 'Choose another round’s register' },
  'field.renewal.surveyImportEmpty': { 'zh-CN': '文件中没有企业', en: 'The file lists no enterprise' },
  'field.renewal.surveyImportMissingColumn': { 'zh-CN': '缺少“{column}”列', en: 'The column “{column}” is missing' },
  'field.renewal.surveyImportTooMany': { 'zh-CN': '一次最多导入 {max} 行', en: 'At most {max} rows at once' },
  'field.renewal.surveyImportDuplicateRow': { 'zh-CN': '与第 {row} 行的信用代码重复', en: 'The same credit code as row {row}' },
  'field.renewal.surveyImportName': { 'zh-CN': '企业名称须为 2–100 个字', en: 'The name must be 2–100 characters' },
  'field.renewal.surveyToolsRequired': { 'zh-CN': '请选择使用的数字化研发设计工具', en: 'Choose the digital R&D tools in use' },
  'field.renewal.surveyToolsWithoutUse': { 'zh-CN': '未使用数字化研发设计工具时不填写工具', en: 'Name no tools when none are in use' },
  'field.renewal.surveyToolUnknown': { 'zh-CN': '不在“数字化研发设计工具”字典中或已停用', en: 'Not in the digital R&D tool list, or disabled' },
  'field.renewal.surveyToolTwice': { 'zh-CN': '同一工具选择了两次', en: 'A tool is chosen twice' },
  'field.renewal.surveyCncAboveKey': {
    'zh-CN': '数控化关键工序数不能超过关键工序总数（{key}）',
    en: 'Numerically controlled key processes cannot exceed the key processes ({key})',
  },
  'field.renewal.surveyTransformationNote': { 'zh-CN': '已完成数字化改造的，请简要说明', en: 'Describe the digital transformation briefly' },
  'field.renewal.survey5gNames': { 'zh-CN': '请填写5G+工业互联网应用的名称', en: 'Name the 5G + industrial internet applications' },
});
