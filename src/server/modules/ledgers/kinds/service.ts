import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, duplicate, fieldError, type FieldIssue } from '../../../core/errors.js';
import type { MessageKey } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { appendVersion, canonicalJson, versionHistory } from '../../../core/versioned.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import type { OrganizationKind } from '../../../../shared/roles.js';
import type { LedgerDefinition } from '../../../../shared/ledgers/definition.js';
import { assignSlots, definitionProblems, type DefinitionProblem } from '../../../../shared/ledgers/problems.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { kindPolicy } from '../policies/kind.js';
import { loadKind, type LoadedKind } from './current.js';
import { reevaluateOldFrom } from './reevaluate.js';
import type { CreateKindInput, KindVersionView, KindView, UpdateKindInput } from './schema.js';
import { kindVersions } from './store.js';
import { kindViewOf, named, type Named } from './views.js';

/** The organisations that can keep a ledger: the office and the departments (bureaus, 水务集团, 供电公司…). */
export const KEEPER_KINDS: readonly OrganizationKind[] = ['office', 'department'];

const asIssue = (p: DefinitionProblem): FieldIssue => ({
  path: `definition.${p.path}`,
  reason: p.reason as MessageKey,
  ...(p.params ? { params: p.params } : {}),
});

/** What a definition names that must exist in the database: its dictionaries, its co-keepers. */
async function referenceProblems(db: Queryable, def: LedgerDefinition): Promise<FieldIssue[]> {
  const uses = [
    ...def.fields.map((f, i) => ({ path: `definition.fields.${i}.dictionary`, code: f.dictionary })),
    ...def.events.flatMap((e, i) => e.fields.map((f, j) => ({ path: `definition.events.${i}.fields.${j}.dictionary`, code: f.dictionary }))),
  ].filter((u): u is { path: string; code: string } => typeof u.code === 'string');
  const codes = [...new Set(uses.map((u) => u.code))];
  const known = new Set(codes.length ? (await db.selectFrom('dictionaries').select('code').where('code', 'in', codes).execute()).map((r) => r.code) : []);
  const issues: FieldIssue[] = uses
    .filter((u) => !known.has(u.code))
    .map((u) => ({ path: u.path, reason: 'field.ledgers.unknownDictionary', params: { code: u.code } }));
  if (def.coKeepers.length) {
    const keepers = new Set(
      (await db.selectFrom('organizations').select('id').where('id', 'in', def.coKeepers).where('kind', 'in', KEEPER_KINDS).execute()).map((r) => Number(r.id)),
    );
    def.coKeepers.forEach((id, i) => {
      if (!keepers.has(id)) issues.push({ path: `definition.coKeepers.${i}`, reason: 'field.ledgers.notKeeper' });
    });
  }
  return issues;
}

/**
 * The definition as it will be stored, slots assigned, or a 400 naming every problem at its path under
 * `definition.` — on its own, against the version it replaces, and against the database.
 */
export async function checkedDefinition(db: Queryable, def: LedgerDefinition, previous: LedgerDefinition | null): Promise<LedgerDefinition> {
  const issues = [...definitionProblems(def, previous).map(asIssue), ...(await referenceProblems(db, def))];
  if (issues.length) throw badRequest(issues);
  const slotted = assignSlots(def, previous);
  if ('problem' in slotted) throw badRequest([asIssue(slotted.problem)]);
  return slotted.definition;
}

export async function getKind(deps: AppDeps, ctx: RequestContext, id: number): Promise<KindView> {
  const db = deps.database.db;
  const kind = await loadKind(db, id);
  authorize(ctx.actor, kindPolicy, 'read', kind.record, id);
  return kindViewOf(db, ctx, kind);
}

/**
 * A new ledger kind: the office, or a department granted `ledgers` manage for a ledger it keeps itself. The code is
 * the kind's for ever (its metric names); the first version is 1. Audited.
 */
export async function createKind(deps: AppDeps, ctx: RequestContext, input: CreateKindInput): Promise<KindView> {
  const kind = await inTransaction(deps.database, async (tx) => {
    const record = { keeperOrganizationId: input.keeperOrganizationId, coKeepers: input.definition.coKeepers, townAccess: input.definition.townAccess };
    authorize(ctx.actor, kindPolicy, 'create', { ...record, grants: await grantsOf(tx, ctx.actor, 'ledgers') });
    if (ctx.actor.role === 'department' && input.keeperOrganizationId !== ctx.actor.organizationId)
      throw fieldError('keeperOrganizationId', 'field.ledgers.ownKeeperOnly');
    const keeper = await tx.selectFrom('organizations').select('kind').where('id', '=', input.keeperOrganizationId).executeTakeFirst();
    if (!keeper || !KEEPER_KINDS.includes(keeper.kind)) throw fieldError('keeperOrganizationId', 'field.ledgers.notKeeper');
    if (await tx.selectFrom('ledger_kinds').select('id').where('code', '=', input.code).executeTakeFirst()) throw duplicate('code', 'code');
    const definition = await checkedDefinition(tx, input.definition, null);
    const now = nowIso();
    let id: number;
    try {
      const row = await tx
        .insertInto('ledger_kinds')
        .values({
          code: input.code,
          keeper_organization_id: input.keeperOrganizationId,
          version: 1,
          shipped: 0,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    } catch (err) {
      // Another request took the code after our check.
      if (isUniqueViolation(err)) throw duplicate('code', 'code');
      throw err;
    }
    await appendVersion(tx, kindVersions, id, { value: definition, baseVersion: 0, note: input.note ?? null, by: ctx.actor.userId });
    await appendAudit(tx, ctx, {
      entity: 'ledger_kind',
      entityId: id,
      action: 'create',
      after: { code: input.code, keeperOrganizationId: input.keeperOrganizationId, version: 1, note: input.note ?? null, definition },
    });
    return loadKind(tx, id);
  });
  return kindViewOf(deps.database.db, ctx, kind);
}

/**
 * A new version of a kind's definition (the office, the keeper, a co-keeper), based on the version the editor
 * read. Nothing in use is dropped and slots stay; when the "old" rule changed, every asset's `old_from` is
 * recomputed in the same transaction. The same definition again makes no version and no audit record.
 */
export async function updateKind(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateKindInput): Promise<KindView> {
  const { kind, reevaluated } = await inTransaction(deps.database, async (tx) => {
    const before = await loadKind(tx, id);
    authorize(ctx.actor, kindPolicy, 'define', before.record, id);
    const definition = await checkedDefinition(tx, input.definition, before.definition);
    const appended = await appendVersion(tx, kindVersions, id, {
      value: definition,
      baseVersion: input.baseVersion,
      note: input.note ?? null,
      by: ctx.actor.userId,
    });
    if (!appended.created) return { kind: before, reevaluated: 0 };
    const after = await loadKind(tx, id);
    const ruleChanged = canonicalJson(before.definition.oldRule) !== canonicalJson(after.definition.oldRule);
    const reevaluated = ruleChanged ? await reevaluateOldFrom(tx, after) : 0;
    await appendAudit(tx, ctx, {
      entity: 'ledger_kind',
      entityId: id,
      action: 'define',
      before: { version: before.version },
      after: { version: after.version, note: input.note ?? null, ruleChanged, reevaluated },
    });
    return { kind: after, reevaluated };
  });
  return { ...(await kindViewOf(deps.database.db, ctx, kind)), reevaluated };
}

/** Every version of a kind's definition, newest first, with who saved it. */
export async function kindVersionHistory(deps: AppDeps, ctx: RequestContext, id: number): Promise<KindVersionView[]> {
  const db = deps.database.db;
  const kind: LoadedKind = await loadKind(db, id);
  authorize(ctx.actor, kindPolicy, 'read', kind.record, id);
  const versions = await versionHistory(db, kindVersions, id);
  const userIds = [...new Set(versions.flatMap((v) => (v.createdBy === null ? [] : [v.createdBy])))];
  const users = new Map(
    userIds.length
      ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [Number(u.id), u.display_name])
      : [],
  );
  return versions.map((v) => ({
    version: v.version,
    note: v.note,
    createdBy: v.createdBy === null ? null : named(users, v.createdBy),
    createdAt: v.createdAt,
    current: v.current,
    definition: v.value,
  }));
}

const byName = new Intl.Collator('zh-CN');

/** The organisations the editor offers as keeper and co-keepers (office and departments), by name. */
export async function keeperOrganizations(deps: AppDeps, ctx: RequestContext): Promise<Named[]> {
  authorize(ctx.actor, kindPolicy, 'list');
  const rows = await deps.database.db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', 'in', KEEPER_KINDS)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name })).sort((a, b) => byName.compare(a.name, b.name));
}
