import type { Locale } from '../../shared/roles.js';
import type { Actor } from './context.js';

/** Who a request comes from, as the accounts module resolved it from a session cookie or an API token. */
export interface ResolvedPrincipal {
  actor: Actor;
  savedLocale: Locale | null;
  csrfToken: string | null;
  mustChangePassword: boolean;
}

/**
 * How the HTTP layer learns who is calling. The platform module owns sessions and API tokens and hands this to
 * the request context at start-up, so `http/` knows the protocol (cookie name, CSRF header) but not the tables.
 */
export interface PrincipalResolver {
  sessionCookie: string;
  csrfHeader: string;
  fromSession(cookieValue: string): Promise<ResolvedPrincipal | null>;
  fromApiToken(token: string): Promise<ResolvedPrincipal | null>;
}
