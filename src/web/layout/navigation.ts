import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Role } from '../../shared/roles';
import type { GrantDomainTexts } from './webModule';

/**
 * The app's pages and its menu, as data. Each entry is one route; `roles` says who may open it (the menu shows
 * an entry only to those roles, and anyone else who opens the path gets the 403 page). The server enforces the
 * same rules through its policies — keep the two in step. Modules declare entries in their WebModule; the app
 * composes them (src/web/navigation.ts).
 */
export interface NavSection<K extends string = string> {
  key: string;
  labelKey: K;
  /** Place in the menu, lowest first (the platform's sections take 10, 90 and 100; modules go in between). */
  order: number;
}

export interface NavItem<K extends string = string> {
  /** Unique; also the menu key and the `data-testid` suffix (`nav-<key>`). */
  key: string;
  /** Absolute path of the route; may hold route params (then give `menu: false`). */
  path: string;
  labelKey: K;
  /** One line for the home page's shortcut cards. */
  descriptionKey?: K;
  icon: ReactNode;
  /** Who may open it: a list of roles, or 'all' signed-in roles. */
  roles: readonly Role[] | 'all';
  /** Key of the menu section it is listed under (any module's). */
  section: string;
  /** The page, loaded on demand. */
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the menu (default true). */
  menu?: boolean;
  /** Shown as a shortcut on the home page (default true when in the menu). */
  shortcut?: boolean;
}

/** Every page of the app and the menu's sections, in menu order; and the grant domains the modules name. */
export interface Navigation<K extends string = string> {
  sections: readonly NavSection<K>[];
  items: readonly NavItem<K>[];
  /** For the platform's grants page: each domain's name and what its capabilities allow. */
  grantDomains: readonly GrantDomainTexts<K>[];
}

/** Where the account menu's "change password" goes, and where a forced change sends nobody (it is shown in place). */
export const CHANGE_PASSWORD_PATH = '/my/password';

export function mayUse(role: Role, item: Pick<NavItem, 'roles'>): boolean {
  return item.roles === 'all' || item.roles.includes(role);
}

/** The menu entries a role sees, grouped by section in menu order (empty sections left out). */
export function menuFor<K extends string>(nav: Navigation<K>, role: Role): { section: NavSection<K>; items: NavItem<K>[] }[] {
  return nav.sections
    .map((section) => ({
      section,
      items: nav.items.filter((i) => i.section === section.key && i.menu !== false && mayUse(role, i)),
    }))
    .filter((g) => g.items.length > 0);
}

/** The entry whose path matches `pathname` best (longest prefix), for highlighting the menu. */
export function activeItem<K extends string>(nav: Navigation<K>, pathname: string): NavItem<K> | undefined {
  let best: NavItem<K> | undefined;
  for (const item of nav.items) {
    const base = item.path.split('/:')[0] ?? item.path;
    const hit = base === '/' ? pathname === '/' : pathname === base || pathname.startsWith(`${base}/`);
    if (hit && (!best || base.length > best.path.length)) best = item;
  }
  return best;
}
