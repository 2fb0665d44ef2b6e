import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of renewal projects and recognitions (spread into the module's messages.ts). */
export const projectsMessages = defineMessages({
  'field.renewal.projects.notATown': { 'zh-CN': '请选择晋江市的镇（街道）或经济开发区', en: 'Choose a town (subdistrict) of Jinjiang or the development zone' },
  'field.renewal.projects.codeNotOffered': { 'zh-CN': '该代码不在字典中或已停用', en: 'This code is not in the dictionary or is disabled' },
  'field.renewal.projects.equipmentOverTotal': { 'zh-CN': '设备投资不能超过总投资', en: 'The equipment investment cannot exceed the total investment' },
  'field.renewal.projects.equipmentRowsOverShare': {
    'zh-CN': '新购设备金额合计超过了设备投资',
    en: 'The new equipment rows add up to more than the equipment investment',
  },
  'field.renewal.projects.endBeforeStart': { 'zh-CN': '计划竣工日期不能早于计划开工日期', en: 'The planned end cannot be before the planned start' },
  'field.renewal.projects.notEditable': {
    'zh-CN': '只有草稿或被退回的项目可以修改',
    en: 'Only a draft or a returned project can be edited',
  },
  'field.renewal.projects.dateInFuture': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  'field.renewal.projects.completedBeforeStart': { 'zh-CN': '竣工日期不能早于开工日期（{date}）', en: 'Completion cannot be before the start ({date})' },
  'field.renewal.projects.evidenceInvalid': {
    'zh-CN': '佐证材料无效，请由本单位账号重新上传',
    en: 'This evidence file is not valid; upload it again from your organisation’s account',
  },
  'field.renewal.projects.notAProject': { 'zh-CN': '项目不存在', en: 'No such project' },
  'field.renewal.projects.notAnEnterprise': { 'zh-CN': '请选择已登记的企业或单位', en: 'Choose a registered enterprise or public body' },
  'field.renewal.projects.alreadyRecognised': {
    'zh-CN': '该项目（企业）已有同类同级的认定',
    en: 'This project (enterprise) already has a recognition of this kind and level',
  },
  'field.renewal.projects.recognitionHolder': { 'zh-CN': '请选择项目或企业', en: 'Choose a project or an enterprise' },
  // Import of a department's existing list, by row and column.
  'field.renewal.projects.import.unreadable': { 'zh-CN': '无法读取该文件，请使用下载的模板（xlsx）', en: 'The file cannot be read; use the template (xlsx)' },
  'field.renewal.projects.import.empty': { 'zh-CN': '文件中没有项目行', en: 'The file has no project rows' },
  'field.renewal.projects.import.tooManyRows': { 'zh-CN': '一次最多导入 {max} 行', en: 'At most {max} rows per import' },
  'field.renewal.projects.import.missingColumn': { 'zh-CN': '缺少列“{column}”', en: 'Column “{column}” is missing' },
  'field.renewal.projects.import.required': { 'zh-CN': '必填', en: 'Required' },
  'field.renewal.projects.import.unknownValue': { 'zh-CN': '无法识别“{value}”', en: '“{value}” is not one of the allowed values' },
  'field.renewal.projects.import.unknownEnterprise': {
    'zh-CN': '系统中没有统一社会信用代码为“{value}”的企业或单位',
    en: 'No enterprise or public body has the credit code “{value}”',
  },
  'field.renewal.projects.import.unknownTown': { 'zh-CN': '没有名为“{value}”的镇（街道）', en: 'No town is called “{value}”' },
  'field.renewal.projects.import.badAmount': {
    'zh-CN': '金额须为万元数，最多六位小数（即精确到分）',
    en: 'An amount in 万元 with at most six decimals (to the fen)',
  },
  'field.renewal.projects.import.badDate': { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'A date as YYYY-MM-DD' },
  'field.renewal.projects.import.badYesNo': { 'zh-CN': '请填“是”或“否”', en: 'Fill in 是 (yes) or 否 (no)' },
  'field.renewal.projects.import.duplicateCode': { 'zh-CN': '项目编号与第 {row} 行重复', en: 'The same project code as row {row}' },
  'field.renewal.projects.import.codeExists': { 'zh-CN': '项目编号“{value}”已在项目库中', en: 'Project code “{value}” is already in the library' },
  'field.renewal.projects.import.badCode': { 'zh-CN': '项目编号只能包含字母、数字、- 和 _（3–40 位）', en: 'Letters, digits, - and _ only (3–40)' },
  'field.renewal.projects.import.interrupted': {
    'zh-CN': '导入中断，未写入任何数据，请重新上传',
    en: 'The import was interrupted and nothing was written; upload again',
  },
  'notification.renewal_project_submitted': {
    'zh-CN': '项目 {code}《{name}》已提交，请镇街审核',
    en: 'Project {code} “{name}” was submitted for the town’s check',
  },
  'notification.renewal_project_awaiting_approval': {
    'zh-CN': '项目 {code}《{name}》待审核入库',
    en: 'Project {code} “{name}” waits for approval into the library',
  },
  'notification.renewal_project_returned': {
    'zh-CN': '项目 {code}《{name}》被退回：{reason}',
    en: 'Project {code} “{name}” was returned: {reason}',
  },
  'notification.renewal_project_approved': { 'zh-CN': '项目 {code}《{name}》已审核入库', en: 'Project {code} “{name}” was approved into the library' },
  'notification.renewal_project_started': { 'zh-CN': '项目 {code}《{name}》已开工', en: 'Construction of project {code} “{name}” started' },
  'notification.renewal_project_completion_returned': {
    'zh-CN': '项目 {code}《{name}》的竣工被退回，请补充后重新竣工：{reason}',
    en: 'The completion of project {code} “{name}” was returned; add what is missing and complete it again: {reason}',
  },
  'notification.renewal_project_completed': { 'zh-CN': '项目 {code}《{name}》已竣工', en: 'Project {code} “{name}” was completed' },
});
