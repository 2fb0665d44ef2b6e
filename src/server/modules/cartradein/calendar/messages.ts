import { defineMessages } from '../../../../shared/i18n/messages.js';

/** The working calendar's import messages (zh-CN and en side by side), spread into the module's messages. */
export const calendarMessages = defineMessages({
  'field.cartradein.calendar.badDate': {
    'zh-CN': '“{value}”不是有效的日期，请填写 YYYY-MM-DD（如 2027-01-01）',
    en: '“{value}” is not a valid date; write YYYY-MM-DD (e.g. 2027-01-01)',
  },
  'field.cartradein.calendar.dateRequired': {
    'zh-CN': '请填写日期',
    en: 'The date is missing',
  },
  'field.cartradein.calendar.duplicateDate': {
    'zh-CN': '{date} 已在第 {row} 行出现，每个日期只能填一行',
    en: '{date} is already on row {row}; each date goes on one row only',
  },
  'field.cartradein.calendar.unknownKind': {
    'zh-CN': '类型“{value}”无法识别，应为 holiday（节假日）或 workday（调休上班）',
    en: 'Unknown kind “{value}”: write holiday (public holiday) or workday (make-up working day)',
  },
  'field.cartradein.calendar.workdayOnWeekday': {
    'zh-CN': '{date} 是周一至周五，本来就是工作日；调休上班日只能是周六或周日',
    en: '{date} is a weekday, a working day anyway; a make-up working day can only be a Saturday or Sunday',
  },
  'field.cartradein.calendar.nameRequired': {
    'zh-CN': '请填写名称（如 春节、国庆节调休上班）',
    en: 'Give the day a name (e.g. 春节, 国庆节调休上班)',
  },
  'field.cartradein.calendar.nameTooLong': {
    'zh-CN': '名称不能超过 {max} 个字',
    en: 'The name can be at most {max} characters',
  },
  'field.cartradein.calendar.missingColumn': {
    'zh-CN': '第一行缺少“{column}”列，请使用下载的模板',
    en: 'The first row has no “{column}” column; use the template',
  },
  'field.cartradein.calendar.unreadable': {
    'zh-CN': '无法读取该文件，请上传 .xlsx 格式的 Excel 文件',
    en: 'The file cannot be read; upload an Excel .xlsx file',
  },
  'field.cartradein.calendar.empty': {
    'zh-CN': '文件中没有任何日期行',
    en: 'The file has no rows with a date',
  },
  'field.cartradein.calendar.tooManyRows': {
    'zh-CN': '一年最多 {max} 行，文件中有 {count} 行',
    en: 'A year has at most {max} rows; the file has {count}',
  },
  'error.CALENDAR_IMPORT_INVALID': {
    'zh-CN': '文件中有 {count} 处错误，未导入任何内容',
    en: 'The file has {count} errors; nothing was imported',
  },
});
