import type { Locale, OrganizationKind, Role } from '../../shared/roles.js';

/** Who is acting. Anonymous callers have no role and no organisation. */
export interface Actor {
  kind: 'user' | 'token' | 'anonymous';
  userId: number | null;
  username: string | null;
  role: Role | null;
  organizationId: number | null;
  organizationKind: OrganizationKind | null;
  /** The town whose jurisdiction the actor works in: a town's own id, an enterprise's town, null otherwise. */
  townId: number | null;
  sessionId: string | null;
}

export const ANONYMOUS: Actor = {
  kind: 'anonymous',
  userId: null,
  username: null,
  role: null,
  organizationId: null,
  organizationKind: null,
  townId: null,
  sessionId: null,
};

/** What a service needs to know about the request it serves: for policies and for the audit record. */
export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  ip: string | null;
  locale: Locale;
}

/** Context for work started outside HTTP (CLI, seed, jobs). */
export function systemContext(username = 'system'): RequestContext {
  return {
    actor: { ...ANONYMOUS, kind: 'user', username },
    requestId: null,
    ip: null,
    locale: 'zh-CN',
  };
}
