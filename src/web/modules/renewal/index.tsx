import type { WebModule } from '../../layout/webModule';
import { renewalMessages } from './messages';
import { projectsNavigation } from './pages/projects/nav';
import { fundingNavigation } from './pages/funding/nav';
import { surveyNavigation } from './pages/survey/nav';
import { standardsNavigation } from './pages/standards/nav';
import { overviewNavigation } from './pages/overview/nav';

export type RenewalMessageKey = keyof typeof renewalMessages;

/**
 * The equipment-renewal pages. As on the server (renewal/policies/*.ts): enterprises and public bodies register
 * their projects, towns check them, the department with the renewal grant (市工信局) approves them into the
 * library; funding is recorded per project and source.
 */
export const renewal: WebModule<RenewalMessageKey> = {
  name: 'renewal',
  sections: [{ key: 'renewal', labelKey: 'nav.section.renewal', order: 35 }],
  navigation: [...overviewNavigation, ...projectsNavigation, ...fundingNavigation, ...surveyNavigation, ...standardsNavigation],
  messages: renewalMessages,
  grantDomains: [
    {
      domain: 'renewal',
      labelKey: 'renewal.grants.domain',
      capabilityHelpKeys: { manage: 'renewal.grants.capHelp.manage', confirm_payment: 'renewal.grants.capHelp.confirmPayment' },
    },
    { domain: 'renewal_standards', labelKey: 'renewal.grants.standardsDomain', capabilityHelpKeys: { manage: 'renewal.grants.capHelp.standards' } },
    { domain: 'renewal_rd', labelKey: 'renewal.grants.rdDomain', capabilityHelpKeys: { manage: 'renewal.grants.capHelp.rd' } },
  ],
};
