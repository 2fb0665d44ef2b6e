import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { paginate } from '../../../http/pagination.js';
import { auditPolicy } from '../policies/audit.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit, verifyAuditTrail } from './auditTrail.js';
import type { AuditFilters, LoginFilters } from './schema.js';
import { endOfShanghaiDate, shanghaiInstant } from '../../../core/time.js';

/** Dates in filters are Asia/Shanghai calendar days; stored times are UTC. */
const startOfDayUtc = (d: string) => shanghaiInstant(d).toISOString();
const endOfDayUtc = (d: string) => endOfShanghaiDate(d).toISOString();

function auditQuery(deps: AppDeps, f: AuditFilters) {
  let q = deps.database.db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.actor) q = q.where('actor_username', '=', f.actor);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', startOfDayUtc(f.from));
  if (f.to) q = q.where('at', '<', endOfDayUtc(f.to));
  return q;
}

function parse(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

type AuditRow = {
  id: number;
  chain: string;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  organization_id: number | null;
  entity: string;
  entity_id: string | null;
  action: string;
  outcome: 'ok' | 'denied';
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
  hash: string;
};

function toRecord(r: AuditRow) {
  return {
    id: Number(r.id),
    chain: r.chain,
    at: r.at,
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    actorUsername: r.actor_username,
    actorRole: r.actor_role,
    organizationId: r.organization_id === null ? null : Number(r.organization_id),
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    outcome: r.outcome,
    before: parse(r.before_json),
    after: parse(r.after_json),
    requestId: r.request_id,
    ip: r.ip,
    hash: r.hash,
  };
}

export async function listAudit(deps: AppDeps, ctx: RequestContext, q: AuditFilters & { page: number; pageSize: number; order: 'asc' | 'desc' }) {
  authorize(ctx.actor, auditPolicy, 'read');
  const page = await paginate(auditQuery(deps, q), (qb) => qb.selectAll().orderBy('id', q.order), q);
  return { ...page, items: page.items.map(toRecord) };
}

/** Exports are bounded so one click cannot exhaust the server; officials narrow the dates for more. */
export const EXPORT_LIMIT = 50_000;

/**
 * The auditor's export: the filtered records, the chain verification computed now over the whole trail, and each
 * chain's head. The export itself is audited (who exported which filters, how many records, what the check said),
 * after the verification, so the record it adds is not part of what it reports on.
 */
export async function exportAudit(deps: AppDeps, ctx: RequestContext, f: AuditFilters) {
  authorize(ctx.actor, auditPolicy, 'export');
  const rows = (await auditQuery(deps, f).selectAll().orderBy('id', 'desc').limit(EXPORT_LIMIT).execute()).map(toRecord);
  const verification = await verifyAuditTrail(deps.database.db);
  const heads = await deps.database.db.selectFrom('audit_chains').selectAll().orderBy('chain').execute();
  const verifiedAt = new Date().toISOString();
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, {
      entity: 'audit_log',
      action: 'export',
      after: {
        filters: f,
        rows: rows.length,
        truncated: rows.length === EXPORT_LIMIT,
        verification: verification.ok
          ? { ok: true, records: verification.records, chains: verification.chains }
          : { ok: false, records: verification.records, brokenId: verification.brokenId, chain: verification.chain, reason: verification.reason },
      },
    }),
  );
  return {
    rows,
    verification,
    verifiedAt,
    heads: heads.map((h) => ({ chain: h.chain, length: Number(h.length), lastId: Number(h.last_id), lastHash: h.last_hash })),
  };
}

export async function verifyAudit(deps: AppDeps, ctx: RequestContext) {
  authorize(ctx.actor, auditPolicy, 'verify');
  return verifyAuditTrail(deps.database.db);
}

function loginQuery(deps: AppDeps, f: LoginFilters) {
  let q = deps.database.db.selectFrom('login_events');
  if (f.username) q = q.where('username', '=', f.username);
  if (f.success) q = q.where('success', '=', f.success === 'true' ? 1 : 0);
  if (f.from) q = q.where('at', '>=', startOfDayUtc(f.from));
  if (f.to) q = q.where('at', '<', endOfDayUtc(f.to));
  return q;
}

type LoginRow = {
  id: number;
  at: string;
  username: string;
  user_id: number | null;
  success: number;
  reason: string;
  ip: string | null;
  user_agent: string | null;
};
const toLoginEvent = (r: LoginRow) => ({
  id: Number(r.id),
  at: r.at,
  username: r.username,
  userId: r.user_id === null ? null : Number(r.user_id),
  success: r.success === 1,
  reason: r.reason,
  ip: r.ip,
  userAgent: r.user_agent,
});

export async function listLoginEvents(deps: AppDeps, ctx: RequestContext, q: LoginFilters & { page: number; pageSize: number; order: 'asc' | 'desc' }) {
  authorize(ctx.actor, auditPolicy, 'readLogins');
  const page = await paginate(loginQuery(deps, q), (qb) => qb.selectAll().orderBy('id', q.order), q);
  return { ...page, items: page.items.map(toLoginEvent) };
}

export async function exportLoginEvents(deps: AppDeps, ctx: RequestContext, f: LoginFilters) {
  authorize(ctx.actor, auditPolicy, 'readLogins');
  return (await loginQuery(deps, f).selectAll().orderBy('id', 'desc').limit(EXPORT_LIMIT).execute()).map(toLoginEvent);
}
