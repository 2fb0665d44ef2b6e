import { lazy } from 'react';
import {
  AccountBookOutlined,
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  ControlOutlined,
  FileProtectOutlined,
  GiftOutlined,
  ScanOutlined,
  ShoppingOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TagsOutlined,
  TransactionOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { Role } from '../../../shared/roles';
import type { WebModule } from '../../layout/webModule';
import { tradeinAdminMessages } from './adminMessages';
import { tradeinMessages } from './messages';
import { tradeinSettlementMessages } from './settlementMessages';
import { storeFinderMessages } from './pages/storeFinder/messages';

/**
 * The trade-in module's pages (consumer goods: appliances, digital products). The server's policies decide the
 * same: residents claim and see their own vouchers; a business enrols and keeps its catalogue, its staff
 * (merchant role) redeem at the till; 市商务局 (and the office) manage programmes, releases, merchants, risk
 * review and settlement; 市财政局 confirms and pays; auditors read. A department without a trade-in grant sees
 * the pages but the API refuses it (the page says so).
 */
const pages = {
  Claim: lazy(() => import('./pages/ClaimPage')),
  MyVouchers: lazy(() => import('./pages/MyVouchersPage')),
  MyPurchases: lazy(() => import('./pages/MyPurchasesPage')),
  Enrolment: lazy(() => import('./pages/EnrolmentPage')),
  Products: lazy(() => import('./pages/ProductsPage')),
  Redeem: lazy(() => import('./pages/RedeemPage')),
  Redemptions: lazy(() => import('./pages/RedemptionsPage')),
  Settlement: lazy(() => import('./pages/SettlementPage')),
  Overview: lazy(() => import('./pages/OverviewPage')),
  Programs: lazy(() => import('./pages/ProgramsPage')),
  Pools: lazy(() => import('./pages/PoolsPage')),
  Merchants: lazy(() => import('./pages/MerchantsPage')),
  Risk: lazy(() => import('./pages/RiskPage')),
  RiskRules: lazy(() => import('./pages/RiskRulesPage')),
  Staff: lazy(() => import('./pages/StaffPage')),
  ManagersRedirect: lazy(() => import('./pages/ManagersRedirect')),
};

const BUSINESS: Role[] = ['enterprise', 'merchant'];
const SUPERVISORS: Role[] = ['office', 'department', 'auditor'];

const messages = { ...tradeinMessages, ...tradeinAdminMessages, ...tradeinSettlementMessages, ...storeFinderMessages };
export type TradeinMessageKey = keyof typeof messages;

export const tradein: WebModule<TradeinMessageKey> = {
  name: 'tradein',
  sections: [{ key: 'tradein', labelKey: 'nav.section.tradein', order: 40 }],
  navigation: [
    {
      key: 'tradein-claim',
      path: '/tradein/claim',
      labelKey: 'tradein.nav.claim',
      descriptionKey: 'tradein.nav.claim.desc',
      icon: <GiftOutlined />,
      roles: ['resident'],
      section: 'tradein',
      page: pages.Claim,
    },
    {
      key: 'tradein-my-vouchers',
      path: '/tradein/my/vouchers',
      labelKey: 'tradein.nav.myVouchers',
      descriptionKey: 'tradein.nav.myVouchers.desc',
      icon: <TagsOutlined />,
      roles: ['resident'],
      section: 'tradein',
      page: pages.MyVouchers,
    },
    {
      key: 'tradein-my-purchases',
      path: '/tradein/my/purchases',
      labelKey: 'tradein.nav.myPurchases',
      descriptionKey: 'tradein.nav.myPurchases.desc',
      icon: <ShoppingOutlined />,
      roles: ['resident'],
      section: 'tradein',
      page: pages.MyPurchases,
    },

    {
      key: 'tradein-redeem',
      path: '/tradein/merchant/redeem',
      labelKey: 'tradein.nav.redeem',
      descriptionKey: 'tradein.nav.redeem.desc',
      icon: <ScanOutlined />,
      roles: ['merchant'],
      section: 'tradein',
      page: pages.Redeem,
    },
    {
      key: 'tradein-merchant-redemptions',
      path: '/tradein/merchant/redemptions',
      labelKey: 'tradein.nav.merchantRedemptions',
      descriptionKey: 'tradein.nav.merchantRedemptions.desc',
      icon: <UnorderedListOutlined />,
      roles: BUSINESS,
      section: 'tradein',
      page: pages.Redemptions,
    },
    {
      key: 'tradein-products',
      path: '/tradein/merchant/products',
      labelKey: 'tradein.nav.products',
      descriptionKey: 'tradein.nav.products.desc',
      icon: <AppstoreOutlined />,
      roles: BUSINESS,
      section: 'tradein',
      page: pages.Products,
    },
    {
      key: 'tradein-enrolment',
      path: '/tradein/merchant/enrolment',
      labelKey: 'tradein.nav.enrolment',
      descriptionKey: 'tradein.nav.enrolment.desc',
      icon: <SolutionOutlined />,
      roles: BUSINESS,
      section: 'tradein',
      page: pages.Enrolment,
    },
    {
      key: 'tradein-staff',
      path: '/tradein/merchant/staff',
      labelKey: 'tradein.nav.staff',
      descriptionKey: 'tradein.nav.staff.desc',
      icon: <TeamOutlined />,
      roles: BUSINESS,
      section: 'tradein',
      page: pages.Staff,
    },
    {
      key: 'tradein-my-settlements',
      path: '/tradein/merchant/settlements',
      labelKey: 'tradein.nav.mySettlements',
      descriptionKey: 'tradein.nav.mySettlements.desc',
      icon: <AccountBookOutlined />,
      roles: BUSINESS,
      section: 'tradein',
      page: pages.Settlement,
    },

    {
      key: 'tradein-overview',
      path: '/tradein/overview',
      labelKey: 'tradein.nav.overview',
      descriptionKey: 'tradein.nav.overview.desc',
      icon: <BarChartOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Overview,
    },
    {
      key: 'tradein-programs',
      path: '/tradein/programs',
      labelKey: 'tradein.nav.programs',
      descriptionKey: 'tradein.nav.programs.desc',
      icon: <FileProtectOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Programs,
    },
    {
      key: 'tradein-pools',
      path: '/tradein/pools',
      labelKey: 'tradein.nav.pools',
      descriptionKey: 'tradein.nav.pools.desc',
      icon: <GiftOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Pools,
    },
    {
      key: 'tradein-merchants',
      path: '/tradein/merchants',
      labelKey: 'tradein.nav.merchants',
      descriptionKey: 'tradein.nav.merchants.desc',
      icon: <ShopOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Merchants,
    },
    {
      key: 'tradein-risk',
      path: '/tradein/risk',
      labelKey: 'tradein.nav.risk',
      descriptionKey: 'tradein.nav.risk.desc',
      icon: <AlertOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Risk,
    },
    {
      key: 'tradein-risk-rules',
      path: '/tradein/risk-rules',
      labelKey: 'tradein.nav.riskRules',
      descriptionKey: 'tradein.nav.riskRules.desc',
      icon: <ControlOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.RiskRules,
    },
    {
      key: 'tradein-redemptions',
      path: '/tradein/redemptions',
      labelKey: 'tradein.nav.redemptions',
      descriptionKey: 'tradein.nav.redemptions.desc',
      icon: <AuditOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Redemptions,
    },
    {
      key: 'tradein-settlement',
      path: '/tradein/settlement',
      labelKey: 'tradein.nav.settlement',
      descriptionKey: 'tradein.nav.settlement.desc',
      icon: <TransactionOutlined />,
      roles: SUPERVISORS,
      section: 'tradein',
      page: pages.Settlement,
    },
    // The grants page is the platform's now (/grants); bookmarks of the old address still work.
    {
      key: 'tradein-managers',
      path: '/tradein/managers',
      labelKey: 'tradein.nav.managers',
      icon: <SafetyCertificateOutlined />,
      roles: ['office', 'auditor'],
      section: 'tradein',
      page: pages.ManagersRedirect,
      menu: false,
    },
  ],
  messages,
  // 市商务局 manages the programmes, 市财政局 confirms settlement (server: tradein grantDomains).
  grantDomains: [
    {
      domain: 'tradein',
      labelKey: 'nav.section.tradein',
      capabilityHelpKeys: { manage: 'tradein.managers.capHelp.manage', confirm_payment: 'tradein.managers.capHelp.confirm_payment' },
    },
  ],
};
