/** Messages of the renewal pages: projects and their funding. */
import type { Messages } from '../../i18n/catalogue';
import { projectsMessages } from './pages/projects/messages';
import { fundingMessages } from './pages/funding/messages';

export const renewalMessages = {
  ...projectsMessages,
  ...fundingMessages,
  'nav.section.renewal': { 'zh-CN': '设备更新', en: 'Equipment renewal' },
  'renewal.grants.domain': { 'zh-CN': '设备更新（项目入库与资金）', en: 'Equipment renewal (projects and funding)' },
  'renewal.grants.capHelp.manage': {
    'zh-CN': '审核项目入库、认定示范工厂与场景',
    en: 'approve projects into the library, recognise demonstration factories and scenes',
  },
  'renewal.grants.capHelp.confirmPayment': { 'zh-CN': '登记资金下达与拨付', en: 'record funds granted and paid' },
} satisfies Messages;
