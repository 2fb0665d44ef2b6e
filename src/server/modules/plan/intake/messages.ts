import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of plan intake (zh-CN and en side by side). */
export const intakeMessages = defineMessages({
  'field.plan.intakeTooShort': {
    'zh-CN': '文本过短（至少 {min} 个字），请粘贴方案全文',
    en: 'The text is too short (at least {min} characters); paste the whole plan',
  },
  'field.plan.intakeUnreadable': {
    'zh-CN': '无法读取该文件，请确认是 .docx 或带文字层的 PDF',
    en: 'The file cannot be read; use a .docx or a PDF with a text layer',
  },
  'field.plan.intakeNoTextLayer': {
    'zh-CN': '该 PDF 没有文字层（可能是扫描件），请上传 .docx 或粘贴文本',
    en: 'The PDF has no text layer (a scan?); upload the .docx or paste the text',
  },
  'plan.intake.warning.noDocNumber': {
    'zh-CN': '未找到文号（如 晋政文〔2024〕98号），请补填',
    en: 'No document number found (e.g. 晋政文〔2024〕98号); fill it in',
  },
  'plan.intake.warning.noTitle': { 'zh-CN': '未找到方案标题', en: 'No plan title found' },
  'plan.intake.warning.noIssuer': { 'zh-CN': '未找到发文机关', en: 'No issuer found' },
  'plan.intake.warning.noDate': { 'zh-CN': '未找到印发日期，暂按期初年份 1 月 1 日', en: 'No date of issue found; 1 January of the first year assumed' },
  'plan.intake.warning.noPeriod': { 'zh-CN': '未能确定方案期限（到某年），暂按当年', en: 'The plan period could not be determined; this year assumed' },
  'plan.intake.warning.noRegion': { 'zh-CN': '不认识的行政区“{name}”，请填写 6 位区划代码', en: 'Unknown region "{name}"; enter its 6-digit division code' },
  'plan.intake.warning.noPreamble': { 'zh-CN': '未找到“为……制定本方案”的引言段', en: 'No preamble ("为……制定本方案") found' },
  'plan.intake.warning.noGeneral': { 'zh-CN': '未找到“总体要求/指导思想”部分', en: 'No general requirements section found' },
  'plan.intake.warning.noActions': { 'zh-CN': '未找到“重点任务”下的（一）（二）……条目', en: 'No actions （一）（二）… found under the key tasks' },
  'plan.intake.warning.noUnits': { 'zh-CN': '任务“{task}”未找到（责任单位：……）', en: 'Task "{task}" has no (责任单位：…) parenthesis' },
  'plan.intake.warning.allDepartments': {
    'zh-CN': '责任单位为“有关部门”，暂以 {lead} 牵头，请确认',
    en: 'Units are "the departments concerned"; {lead} assumed to lead — confirm',
  },
  'plan.intake.warning.lessOrEqual': {
    'zh-CN': '“{name}”是上限目标（≤），方案文件暂不支持，已暂记为 ≈，请确认',
    en: '"{name}" is a ceiling (≤), which plan files cannot carry yet; recorded as ≈ — confirm',
  },
  'plan.intake.warning.rangeTaken': { 'zh-CN': '“{name}”为区间目标，取下限并记为 ≥', en: '"{name}" is a range; its lower end is taken as ≥' },
  'plan.intake.warning.yearAssumed': { 'zh-CN': '“{name}”未写年份，按方案期末年份', en: '"{name}" names no year; the plan\'s end year is assumed' },
  'plan.intake.warning.nameBorrowed': { 'zh-CN': '“{name}”的名称取自前一个指标', en: 'The name of "{name}" comes from the previous indicator' },
  'plan.intake.warning.inWords': {
    'zh-CN': '“{name}”的目标由文字推断（如 全覆盖、一倍）',
    en: 'The target of "{name}" is inferred from words (全覆盖, 一倍…)',
  },
  'plan.intake.warning.decrease': { 'zh-CN': '“{name}”是下降目标，请核对口径', en: '"{name}" is a reduction target; check how it is measured' },
  'plan.intake.warning.noBaseline': {
    'zh-CN': '“{name}”是增长目标但未写基期，暂按期初前一年',
    en: '"{name}" is a growth target without a baseline year; the year before the plan assumed',
  },
  'plan.intake.warning.chineseNumeral': { 'zh-CN': '“{name}”的数值以汉字书写', en: 'The value of "{name}" is written in Chinese numerals' },
  'plan.intake.warning.shortName': { 'zh-CN': '“{name}”的名称过短，请补全', en: 'The name "{name}" is too short; complete it' },
});

export type IntakeMessageKey = keyof typeof intakeMessages;
