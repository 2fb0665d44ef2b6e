import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, notFound } from '../../../core/errors.js';
import { parameterProblem, type ParameterKey, type ParameterValue, type RegisteredParameter } from '../../../core/parameters.js';
import { authorize } from '../../../core/policy.js';
import { versionConflict } from '../../../core/versioned.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import { storedValue } from './reader.js';
import { parameterPolicy } from './policy.js';
import type { ParameterHistoryEntry, ParameterView, SetParameterInput } from './schema.js';

const ENTITY = 'system_parameter';

function definitionOf(deps: AppDeps, key: string): RegisteredParameter {
  const def = deps.parameters.definitions.find((d) => d.key === key);
  if (!def) throw notFound();
  return def;
}

type Row = { key: string; value_json: string | null; version: number; updated_at: string; username: string | null };

async function rowsOf(db: Queryable, key?: string): Promise<Map<string, Row>> {
  let q = db
    .selectFrom('system_parameters as p')
    .leftJoin('users as u', 'u.id', 'p.updated_by')
    .select(['p.key', 'p.value_json', 'p.version', 'p.updated_at', 'u.username']);
  if (key !== undefined) q = q.where('p.key', '=', key);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.key, { ...r, version: Number(r.version) }]));
}

const recordOf = (def: RegisteredParameter) => ({ security: def.security === true });

function viewOf(deps: AppDeps, ctx: RequestContext, def: RegisteredParameter, row: Row | undefined): ParameterView {
  const defaultValue = deps.parameters.defaultOf(def);
  const stored = storedValue(def, row?.value_json);
  const bounded = def.type === 'integer' || def.type === 'duration';
  return {
    key: def.key,
    module: def.module,
    type: def.type,
    label: def.label,
    description: def.description,
    unit: def.type === 'integer' ? (def.unit ?? null) : def.type === 'duration' ? { 'zh-CN': '分钟', en: 'minutes' } : null,
    value: stored ?? defaultValue,
    defaultValue,
    overridden: stored !== undefined,
    min: bounded ? def.min : null,
    max: bounded ? def.max : null,
    values: def.type === 'enum' ? def.values.map((v) => ({ value: v.value, label: v.label })) : null,
    security: def.security === true,
    canChange: parameterPolicy.can(ctx.actor, 'set', recordOf(def)),
    version: row?.version ?? 0,
    updatedAt: row?.updated_at ?? null,
    updatedBy: row?.username ?? null,
  };
}

/** Every declared parameter with its current value, in the order the modules declare them. */
/** The values pages read to agree with the server (definitions marked `readByPages`), by key: no secrets, no audit. */
export async function pageParameters(deps: AppDeps): Promise<Record<string, ParameterValue>> {
  const out: Record<string, ParameterValue> = {};
  for (const def of deps.parameters.definitions.filter((d) => d.readByPages)) out[def.key] = await deps.parameters.get(def.key as ParameterKey);
  return out;
}

export async function listParameters(deps: AppDeps, ctx: RequestContext): Promise<ParameterView[]> {
  authorize(ctx.actor, parameterPolicy, 'list');
  const rows = await rowsOf(deps.database.db);
  return deps.parameters.definitions.map((def) => viewOf(deps, ctx, def, rows.get(def.key)));
}

/**
 * Sets (or, with `value` undefined, resets) one parameter: validated against its definition, refused with 409
 * when the version read is no longer the current one, audited with the values before and after. The cache of
 * this process is cleared after the commit.
 */
async function write(deps: AppDeps, ctx: RequestContext, key: string, value: unknown, baseVersion: number): Promise<ParameterView> {
  const reset = value === undefined;
  const def = definitionOf(deps, key);
  // Security parameters are the security administrator's, the others the office's (policy.ts).
  authorize(ctx.actor, parameterPolicy, reset ? 'reset' : 'set', recordOf(def), key);
  if (!reset) {
    const problem = parameterProblem(def, value);
    if (problem) throw fieldError('value', problem.reason, problem.params);
  }
  const view = await inTransaction(deps.database, async (tx) => {
    const before = viewOf(deps, ctx, def, (await rowsOf(tx, key)).get(key));
    if (before.version !== baseVersion) throw versionConflict(baseVersion);
    const next = { value_json: reset ? null : JSON.stringify(value), version: before.version + 1, updated_by: ctx.actor.userId, updated_at: nowIso() };
    if (before.version === 0) {
      // The primary key refuses a second first version (two offices saving at once): the loser hears 409.
      const res = await tx
        .insertInto('system_parameters')
        .values({ key, ...next })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) throw versionConflict(baseVersion);
    } else {
      const res = await tx.updateTable('system_parameters').set(next).where('key', '=', key).where('version', '=', before.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw versionConflict(baseVersion);
    }
    const after = viewOf(deps, ctx, def, (await rowsOf(tx, key)).get(key));
    await appendAudit(tx, ctx, {
      entity: ENTITY,
      entityId: key,
      action: reset ? 'reset' : 'set',
      before: { value: before.value, overridden: before.overridden, version: before.version },
      after: { value: after.value, overridden: after.overridden, version: after.version },
    });
    return after;
  });
  await deps.parameters.refresh();
  return view;
}

export function setParameter(deps: AppDeps, ctx: RequestContext, key: string, input: SetParameterInput): Promise<ParameterView> {
  return write(deps, ctx, key, input.value, input.version);
}

export function resetParameter(deps: AppDeps, ctx: RequestContext, key: string, input: { version: number }): Promise<ParameterView> {
  return write(deps, ctx, key, undefined, input.version);
}

/** The parameter's changes from the audit trail, newest first. */
export async function parameterHistory(deps: AppDeps, ctx: RequestContext, key: string): Promise<ParameterHistoryEntry[]> {
  authorize(ctx.actor, parameterPolicy, 'history', undefined, key);
  definitionOf(deps, key);
  const rows = await deps.database.db
    .selectFrom('audit_log')
    .select(['at', 'actor_username', 'action', 'before_json', 'after_json'])
    .where('entity', '=', ENTITY)
    .where('entity_id', '=', key)
    .where('outcome', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const valueIn = (json: string | null) => {
    const v = json === null ? null : (JSON.parse(json) as { value?: unknown; version?: unknown });
    return { value: (v?.value ?? null) as ParameterHistoryEntry['before'], version: typeof v?.version === 'number' ? v.version : null };
  };
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor_username,
    action: r.action === 'reset' ? 'reset' : 'set',
    before: valueIn(r.before_json).value,
    after: valueIn(r.after_json).value,
    version: valueIn(r.after_json).version,
  }));
}
