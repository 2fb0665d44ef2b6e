/** Messages of the renewal pages: projects and their funding. */
import type { Messages } from '../../i18n/catalogue';
import { projectsMessages } from './pages/projects/messages';
import { fundingMessages } from './pages/funding/messages';
import { surveyMessages } from './pages/survey/messages';
import { standardsMessages } from './pages/standards/messages';
import { overviewMessages } from './pages/overview/messages';

export const renewalMessages = {
  ...projectsMessages,
  ...fundingMessages,
  ...surveyMessages,
  ...standardsMessages,
  ...overviewMessages,
  'nav.section.renewal': { 'zh-CN': '设备更新', en: 'Equipment renewal' },
  'renewal.grants.domain': { 'zh-CN': '设备更新（项目入库与资金）', en: 'Equipment renewal (projects and funding)' },
  'renewal.grants.capHelp.manage': {
    'zh-CN': '审核项目入库、认定示范工厂与场景',
    en: 'approve projects into the library, recognise demonstration factories and scenes',
  },
  'renewal.grants.capHelp.confirmPayment': { 'zh-CN': '登记资金下达与拨付', en: 'record funds granted and paid' },
  'renewal.grants.standardsDomain': { 'zh-CN': '设备更新（标准）', en: 'Equipment renewal (standards)' },
  'renewal.grants.capHelp.standards': { 'zh-CN': '确认企业主导或参与制修订的标准', en: 'confirm the standards enterprises lead or join' },
  'renewal.grants.rdDomain': { 'zh-CN': '设备更新（研发投入）', en: 'Equipment renewal (R&D investment)' },
  'renewal.grants.capHelp.rd': { 'zh-CN': '确认企业年度研发投入', en: 'confirm enterprises’ yearly R&D investment' },
} satisfies Messages;
