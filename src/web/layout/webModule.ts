import type { GrantCapability } from '../../server/modules/platform/grants/policy';
import type { Text } from '../i18n/catalogue';
import type { NavItem, NavSection } from './navigation';

/**
 * What a web module gives the app: its menu sections, its pages, and its texts with both languages side by side.
 * `K` is the module's own message keys, so its menu can only name texts it declares. List the module in
 * src/web/modules/index.ts; the router, the menu and the i18n provider compose from that list.
 */
export interface WebModule<K extends string = string> {
  /** Unique; the module's folder under src/web/modules. */
  name: string;
  /** Menu sections the module adds (its pages may also go under another module's section). */
  sections?: readonly NavSection<K>[];
  navigation: readonly NavItem<K>[];
  messages: Readonly<Record<K, Text>>;
  /**
   * The grant domains (server `grantDomains`) this module's policies answer to, named for the platform's grants
   * page: what the domain is called and what each capability lets a department do in it.
   */
  grantDomains?: readonly GrantDomainTexts<K>[];
}

export interface GrantDomainTexts<K extends string = string> {
  domain: string;
  labelKey: K;
  /** One line per capability the server declares for the domain. */
  capabilityHelpKeys: Readonly<Partial<Record<GrantCapability, K>>>;
}

/** The message keys a module declares. */
export type MessageKeyOf<M> = M extends WebModule<infer K> ? K : never;
