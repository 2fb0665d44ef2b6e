import { lazy } from 'react';
import { ShopOutlined, FormOutlined, SafetyOutlined } from '@ant-design/icons';
import type { NavItem } from '../../../../layout/navigation';
import type { RecyclingMessageKey } from '../../index';

const pages = {
  Dealers: lazy(() => import('./DealersPage')),
  Dealer: lazy(() => import('./DealerPage')),
  Trades: lazy(() => import('./TradesPage')),
  Rules: lazy(() => import('./CreditRulesPage')),
};

/**
 * The dealers pages in the menu: officials and towns read the register (市商务局 keeps it, departments record
 * violations from a dealer's page); a dealer's own accounts record trades; the rules are for everyone signed in
 * (and public on /credit-disclosure).
 */
export const dealersNavigation: NavItem<RecyclingMessageKey>[] = [
  {
    key: 'recycling-dealers',
    path: '/recycling/dealers',
    labelKey: 'recycling.nav.dealers',
    descriptionKey: 'recycling.nav.dealers.desc',
    icon: <ShopOutlined />,
    roles: ['office', 'department', 'town', 'auditor'],
    section: 'recycling',
    page: pages.Dealers,
  },
  {
    key: 'recycling-dealer',
    path: '/recycling/dealers/:id',
    labelKey: 'recycling.nav.dealer',
    icon: <ShopOutlined />,
    roles: ['office', 'department', 'town', 'auditor'],
    section: 'recycling',
    page: pages.Dealer,
    menu: false,
  },
  {
    key: 'recycling-dealer-trades',
    path: '/recycling/dealer-trades',
    labelKey: 'recycling.nav.dealerTrades',
    descriptionKey: 'recycling.nav.dealerTrades.desc',
    icon: <FormOutlined />,
    roles: ['enterprise', 'merchant', 'recycler'],
    section: 'recycling',
    page: pages.Trades,
  },
  {
    key: 'recycling-credit-rules',
    path: '/recycling/credit-rules',
    labelKey: 'recycling.nav.creditRules',
    descriptionKey: 'recycling.nav.creditRules.desc',
    icon: <SafetyOutlined />,
    roles: ['office', 'department', 'town', 'auditor'],
    section: 'recycling',
    page: pages.Rules,
  },
];
