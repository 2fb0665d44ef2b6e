/** Messages of the recycling pages: the recycling network, its supervision and the public list of sites. */
import type { Messages } from '../../i18n/catalogue';
import { inspectionMessages } from './pages/inspections/messages';
import { siteMessages } from './pages/sites/messages';
import { pickupMessages } from './pages/pickups/messages';
import { intakeMessages } from './pages/intake/messages';
import { vehiclesMessages } from './pages/vehicles/messages';
import { dealersMessages } from './pages/dealers/messages';

export const recyclingMessages = {
  ...inspectionMessages,
  ...siteMessages,
  ...pickupMessages,
  ...intakeMessages,
  ...vehiclesMessages,
  ...dealersMessages,
  'nav.section.recycling': { 'zh-CN': '回收体系', en: 'Recycling' },
  'recycling.grants.domain': { 'zh-CN': '再生资源回收（网点登记与监管）', en: 'Recycling (network and supervision)' },
  'recycling.grants.capHelp.manage': { 'zh-CN': '登记和变更回收网点、组织检查与整改', en: 'register and change sites, run inspections and rectification' },
} satisfies Messages;
