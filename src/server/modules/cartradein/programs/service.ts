import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { duplicate, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../tradein/access.js';
import { carProgramPolicy } from '../policies/program.js';
import type { Updateable } from 'kysely';
import type { CarProgramTable } from '../tables.js';
import { carRuleSchema, parseCarRule, type CarRule } from './rules.js';
import type { CarProgramView, CreateCarProgramInput, SetCarRuleInput, UpdateCarProgramInput } from './schema.js';

const OFFICIALS = ['office', 'department', 'auditor'];

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

async function insertRuleVersion(tx: Tx, programId: number, version: number, rule: CarRule, note: string | null, by: number | null): Promise<number> {
  const row = await tx
    .insertInto('cartradein_rule_versions')
    // Canonical JSON through the schema, so an unchanged rule compares equal as text and makes no new version.
    .values({ program_id: programId, version, rule_json: JSON.stringify(carRuleSchema.parse(rule)), note, created_by: by, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
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
  const versionId = await insertRuleVersion(tx, id, 1, input.rule, origin?.ruleNote ?? null, by);
  await tx.updateTable('cartradein_programs').set({ current_rule_version_id: versionId }).where('id', '=', id).execute();
  return id;
}

export async function createCarProgram(deps: AppDeps, ctx: RequestContext, input: CreateCarProgramInput): Promise<CarProgramView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'create', { grants: await grantsOf(tx, ctx.actor) });
    const id = await insertCarProgram(tx, input, ctx.actor.userId);
    await appendAudit(tx, ctx, { entity: 'cartradein_program', entityId: id, action: 'create', after: input });
    return id;
  });
  return loadCarProgramView(deps.database.db, id);
}

export async function updateCarProgram(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateCarProgramInput): Promise<CarProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'update', { grants: await grantsOf(tx, ctx.actor) }, id);
    const before = await tx.selectFrom('cartradein_programs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    checkWindow(input.validFrom ?? before.valid_from, input.validTo ?? before.valid_to);
    // A closed programme stays closed: its applications were assessed against a window that has ended.
    if (before.status === 'closed' && input.status && input.status !== 'closed') throw invalidState('closed');
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
 * submitted keep the version they were assessed under; new submissions and resubmissions use the new one.
 */
export async function setCarProgramRule(deps: AppDeps, ctx: RequestContext, id: number, input: SetCarRuleInput): Promise<CarProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carProgramPolicy, 'setRule', { grants: await grantsOf(tx, ctx.actor) }, id);
    const current = await tx
      .selectFrom('cartradein_programs as p')
      .innerJoin('cartradein_rule_versions as v', 'v.id', 'p.current_rule_version_id')
      .select(['p.status', 'v.version', 'v.rule_json'])
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!current) throw notFound();
    if (current.status === 'closed') throw invalidState('closed');
    if (JSON.stringify(carRuleSchema.parse(input.rule)) === current.rule_json) return;
    const last = await tx
      .selectFrom('cartradein_rule_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('program_id', '=', id)
      .executeTakeFirst();
    const versionId = await insertRuleVersion(tx, id, Number(last?.v ?? 0) + 1, input.rule, input.note ?? null, ctx.actor.userId);
    await tx.updateTable('cartradein_programs').set({ current_rule_version_id: versionId, updated_at: nowIso() }).where('id', '=', id).execute();
    await appendAudit(tx, ctx, {
      entity: 'cartradein_program',
      entityId: id,
      action: 'setRule',
      before: { version: current.version, rule: JSON.parse(current.rule_json) },
      after: { rule: input.rule, note: input.note },
    });
  });
  return loadCarProgramView(deps.database.db, id);
}

export async function carRuleHistory(deps: AppDeps, ctx: RequestContext, id: number) {
  const db = deps.database.db;
  authorize(ctx.actor, carProgramPolicy, 'readHistory', { grants: await grantsOf(db, ctx.actor) }, id);
  const program = await db.selectFrom('cartradein_programs').select('current_rule_version_id').where('id', '=', id).executeTakeFirst();
  if (!program) throw notFound();
  const rows = await db.selectFrom('cartradein_rule_versions').selectAll().where('program_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    version: r.version,
    rule: parseCarRule(r.rule_json),
    note: r.note,
    createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: r.created_at,
    current: Number(r.id) === Number(program.current_rule_version_id),
  }));
}
