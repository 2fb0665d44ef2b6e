import { lazy } from 'react';
import { AccountBookOutlined, BarChartOutlined, FundOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

const pages = {
  Projects: lazy(() => import('./FundingProjectsPage')),
  Applications: lazy(() => import('./ApplicationsPage')),
  Overview: lazy(() => import('./OverviewPage')),
};

/**
 * The funding pages in the menu, as the server's policy (renewal/policies/funding.ts) has it: the enterprise applies
 * for its projects and follows them; the departments' queues (grant: renewal `manage`, 市工信局; pay:
 * `confirm_payment`, 市财政局) and every application for departments, the office and auditors; the overview for them.
 */
export const fundingNavigation: NavItem<RenewalMessageKey>[] = [
  {
    key: 'renewal-funding-projects',
    path: '/renewal/funding',
    labelKey: 'renewal.funding.nav.projects',
    descriptionKey: 'renewal.funding.nav.projects.desc',
    icon: <FundOutlined />,
    roles: ['enterprise', 'office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Projects,
  },
  {
    key: 'renewal-funding-applications',
    path: '/renewal/funding/applications',
    labelKey: 'renewal.funding.nav.applications',
    descriptionKey: 'renewal.funding.nav.applications.desc',
    icon: <AccountBookOutlined />,
    roles: ['enterprise', 'office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Applications,
  },
  {
    key: 'renewal-funding-overview',
    path: '/renewal/funding/overview',
    labelKey: 'renewal.funding.nav.overview',
    descriptionKey: 'renewal.funding.nav.overview.desc',
    icon: <BarChartOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Overview,
  },
];
