import { lazy } from 'react';
import { AuditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RenewalMessageKey } from '../../index';

const pages = {
  Mine: lazy(() => import('./MyStandardsPage')),
  Official: lazy(() => import('./StandardsPage')),
};

/**
 * The standards pages in the menu, as the server's policies (renewal/policies/standard.ts, certification.ts,
 * brand.ts, rdReport.ts) have it: the enterprise records its own; every department, the office and auditors read
 * all, and the grant holders confirm (市市场监管局 standards, 市工信局 certifications and brands, 市科技局 R&D).
 */
export const standardsNavigation: NavItem<RenewalMessageKey>[] = [
  {
    key: 'renewal-standards-mine',
    path: '/renewal/standards/mine',
    labelKey: 'renewal.std.nav.mine',
    descriptionKey: 'renewal.std.nav.mine.desc',
    icon: <SafetyCertificateOutlined />,
    roles: ['enterprise'],
    section: 'renewal',
    page: pages.Mine,
  },
  {
    key: 'renewal-standards',
    path: '/renewal/standards',
    labelKey: 'renewal.std.nav.official',
    descriptionKey: 'renewal.std.nav.official.desc',
    icon: <AuditOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'renewal',
    page: pages.Official,
  },
];
