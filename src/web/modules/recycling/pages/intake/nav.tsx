import { lazy } from 'react';
import { FileTextOutlined, InboxOutlined, ProfileOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RecyclingMessageKey } from '../../index';

const pages = {
  Intake: lazy(() => import('./IntakePage')),
  Invoices: lazy(() => import('./ReverseInvoicesPage')),
  Overview: lazy(() => import('./IntakeOverviewPage')),
};

/** The intake pages in the menu: a recycler records and files; 市商务局, the office and auditors oversee. */
export const intakeNavigation: NavItem<RecyclingMessageKey>[] = [
  {
    key: 'recycling-intake',
    path: '/recycling/intake',
    labelKey: 'recycling.nav.intake',
    descriptionKey: 'recycling.nav.intake.desc',
    icon: <InboxOutlined />,
    roles: ['recycler'],
    section: 'recycling',
    page: pages.Intake,
  },
  {
    key: 'recycling-reverse-invoices',
    path: '/recycling/intake/invoices',
    labelKey: 'recycling.nav.invoices',
    descriptionKey: 'recycling.nav.invoices.desc',
    icon: <FileTextOutlined />,
    roles: ['recycler'],
    section: 'recycling',
    page: pages.Invoices,
  },
  {
    key: 'recycling-intake-all',
    path: '/recycling/intake/all',
    labelKey: 'recycling.nav.intakeAll',
    descriptionKey: 'recycling.nav.intakeAll.desc',
    icon: <ProfileOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'recycling',
    page: pages.Overview,
  },
];
