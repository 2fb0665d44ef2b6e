import { lazy } from 'react';
import { EnvironmentOutlined } from '@ant-design/icons';
import { AuditOutlined, CameraOutlined } from '@ant-design/icons';
import { CarOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { WebModule } from '../../layout/webModule';
import { recyclingMessages } from './messages';
import { intakeNavigation } from './pages/intake/nav';
import { vehiclesNavigation } from './pages/vehicles/nav';
import { dealersNavigation } from './pages/dealers/nav';

/**
 * The recycling pages. As on the server (policies/*.ts): towns and the department with the recycling grant
 * (市商务局) register and change sites, operators keep their own sites' details, inspectors record inspections on
 * a phone; the public list of operating sites needs no sign-in.
 */
const sitePages = {
  Sites: lazy(() => import('./pages/SitesPage')),
  Site: lazy(() => import('./pages/SitePage')),
};

const inspectionPages = {
  Inspections: lazy(() => import('./pages/InspectionsPage')),
  Inspect: lazy(() => import('./pages/InspectPage')),
};

const pickupPages = {
  Book: lazy(() => import('./pages/BookPickupPage')),
  Recycler: lazy(() => import('./pages/RecyclerPickupsPage')),
  All: lazy(() => import('./pages/pickups/ManagerPickupsPage')),
  Check: lazy(() => import('./pages/pickups/CertificateCheckPage')),
};

export type RecyclingMessageKey = keyof typeof recyclingMessages;

export const recycling: WebModule<RecyclingMessageKey> = {
  name: 'recycling',
  sections: [{ key: 'recycling', labelKey: 'nav.section.recycling', order: 45 }],
  navigation: [
    {
      key: 'recycling-sites',
      path: '/recycling/sites',
      labelKey: 'recycling.nav.sites',
      descriptionKey: 'recycling.nav.sites.desc',
      icon: <EnvironmentOutlined />,
      roles: ['office', 'department', 'town', 'auditor', 'recycler'],
      section: 'recycling',
      page: sitePages.Sites,
    },
    {
      key: 'recycling-site',
      path: '/recycling/sites/:id',
      labelKey: 'recycling.nav.site',
      icon: <EnvironmentOutlined />,
      roles: ['office', 'department', 'town', 'auditor', 'recycler'],
      section: 'recycling',
      page: sitePages.Site,
      menu: false,
    },
    {
      key: 'recycling-inspections',
      path: '/recycling/inspections',
      labelKey: 'nav.recyclingInspections',
      descriptionKey: 'nav.recyclingInspections.desc',
      icon: <AuditOutlined />,
      roles: ['office', 'department', 'town', 'auditor', 'recycler', 'enterprise'],
      section: 'recycling',
      page: inspectionPages.Inspections,
    },
    {
      key: 'recycling-inspect',
      path: '/recycling/inspect',
      labelKey: 'nav.recyclingInspect',
      descriptionKey: 'nav.recyclingInspect.desc',
      icon: <CameraOutlined />,
      roles: ['office', 'department', 'town'],
      section: 'recycling',
      page: inspectionPages.Inspect,
    },
    {
      key: 'recycling-book-pickup',
      path: '/recycling/pickups/mine',
      labelKey: 'recycling.nav.book',
      descriptionKey: 'recycling.nav.book.desc',
      icon: <CarOutlined />,
      roles: ['resident'],
      section: 'recycling',
      page: pickupPages.Book,
    },
    {
      key: 'recycling-recycler-pickups',
      path: '/recycling/pickups/recycler',
      labelKey: 'recycling.nav.recycler',
      descriptionKey: 'recycling.nav.recycler.desc',
      icon: <CarOutlined />,
      roles: ['recycler'],
      section: 'recycling',
      page: pickupPages.Recycler,
    },
    {
      key: 'recycling-all-pickups',
      path: '/recycling/pickups/all',
      labelKey: 'recycling.nav.allPickups',
      descriptionKey: 'recycling.nav.allPickups.desc',
      icon: <CarOutlined />,
      roles: ['office', 'department', 'auditor'],
      section: 'recycling',
      page: pickupPages.All,
    },
    {
      key: 'recycling-certificate-check',
      path: '/recycling/certificates/check',
      labelKey: 'recycling.nav.check',
      descriptionKey: 'recycling.nav.check.desc',
      icon: <SafetyCertificateOutlined />,
      roles: ['merchant', 'office', 'department'],
      section: 'recycling',
      page: pickupPages.Check,
    },
    ...intakeNavigation,
    ...vehiclesNavigation,
    ...dealersNavigation,
  ],
  messages: recyclingMessages,
  grantDomains: [{ domain: 'recycling', labelKey: 'recycling.grants.domain', capabilityHelpKeys: { manage: 'recycling.grants.capHelp.manage' } }],
};
