import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { duplicate, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendVersion, versionHistory } from '../../../core/versioned.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { carProgramPolicy } from '../policies/program.js';
import type { Updateable } from 'kysely';
import type { CarProgramStatus, CarProgramTable } from '../tables.js';
import { carRuleSchema, parseCarRule, type CarRule } from './rules.js';
import { carRuleVersions } from './ruleVersions.js';
import { ensureCarBudget } from '../budget/service.js';
import type { CarProgramView, CreateCarProgramInput, SetCarRuleInput, UpdateCarProgramInput } from './schema.js';

const OFFICIALS = ['office', 'department', 'auditor'];

/**
 * The status changes a programme allows. A closed programme stays closed: its applications were assessed against
 * a window that has ended. One that was open is never a draft again (residents applied to it); suspending stops
 * new applications for a while, and those submitted are reviewed and paid as usual.
 */
const STATUS_MOVES: Record<CarProgramStatus, readonly CarProgramStatus[]> = {
  draft: ['active', 'closed'],
  active: ['suspended', 'closed'],
  suspended: ['active', 'closed'],
  closed: [],
};

async function programRows(db: Queryable, where: { id?: number; includeDrafts: boolean }) {
  let q = db
    .selectFrom('cartradein_programs as p')
    .innerJoin('cartradein_rule_versions as v', 'v.id', 'p.current_rule_version_id')
    .select([
      'p.id',
      'p.code',
      'p.name',
      'p.kind',
      'p.status',
      'p.valid_from',
      'p.valid_to',
      'p.is_example',
      'p.source_note',
      'p.rolled_over_from_id',
      'v.id as version_id',
      'v.version',
      'v.rule_json',
    ])
    .orderBy('p.id');
  if (where.id !== undefined) q = q.where('p.id', '=', where.id);
  if (!where.includeDrafts) q = q.where('p.status', '!=', 'draft');
  return q.execute();
}

function toView(r: Awaited<ReturnType<typeof programRows>>[number]): CarProgramView {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    status: r.status,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    isExample: r.is_example === 1,
    sourceNote: r.source_note,
    rolledOverFromId: r.rolled_over_from_id === null ? null : Number(r.rolled_over_from_id),
    ruleVersionId: Number(r.version_id),
    ruleVersion: r.version,
    rule: parseCarRule(r.rule_json),
  };
}

export async function loadCarProgramView(db: Queryable, id: number): Promise<CarProgramView> {
  const [row] = await programRows(db, { id, includeDrafts: true });
  if (!row) throw notFound();
  return toView(row);
}

/** What the application service needs: the programme, its current rule version and rule. */
export async function loadProgramForApplication(db: Queryable, id: number) {
  const [row] = await programRows(db, { id, includeDrafts: true });
  if (!row) return null;
  return { view: toView(row), ruleVersionId: Number(row.version_id) };
}

export async function loadRuleVersion(db: Queryable, versionId: number): Promise<CarRule> {
  const row = await db.selectFrom('cartradein_rule_versions').select('rule_json').where('id', '=', versionId).executeTakeFirstOrThrow();
  return parseCarRule(row.rule_json);
}

export async function listCarPrograms(deps: AppDeps, ctx: RequestContext): Promise<CarProgramView[]> {
  authorize(ctx.actor, carProgramPolicy, 'list');
  // Residents see what they can apply to; drafts are the managers' work in progress.
  const rows = await programRows(deps.database.db, { includeDrafts: OFFICIALS.includes(ctx.actor.role ?? '') });
  return rows.map(toView);
}

export async function getCarProgram(deps: AppDeps, ctx: RequestContext, id: number): Promise<CarProgramView> {
  authorize(ctx.actor, carProgramPolicy, 'read');
  const view = await loadCarProgramView(deps.database.db, id);
  if (view.status === 'draft' && !OFFICIALS.includes(ctx.actor.role ?? '')) throw notFound();
  return view;
}

function checkWindow(validFrom: string, validTo: string) {
  if (validTo < validFrom) throw fieldError('validTo', 'field.cartradein.windowOrder');
}

/** Inserts a programme with its first rule version; shared by the API, the seed and rollover. */
export async function insertCarProgram(
  tx: Tx,
  input: CreateCarProgramInput,
  by: number | null,
  origin: { rolledOverFromId: number; ruleNote: string } | null = null,
): Promise<number> {
  checkWindow(input.validFrom, input.validTo);
  if (await tx.selectFrom('cartradein_programs').select('id').where('code', '=', input.code).executeTakeFirst()) throw duplicate('code', 'code');
  const now = nowIso();
  const row = await tx
    .insertInto('cartradein_programs')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      status: input.status,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      current_rule_version_id: null,
      is_example: input.isExample ? 1 : 0,
      source_note: input.sourceNote ?? null,
      rolled_over_from_id: origin?.rolledOverFromId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const first = await appendVersion(tx, carRuleVersions, id, { value: input.rule, baseVersion: 0, note: origin?.ruleNote ?? null, by });
  await tx.updateTable('cartradein_programs').set({ current_rule_version_id: first.current.id }).where('id', '=', id).execute();
  await ensureCarBudget(tx, id);
  return id;
}

export async function createCarProgram(deps: AppDeps, ctx: RequestContext, input: CreateCarProgramInput): Promise<CarProgramView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'cartradein') });
    const id = await insertCarProgram(tx, input, ctx.actor.userId);
    await appendAudit(tx, ctx, { entity: 'cartradein_program', entityId: id, action: 'create', after: input });
    return id;
  });
  return loadCarProgramView(deps.database.db, id);
}

export async function updateCarProgram(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateCarProgramInput): Promise<CarProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'update', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, id);
    const before = await tx.selectFrom('cartradein_programs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    checkWindow(input.validFrom ?? before.valid_from, input.validTo ?? before.valid_to);
    if (input.status !== undefined && input.status !== before.status && !STATUS_MOVES[before.status].includes(input.status)) throw invalidState(before.status);
    const set: Updateable<CarProgramTable> = { updated_at: nowIso() };
    if (input.name !== undefined) set.name = input.name;
    if (input.status !== undefined) set.status = input.status;
    if (input.validFrom !== undefined) set.valid_from = input.validFrom;
    if (input.validTo !== undefined) set.valid_to = input.validTo;
    if (input.isExample !== undefined) set.is_example = input.isExample ? 1 : 0;
    if (input.sourceNote !== undefined) set.source_note = input.sourceNote;
    await tx.updateTable('cartradein_programs').set(set).where('id', '=', id).execute();
    await appendAudit(tx, ctx, { entity: 'cartradein_program', entityId: id, action: 'update', before, after: input });
  });
  return loadCarProgramView(deps.database.db, id);
}

/**
 * Changes a programme's rule: a new version when it differs from the current one. Applications already
 * submitted keep the version they were assessed under; new submissions and resubmissions use the new one. A stale
 * `baseVersion` is 409 VERSION_CONFLICT (core/versioned.ts).
 */
export async function setCarProgramRule(deps: AppDeps, ctx: RequestContext, id: number, input: SetCarRuleInput): Promise<CarProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'setRule', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, id);
    const program = await tx.selectFrom('cartradein_programs').select('status').where('id', '=', id).executeTakeFirst();
    if (!program) throw notFound();
    if (program.status === 'closed') throw invalidState('closed');
    const { created, previous } = await appendVersion(tx, carRuleVersions, id, {
      value: carRuleSchema.parse(input.rule),
      baseVersion: input.baseVersion,
      note: input.note ?? null,
      by: ctx.actor.userId,
    });
    if (!created) return;
    await appendAudit(tx, ctx, {
      entity: 'cartradein_program',
      entityId: id,
      action: 'setRule',
      before: previous ? { version: previous.version, rule: previous.value } : null,
      after: { rule: input.rule, note: input.note },
    });
  });
  return loadCarProgramView(deps.database.db, id);
}

export async function carRuleHistory(deps: AppDeps, ctx: RequestContext, id: number) {
  const db = deps.database.db;
  authorize(ctx.actor, carProgramPolicy, 'readHistory', { grants: await grantsOf(db, ctx.actor, 'cartradein') }, id);
  const versions = await versionHistory(db, carRuleVersions, id);
  return versions.map((v) => ({
    id: v.id,
    version: v.version,
    rule: v.value,
    note: v.note,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    current: v.current,
  }));
}
