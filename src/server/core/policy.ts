import type { Actor } from './context.js';
import { ForbiddenError } from './errors.js';

/**
 * A policy is the whole answer to "may this actor do this to this record", for one model, in one file.
 * A rule called without a record answers "may the actor do this to some record" (used at the route, before
 * the record is loaded); the service calls it again with the record.
 */
export type Rule<R> = (actor: Actor, record?: R) => boolean;

export interface Policy<R, A extends string = string> {
  readonly resource: string;
  readonly actions: readonly A[];
  can(actor: Actor, action: A, record?: R): boolean;
}

export function definePolicy<R, A extends string>(resource: string, rules: Record<A, Rule<R>>): Policy<R, A> {
  const actions = Object.keys(rules) as A[];
  return {
    resource,
    actions,
    can(actor, action, record) {
      const rule = rules[action];
      if (!rule) throw new Error(`Policy ${resource} has no action ${action}`);
      return rule(actor, record);
    },
  };
}

/** What a route declares about authorisation; a route without one is refused by the registry test. */
// Any policy of any record type: the route layer calls it without a record, so the record type does not matter here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RoutePolicy = { policy: Policy<any, any>; action: string } | 'public' | 'authenticated';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}

// Small predicates the policies are written with.
export const signedIn = (a: Actor) => a.kind !== 'anonymous' && a.role !== null;
export const hasRole =
  (...roles: NonNullable<Actor['role']>[]) =>
  (a: Actor) =>
    a.role !== null && roles.includes(a.role);

/** The check every service makes before it touches a record: throws a 403 that is audited. */
export function authorize<R, A extends string>(actor: Actor, policy: Policy<R, A>, action: A, record?: R, entityId?: string | number | null): void {
  if (!policy.can(actor, action, record))
    throw new ForbiddenError(policy.resource, entityId === undefined || entityId === null ? null : String(entityId), action);
}
