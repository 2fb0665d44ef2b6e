import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type Actor, type RequestContext } from '../../../core/context.js';
import { fieldError } from '../../../core/errors.js';
import type { GrantDomain } from '../../../core/module.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import { grantPolicy } from '../policies/grant.js';
import { NO_GRANTS, type GrantCapability, type Grants } from './policy.js';
import type { GrantInput, GrantView, ListGrantsQuery } from './schema.js';

/** The grants of the actor's organisation in one domain (only department accounts can hold one). */
export async function grantsOf(db: Queryable, actor: Actor, domain: string): Promise<Grants> {
  if (actor.role !== 'department' || actor.organizationId === null) return NO_GRANTS;
  const rows = await db
    .selectFrom('organization_grants')
    .select('capability')
    .where('organization_id', '=', actor.organizationId)
    .where('domain', '=', domain)
    .execute();
  return { manage: rows.some((r) => r.capability === 'manage'), confirmPayment: rows.some((r) => r.capability === 'confirm_payment') };
}

/** The organisations holding a capability in a domain (whom a module notifies of work waiting for them). */
export async function grantedOrganizations(db: Queryable, domain: string, capability: GrantCapability): Promise<number[]> {
  const rows = await db
    .selectFrom('organization_grants')
    .select('organization_id')
    .where('domain', '=', domain)
    .where('capability', '=', capability)
    .orderBy('organization_id')
    .execute();
  return rows.map((r) => Number(r.organization_id));
}

/** A grant outside what the modules declared would be held but never read by any policy: refused per field. */
function checkDeclared(domains: readonly GrantDomain[], domain: string, capability?: GrantCapability): void {
  const declared = domains.find((d) => d.domain === domain);
  if (!declared) throw fieldError('domain', 'field.invalid_value', { values: domains.map((d) => d.domain).join(', ') });
  if (capability !== undefined && !declared.capabilities.includes(capability))
    throw fieldError('capability', 'field.invalid_value', { values: declared.capabilities.join(', ') });
}

async function grantRows(db: Queryable, domain?: string): Promise<GrantView[]> {
  let q = db
    .selectFrom('organization_grants as g')
    .innerJoin('organizations as o', 'o.id', 'g.organization_id')
    .select(['g.organization_id', 'o.name', 'g.domain', 'g.capability', 'g.granted_by', 'g.granted_at'])
    .orderBy('g.domain')
    .orderBy('g.organization_id')
    .orderBy('g.capability');
  if (domain !== undefined) q = q.where('g.domain', '=', domain);
  const rows = await q.execute();
  return rows.map((r) => ({
    organizationId: Number(r.organization_id),
    organizationName: r.name,
    domain: r.domain,
    capability: r.capability,
    grantedBy: r.granted_by === null ? null : Number(r.granted_by),
    grantedAt: r.granted_at,
  }));
}

export async function listGrants(deps: AppDeps, ctx: RequestContext, domains: readonly GrantDomain[], q: ListGrantsQuery): Promise<GrantView[]> {
  authorize(ctx.actor, grantPolicy, 'list');
  if (q.domain !== undefined) checkDeclared(domains, q.domain);
  return grantRows(deps.database.db, q.domain);
}

export function listGrantDomains(ctx: RequestContext, domains: readonly GrantDomain[]) {
  authorize(ctx.actor, grantPolicy, 'listDomains');
  return domains.map((d) => ({ domain: d.domain, capabilities: [...d.capabilities] }));
}

/** What the signed-in user's organisation holds in every declared domain (all false but for departments). */
export async function myGrants(deps: AppDeps, ctx: RequestContext, domains: readonly GrantDomain[]) {
  authorize(ctx.actor, grantPolicy, 'listMine');
  return Promise.all(domains.map(async (d) => ({ domain: d.domain, ...(await grantsOf(deps.database.db, ctx.actor, d.domain)) })));
}

/** Grants (or withdraws) a capability in a domain to a department; returns the domain's grants. */
export async function setGrant(deps: AppDeps, ctx: RequestContext, domains: readonly GrantDomain[], input: GrantInput, granted: boolean): Promise<GrantView[]> {
  authorize(ctx.actor, grantPolicy, granted ? 'grant' : 'revoke', undefined, input.organizationId);
  checkDeclared(domains, input.domain, input.capability);
  return inTransaction(deps.database, async (tx) => {
    const org = await tx.selectFrom('organizations').select(['kind']).where('id', '=', input.organizationId).executeTakeFirst();
    if (!org || org.kind !== 'department') throw fieldError('organizationId', 'field.organization.unknown');
    const key = { organization_id: input.organizationId, domain: input.domain, capability: input.capability };
    let changed: boolean;
    if (granted) {
      const res = await tx
        .insertInto('organization_grants')
        .values({ ...key, granted_by: ctx.actor.userId, granted_at: nowIso() })
        .onConflict((oc) => oc.columns(['organization_id', 'domain', 'capability']).doNothing())
        .executeTakeFirst();
      changed = Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    } else {
      const res = await tx
        .deleteFrom('organization_grants')
        .where('organization_id', '=', key.organization_id)
        .where('domain', '=', key.domain)
        .where('capability', '=', key.capability)
        .executeTakeFirst();
      changed = Number(res.numDeletedRows) === 1;
    }
    const grant = { domain: input.domain, capability: input.capability };
    await appendAudit(tx, ctx, {
      entity: 'organization_grant',
      entityId: input.organizationId,
      action: granted ? 'grant' : 'revoke',
      before: { ...grant, held: changed ? !granted : granted },
      after: { ...grant, held: granted },
    });
    return grantRows(tx, input.domain);
  });
}

export interface DefaultGrant {
  /** The organisation's name in the reference data (a department). */
  organization: string;
  capability: GrantCapability;
}

/**
 * Each module seeds the defaults of its own domain through this (which department the plan puts in charge is
 * the module's knowledge; the table and the once-only rule are the platform's). The first time only, marked in
 * job_runs as `<domain>-grants`, so a grant the office later withdraws is not re-granted at the next start;
 * `tradein-grants` is the marker trade-in's own seed always wrote, and the migration that moved its grants here
 * sets `cartradein-grants` on installations that had it. Safe from several processes at once (the marker's key).
 */
export async function seedDefaultGrants(deps: AppDeps, domain: string, defaults: readonly DefaultGrant[]): Promise<void> {
  const ctx = systemContext('seed');
  await inTransaction(deps.database, async (tx) => {
    const marker = await tx
      .insertInto('job_runs')
      .values({ name: 'seed', run_key: `${domain}-grants`, started_at: nowIso(), finished_at: nowIso() })
      .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
      .executeTakeFirst();
    if (Number(marker.numInsertedOrUpdatedRows ?? 0) !== 1) return;
    for (const g of defaults) {
      const org = await tx.selectFrom('organizations').select('id').where('name', '=', g.organization).where('kind', '=', 'department').executeTakeFirst();
      if (!org) continue;
      const res = await tx
        .insertInto('organization_grants')
        .values({ organization_id: Number(org.id), domain, capability: g.capability, granted_by: null, granted_at: nowIso() })
        .onConflict((oc) => oc.columns(['organization_id', 'domain', 'capability']).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1)
        await appendAudit(tx, ctx, {
          entity: 'organization_grant',
          entityId: Number(org.id),
          action: 'seed',
          after: { domain, capability: g.capability, held: true },
        });
    }
  });
}
