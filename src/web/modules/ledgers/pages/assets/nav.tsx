import { lazy } from 'react';
import { BarChartOutlined, DatabaseOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { LedgersMessageKey } from '../../index';

const pages = {
  Assets: lazy(() => import('./AssetsPage')),
  Asset: lazy(() => import('./AssetPage')),
  Import: lazy(() => import('./ImportPage')),
  Overview: lazy(() => import('./OverviewPage')),
};

/** Who works with assets: the keepers (office, departments), towns on their own part, auditors reading. */
const ROLES = ['office', 'department', 'town', 'auditor'] as const;

/**
 * The pages of one ledger, reached from the kinds list (/ledgers): its assets, one asset, its import and its
 * overview. They take the kind or asset from the address, so none is in the menu.
 */
export const assetsNavigation: NavItem<LedgersMessageKey>[] = [
  {
    key: 'ledgers-assets',
    path: '/ledgers/kinds/:id/assets',
    labelKey: 'ledgers.assets.nav.assets',
    icon: <DatabaseOutlined />,
    roles: ROLES,
    section: 'ledgers',
    page: pages.Assets,
    menu: false,
  },
  {
    key: 'ledgers-asset',
    path: '/ledgers/assets/:id',
    labelKey: 'ledgers.assets.nav.asset',
    icon: <FileTextOutlined />,
    roles: ROLES,
    section: 'ledgers',
    page: pages.Asset,
    menu: false,
  },
  {
    key: 'ledgers-import',
    path: '/ledgers/kinds/:id/import',
    labelKey: 'ledgers.assets.nav.import',
    icon: <UploadOutlined />,
    roles: ['office', 'department', 'town'],
    section: 'ledgers',
    page: pages.Import,
    menu: false,
  },
  {
    key: 'ledgers-overview',
    path: '/ledgers/kinds/:id/overview',
    labelKey: 'ledgers.assets.nav.overview',
    icon: <BarChartOutlined />,
    roles: ROLES,
    section: 'ledgers',
    page: pages.Overview,
    menu: false,
  },
];
