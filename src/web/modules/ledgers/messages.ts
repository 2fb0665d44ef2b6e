/** Messages of the ledger pages. */
import type { Messages } from '../../i18n/catalogue';
import { kindsMessages } from './pages/kinds/messages';
import { assetsMessages } from './pages/assets/messages';

export const ledgersMessages = {
  ...kindsMessages,
  ...assetsMessages,
  'nav.section.ledgers': { 'zh-CN': '设施设备台账', en: 'Asset ledgers' },
  'ledgers.grants.domain': { 'zh-CN': '设施设备台账', en: 'Asset ledgers' },
  'ledgers.grants.capHelp.manage': { 'zh-CN': '新建台账类型（成为其管理单位）', en: 'define new ledger kinds (and keep them)' },
} satisfies Messages;
