import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the ledgers assets part (spread into the module's messages.ts). */
export const assetsMessages = defineMessages({
  'field.ledgers.valueTaken': { 'zh-CN': '台账中已有“{value}”', en: 'The ledger already has “{value}”' },
  'field.ledgers.notYourTown': { 'zh-CN': '只能登记本镇街的资产', en: 'You can only register assets of your own town' },
  'field.ledgers.noAddedEvent': { 'zh-CN': '该台账没有“新增”事件', en: 'This ledger has no “added” event' },
  'field.ledgers.addedOnExisting': { 'zh-CN': '“新增”只用于登记新资产', en: 'An “added” event only registers a new asset' },
  'field.ledgers.beforeInService': { 'zh-CN': '不能早于投入使用的日期（{date}）', en: 'Cannot be before the asset entered service ({date})' },
  'field.ledgers.notChangeable': { 'zh-CN': '此事件不能修改“{key}”', en: 'This event cannot change “{key}”' },
  'field.ledgers.opNotForType': { 'zh-CN': '该字段不能用“{op}”筛选', en: 'This field cannot be filtered with “{op}”' },
  'field.ledgers.filtersInvalid': { 'zh-CN': '筛选条件格式不正确', en: 'The filters are not well formed' },
  'field.ledgers.unknownSort': { 'zh-CN': '不能按“{sort}”排序', en: 'Cannot sort by “{sort}”' },
  'ledgers.assets.registered': { 'zh-CN': '登记', en: 'Registered' },
  'ledgers.assets.reimported': { 'zh-CN': '重新导入更新', en: 'Updated by re-import' },
  'ledgers.assets.edited': { 'zh-CN': '修改：{fields}', en: 'Edited: {fields}' },
  'ledgers.assets.event': { 'zh-CN': '{event}（{date}）', en: '{event} ({date})' },
  'ledgers.assets.status.in_service': { 'zh-CN': '在用', en: 'In service' },
  'ledgers.assets.status.replaced': { 'zh-CN': '已更换', en: 'Replaced' },
  'ledgers.assets.status.scrapped': { 'zh-CN': '已报废', en: 'Scrapped' },
  'ledgers.assets.export.status': { 'zh-CN': '状态', en: 'Status' },
  'ledgers.assets.export.old': { 'zh-CN': '老旧', en: 'Old' },
  'ledgers.assets.export.oldFrom': { 'zh-CN': '老旧起始日', en: 'Old from' },
  'ledgers.assets.export.yes': { 'zh-CN': '是', en: 'Yes' },
  'ledgers.assets.export.no': { 'zh-CN': '否', en: 'No' },
  'ledgers.assets.export.truncated': {
    'zh-CN': '符合条件的共 {total} 条，仅导出前 {max} 条；请缩小筛选范围分批导出',
    en: '{total} assets match; only the first {max} are exported. Narrow the filters to export the rest',
  },
  'ledgers.assets.export.yuan': { 'zh-CN': '{label}（元）', en: '{label} (yuan)' },
});
