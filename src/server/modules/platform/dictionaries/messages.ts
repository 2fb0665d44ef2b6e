import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the dictionaries (spread into the platform's messages.ts). */
export const dictionaryMessages = defineMessages({
  'error.DICTIONARY_CODE_IN_USE': {
    'zh-CN': '该编码已被{usedBy}使用 {count} 次，不能删除，只能停用',
    en: 'This code is used {count} times by {usedBy}; it cannot be deleted, only disabled',
  },
  'error.DICTIONARY_ITEM_HAS_CHILDREN': {
    'zh-CN': '该项下还有 {count} 个子项，请先删除或移走子项',
    en: 'This item still has {count} sub-items; delete or move them first',
  },
  'error.DICTIONARY_ITEM_EXISTS': {
    'zh-CN': '编码 {code} 已存在',
    en: 'The code {code} already exists',
  },
  'field.dictionary.parent': {
    'zh-CN': '上级须为本字典中的其他项，且不能是它自己的下级',
    en: 'The parent must be another item of this dictionary, not one of its own sub-items',
  },
});
