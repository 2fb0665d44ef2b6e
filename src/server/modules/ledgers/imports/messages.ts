import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the ledgers imports part (spread into the module's messages.ts). */
export const importsMessages = defineMessages({
  'field.ledgers.import.unreadable': { 'zh-CN': '无法读取文件，请上传 Excel（.xlsx）文件', en: 'The file cannot be read; upload an Excel (.xlsx) file' },
  'field.ledgers.import.empty': { 'zh-CN': '文件中没有要导入的行', en: 'The file has no rows to import' },
  'field.ledgers.import.tooManyRows': { 'zh-CN': '一个文件最多 {max} 行，请分成多个文件导入', en: 'At most {max} rows per file; split it into several files' },
  'field.ledgers.import.missingColumn': { 'zh-CN': '缺少必填列“{column}”', en: 'The required column “{column}” is missing' },
  'field.ledgers.import.duplicateInFile': { 'zh-CN': '与第 {row} 行重复', en: 'The same as row {row}' },
  'field.ledgers.import.badMoney': { 'zh-CN': '须为以元为单位的金额，最多 2 位小数', en: 'Must be an amount in yuan with at most 2 decimals' },
  'field.ledgers.import.unknownTownName': { 'zh-CN': '没有名为“{value}”的镇街', en: 'There is no town named “{value}”' },
  'field.ledgers.import.unknownOrganizationName': { 'zh-CN': '系统中没有名为“{value}”的单位', en: 'No organisation named “{value}” is registered' },
  'field.ledgers.import.ambiguousOrganization': {
    'zh-CN': '有多个单位名为“{value}”，请在系统中登记后逐项填写',
    en: 'Several organisations are named “{value}”; enter this asset in the form instead',
  },
  'field.ledgers.import.noFiles': {
    'zh-CN': '文件不能通过表格导入，请在资产页面上传',
    en: 'Files cannot be imported from a spreadsheet; upload them on the asset’s page',
  },
  'field.ledgers.import.notYourAsset': {
    'zh-CN': '台账中的该资产不属于本镇街，不能更新',
    en: 'This asset of the ledger belongs to another town and cannot be updated',
  },
});
