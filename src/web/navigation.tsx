import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  DesktopOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LoginOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '../shared/roles';
import type { MessageKey } from './i18n/messages';
import { PLAN_NAVIGATION } from './modules/plan/navigation';
import { CARTRADEIN_NAVIGATION } from './modules/cartradein/navigation';
import { TRADEIN_NAVIGATION } from './modules/tradein/navigation';

/**
 * The app's pages and its menu, as data. Each entry is one route; `roles` says who may open it (the menu shows
 * an entry only to those roles, and anyone else who opens the path gets the 403 page). The server enforces the
 * same rules through its policies — keep the two in step.
 *
 * A module adds its pages by appending entries here (and, if it needs one, a section to NAV_SECTIONS).
 */
export interface NavSection {
  key: string;
  labelKey: MessageKey;
}

export interface NavItem {
  /** Unique; also the menu key and the `data-testid` suffix (`nav-<key>`). */
  key: string;
  /** Absolute path of the route; may hold route params (then give `menu: false`). */
  path: string;
  labelKey: MessageKey;
  /** One line for the home page's shortcut cards. */
  descriptionKey?: MessageKey;
  icon: ReactNode;
  /** Who may open it: a list of roles, or 'all' signed-in roles. */
  roles: readonly Role[] | 'all';
  /** Key of the menu section it is listed under. */
  section: string;
  /** The page, loaded on demand. */
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the menu (default true). */
  menu?: boolean;
  /** Shown as a shortcut on the home page (default true when in the menu). */
  shortcut?: boolean;
}

/** Menu sections, in menu order. */
export const NAV_SECTIONS: NavSection[] = [
  { key: 'workspace', labelKey: 'nav.section.workspace' },
  { key: 'plan', labelKey: 'nav.section.plan' },
  { key: 'car', labelKey: 'nav.section.car' },
  { key: 'tradein', labelKey: 'nav.section.tradein' },
  { key: 'organizations', labelKey: 'nav.section.organizations' },
  { key: 'security', labelKey: 'nav.section.security' },
];

const platform = {
  Home: lazy(() => import('./modules/platform/pages/HomePage')),
  MyOrganization: lazy(() => import('./modules/platform/pages/MyOrganizationPage')),
  Profile: lazy(() => import('./modules/platform/pages/ProfilePage')),
  Organizations: lazy(() => import('./modules/platform/pages/OrganizationsPage')),
  Users: lazy(() => import('./modules/platform/pages/UsersPage')),
  Sessions: lazy(() => import('./modules/platform/pages/SessionsPage')),
  ApiTokens: lazy(() => import('./modules/platform/pages/ApiTokensPage')),
  Audit: lazy(() => import('./modules/platform/pages/AuditPage')),
  LoginEvents: lazy(() => import('./modules/platform/pages/LoginEventsPage')),
  ChangePassword: lazy(() => import('./modules/platform/pages/ChangePasswordPage')),
};

export const NAVIGATION: NavItem[] = [
  { key: 'home', path: '/', labelKey: 'nav.home', icon: <HomeOutlined />, roles: 'all', section: 'workspace', page: platform.Home, shortcut: false },
  {
    key: 'my-organization',
    path: '/my/organization',
    labelKey: 'nav.myOrganization',
    descriptionKey: 'nav.myOrganization.desc',
    icon: <ShopOutlined />,
    roles: ['enterprise', 'merchant', 'recycler'],
    section: 'workspace',
    page: platform.MyOrganization,
  },
  {
    key: 'profile',
    path: '/my/profile',
    labelKey: 'nav.profile',
    descriptionKey: 'nav.profile.desc',
    icon: <IdcardOutlined />,
    roles: 'all',
    section: 'workspace',
    page: platform.Profile,
  },
  {
    key: 'organizations',
    path: '/organizations',
    labelKey: 'nav.organizations',
    descriptionKey: 'nav.organizations.desc',
    icon: <BankOutlined />,
    roles: ['office', 'department', 'town', 'auditor', 'admin'],
    section: 'organizations',
    page: platform.Organizations,
  },
  {
    key: 'users',
    path: '/admin/users',
    labelKey: 'nav.users',
    descriptionKey: 'nav.users.desc',
    icon: <TeamOutlined />,
    roles: ['admin', 'auditor'],
    section: 'organizations',
    page: platform.Users,
  },
  {
    key: 'sessions',
    path: '/admin/sessions',
    labelKey: 'nav.sessions',
    descriptionKey: 'nav.sessions.desc',
    icon: <DesktopOutlined />,
    roles: ['admin', 'auditor'],
    section: 'organizations',
    page: platform.Sessions,
  },
  {
    key: 'api-tokens',
    path: '/admin/api-tokens',
    labelKey: 'nav.apiTokens',
    descriptionKey: 'nav.apiTokens.desc',
    icon: <ApiOutlined />,
    roles: ['admin'],
    section: 'organizations',
    page: platform.ApiTokens,
  },
  {
    key: 'audit',
    path: '/audit/trail',
    labelKey: 'nav.audit',
    descriptionKey: 'nav.audit.desc',
    icon: <AuditOutlined />,
    roles: ['auditor', 'office'],
    section: 'security',
    page: platform.Audit,
  },
  {
    key: 'login-events',
    path: '/audit/logins',
    labelKey: 'nav.loginEvents',
    descriptionKey: 'nav.loginEvents.desc',
    icon: <LoginOutlined />,
    roles: ['auditor', 'office', 'admin'],
    section: 'security',
    page: platform.LoginEvents,
  },
  {
    key: 'change-password',
    path: '/my/password',
    labelKey: 'nav.changePassword',
    icon: <KeyOutlined />,
    roles: 'all',
    section: 'workspace',
    page: platform.ChangePassword,
    menu: false,
  },
  ...PLAN_NAVIGATION,
  ...CARTRADEIN_NAVIGATION,
  ...TRADEIN_NAVIGATION,
];

export const CHANGE_PASSWORD_PATH = '/my/password';

export function mayUse(role: Role, item: Pick<NavItem, 'roles'>): boolean {
  return item.roles === 'all' || item.roles.includes(role);
}

/** The menu entries a role sees, grouped by section in menu order (empty sections left out). */
export function menuFor(role: Role): { section: NavSection; items: NavItem[] }[] {
  return NAV_SECTIONS.map((section) => ({
    section,
    items: NAVIGATION.filter((i) => i.section === section.key && i.menu !== false && mayUse(role, i)),
  })).filter((g) => g.items.length > 0);
}

/** The entry whose path matches `pathname` best (longest prefix), for highlighting the menu. */
export function activeItem(pathname: string): NavItem | undefined {
  let best: NavItem | undefined;
  for (const item of NAVIGATION) {
    const base = item.path.split('/:')[0] ?? item.path;
    const hit = base === '/' ? pathname === '/' : pathname === base || pathname.startsWith(`${base}/`);
    if (hit && (!best || base.length > best.path.length)) best = item;
  }
  return best;
}
