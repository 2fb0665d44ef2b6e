import type { WebModule } from '../../layout/webModule';
import { ledgersMessages } from './messages';
import { kindsNavigation } from './pages/kinds/nav';
import { assetsNavigation } from './pages/assets/nav';

export type LedgersMessageKey = keyof typeof ledgersMessages;

/**
 * The asset ledgers (台账): the kinds and their definitions (office and keeping departments), each ledger's assets,
 * renewal events, imports and overview. As on the server (ledgers/policies/*.ts): towns see and edit their own part
 * of the kinds open to them.
 */
export const ledgers: WebModule<LedgersMessageKey> = {
  name: 'ledgers',
  sections: [{ key: 'ledgers', labelKey: 'nav.section.ledgers', order: 37 }],
  navigation: [...kindsNavigation, ...assetsNavigation],
  messages: ledgersMessages,
  grantDomains: [{ domain: 'ledgers', labelKey: 'ledgers.grants.domain', capabilityHelpKeys: { manage: 'ledgers.grants.capHelp.manage' } }],
};
