import { lazy } from 'react';
import { CarOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RecyclingMessageKey } from '../../index';

const pages = {
  Register: lazy(() => import('./VehiclesPage')),
  Qualifications: lazy(() => import('./QualificationsPage')),
  Mine: lazy(() => import('./MyVehiclesPage')),
};

/** The vehicles pages in the menu: the register (dismantlers, 市商务局, the office, auditors), qualifications, the owner's own. */
export const vehiclesNavigation: NavItem<RecyclingMessageKey>[] = [
  {
    key: 'recycling-vehicles',
    path: '/recycling/vehicles',
    labelKey: 'recycling.nav.vehicles',
    descriptionKey: 'recycling.nav.vehicles.desc',
    icon: <CarOutlined />,
    roles: ['recycler', 'office', 'department', 'auditor'],
    section: 'recycling',
    page: pages.Register,
  },
  {
    key: 'recycling-dismantling-qualifications',
    path: '/recycling/vehicles/qualifications',
    labelKey: 'recycling.nav.qualifications',
    descriptionKey: 'recycling.nav.qualifications.desc',
    icon: <SafetyCertificateOutlined />,
    roles: ['office', 'department', 'auditor'],
    section: 'recycling',
    page: pages.Qualifications,
  },
  {
    key: 'recycling-my-vehicles',
    path: '/recycling/vehicles/mine',
    labelKey: 'recycling.nav.myVehicles',
    descriptionKey: 'recycling.nav.myVehicles.desc',
    icon: <CarOutlined />,
    roles: ['resident'],
    section: 'recycling',
    page: pages.Mine,
  },
];
