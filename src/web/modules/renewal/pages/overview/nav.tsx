import { lazy } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

const pages = { Overview: lazy(() => import('./OverviewPage')) };

/** The renewal overview, for those who read every project (renewal/policies/overview.ts): office, departments, auditors. */
export const overviewNavigation: NavItem<RenewalMessageKey>[] = [
  {
    key: 'renewal-overview',
    path: '/renewal/overview',
    labelKey: 'renewal.overview.nav',
    descriptionKey: 'renewal.overview.nav.desc',
    icon: <DashboardOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Overview,
  },
];
