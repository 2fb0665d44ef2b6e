import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Server messages of the ledgers kinds part (spread into the module's messages.ts). */
export const kindsMessages = defineMessages({
  'field.ledgers.unknownDictionary': { 'zh-CN': '没有代码表“{code}”', en: 'There is no code list “{code}”' },
  'field.ledgers.notKeeper': { 'zh-CN': '台账只能由工作专班办公室或市直部门（单位）管理', en: 'A ledger is kept by the work team office or a department' },
  'field.ledgers.ownKeeperOnly': { 'zh-CN': '部门只能新建由本单位管理的台账', en: 'A department can only create a ledger it keeps itself' },
});
