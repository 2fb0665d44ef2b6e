import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { intakeMessages } from './intake/messages.js';
import { matterMessages } from './matters/index.js';
import { supervisionMessages } from './supervision/index.js';

/** The plan module's messages (zh-CN and en side by side): The work plan, its indicators, reporting periods, reports, imports and reminders. */
export const planMessages = defineMessages({
  ...intakeMessages,
  ...supervisionMessages,
  ...matterMessages,
  'field.plan.fileProblem': {
    'zh-CN': '方案文件有误：{problem}',
    en: 'Invalid plan file: {problem}',
  },
  'field.plan.targetYearOutsidePlan': {
    'zh-CN': '目标年份须在方案期限 {startYear}–{endYear} 年内',
    en: 'Target years must lie within the plan period {startYear}–{endYear}',
  },
  'field.plan.targetYearsNotAscending': {
    'zh-CN': '目标年份须按年份递增且不重复',
    en: 'Target years must be in ascending order without repeats',
  },
  'field.plan.baselineAfterTarget': {
    'zh-CN': '基期年份须早于第一个目标年份',
    en: 'The baseline year must be before the first target year',
  },
  'field.plan.metricRequired': {
    'zh-CN': '自动计算的指标须指定计算口径（metric）',
    en: 'A computed indicator needs a metric',
  },
  'field.plan.unknownMetric': {
    'zh-CN': '没有名为 {metric} 的统计指标',
    en: 'There is no metric named {metric}',
  },
  'field.plan.unitNotResponsible': {
    'zh-CN': '只能选择工作专班办公室或市直部门作为责任单位',
    en: 'Only the work team office or a municipal department can be a responsible unit',
  },
  'field.plan.attachmentUnknown': {
    'zh-CN': '附件不存在',
    en: 'No such attachment',
  },
  'error.PERIOD_CLOSED': {
    'zh-CN': '报告期已关闭，不能再填报',
    en: 'The reporting period is closed',
  },
  'field.report.notANumber': {
    'zh-CN': '应为数字',
    en: 'Must be a number',
  },
  'field.report.percentRange': {
    'zh-CN': '百分比应在 0–100 之间',
    en: 'A percentage lies between 0 and 100',
  },
  'field.report.wholeNumber': {
    'zh-CN': '数量应为不小于 0 的整数',
    en: 'A count is a whole number ≥ 0',
  },
  'field.report.nonNegative': {
    'zh-CN': '不能为负数',
    en: 'Cannot be negative',
  },
  'field.report.positive': {
    'zh-CN': '基期值应大于 0',
    en: 'The baseline must be above 0',
  },
  'field.report.valueRequired': {
    'zh-CN': '请填写本期数值',
    en: 'Enter the value for the period',
  },
  'field.report.narrativeRequired': {
    'zh-CN': '请填写情况说明',
    en: 'Enter the narrative',
  },
  'field.report.baselineRequired': {
    'zh-CN': '请填写基期（{year}年）数值，只需填报一次',
    en: 'Enter the baseline ({year}) value; it is reported once',
  },
  'field.report.baselineNotNeeded': {
    'zh-CN': '该指标不需要填报基期值',
    en: 'This indicator needs no baseline value',
  },
  'field.report.evidenceNotOwn': {
    'zh-CN': '附件不存在或不属于本单位',
    en: 'No such attachment of your organisation',
  },
  'field.period.format': {
    'zh-CN': '报告期格式应为 YYYY-MM',
    en: 'A period is written YYYY-MM',
  },
  'field.period.outsidePlan': {
    'zh-CN': '报告期须在方案实施期内（{from} 至当前月份）',
    en: 'The period must lie within the plan ({from} up to the current month)',
  },
  'field.import.missingColumn': {
    'zh-CN': '缺少列“{column}”',
    en: 'Column "{column}" is missing',
  },
  'field.import.unknownReport': {
    'zh-CN': '报告编号不存在或不属于本单位',
    en: 'No such report of your organisation',
  },
  'field.import.notEditable': {
    'zh-CN': '该报告当前状态为“{status}”，不能再修改',
    en: 'The report is "{status}" and can no longer be changed',
  },
  'field.import.duplicateRow': {
    'zh-CN': '报告编号与第 {row} 行重复',
    en: 'Same report as row {row}',
  },
  'field.import.empty': {
    'zh-CN': '文件中没有可导入的数据行',
    en: 'The file has no rows to import',
  },
  'field.import.tooManyRows': {
    'zh-CN': '一次最多导入 {max} 行',
    en: 'At most {max} rows per file',
  },
  'field.import.unreadable': {
    'zh-CN': '无法读取 Excel 文件（请使用下载的 .xlsx 模板）',
    en: 'The Excel file cannot be read (use the downloaded .xlsx template)',
  },
  'field.import.interrupted': {
    'zh-CN': '导入中断：处理该文件的服务在 {minutes} 分钟内未完成（可能已重启），未写入任何数据，请重新上传该文件',
    en: 'The import was interrupted: the server handling the file did not finish within {minutes} minutes (it may have restarted). Nothing was saved; please upload the file again',
  },
  'notification.plan_period_opened': {
    'zh-CN': '{period} 报告期已开启，本单位有 {count} 项指标需在 {deadline} 前填报',
    en: 'Reporting for {period} is open: {count} indicators due by {deadline}',
  },
  'notification.plan_deadline_soon': {
    'zh-CN': '{period} 报告将于 {deadline} 截止，本单位还有 {count} 项未提交',
    en: 'Reports for {period} are due on {deadline}; {count} not yet submitted',
  },
  'notification.plan_report_overdue': {
    'zh-CN': '{period} 报告已于 {deadline} 截止，本单位有 {count} 项逾期未报',
    en: 'Reports for {period} were due on {deadline}; {count} are overdue',
  },
  'notification.plan_reports_overdue_office': {
    'zh-CN': '{period} 报告已截止，{units} 个单位共 {count} 项逾期未报',
    en: 'Reports for {period} are past due: {count} from {units} units are overdue',
  },
  'notification.plan_report_returned': {
    'zh-CN': '“{indicator}”{period} 报告被退回：{reason}',
    en: 'Your {period} report on "{indicator}" was returned: {reason}',
  },
  'notification.plan_report_accepted': {
    'zh-CN': '“{indicator}”{period} 报告已通过审核',
    en: 'Your {period} report on "{indicator}" was accepted',
  },
});

registerMessages(planMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof planMessages, true> {}
}
