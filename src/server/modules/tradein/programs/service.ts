import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { duplicate, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendVersion, versionHistory } from '../../../core/versioned.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { programPolicy } from '../policies/program.js';
import { refitVoucherExpiry } from './window.js';
import { ROUNDING_STATEMENT, categoryRuleSchema, parseRule } from './rules.js';
import { categoryRuleVersions } from './ruleVersions.js';
import type { CreateProgramInput, ProgramView, SetCategoryInput, UpdateProgramInput } from './schema.js';

type ProgramRow = Awaited<ReturnType<typeof loadProgramRow>>;

async function loadProgramRow(db: Queryable, id: number) {
  const row = await db.selectFrom('tradein_programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

async function categoriesOf(db: Queryable, programIds: number[]) {
  if (programIds.length === 0) return [];
  return db
    .selectFrom('tradein_categories as c')
    .innerJoin('tradein_rule_versions as v', 'v.id', 'c.current_rule_version_id')
    .select(['c.program_id', 'c.category', 'c.name', 'c.daily_quota', 'c.sort_order', 'v.id as version_id', 'v.version', 'v.rule_json'])
    .where('c.program_id', 'in', programIds)
    .orderBy('c.program_id')
    .orderBy('c.sort_order')
    .orderBy('c.category')
    .execute();
}

function toView(p: ProgramRow, cats: Awaited<ReturnType<typeof categoriesOf>>): ProgramView {
  const central = Number(p.budget_central_fen);
  const provincial = Number(p.budget_provincial_fen);
  const city = Number(p.budget_city_fen);
  return {
    id: Number(p.id),
    code: p.code,
    name: p.name,
    kind: p.kind,
    status: p.status,
    validFrom: p.valid_from,
    validTo: p.valid_to,
    budget: { centralFen: central, provincialFen: provincial, cityFen: city, totalFen: central + provincial + city, usedFen: Number(p.budget_used_fen) },
    voucherValidDays: p.voucher_valid_days,
    releaseTime: p.release_time,
    rounding: p.rounding,
    roundingStatement: ROUNDING_STATEMENT[p.rounding],
    isExample: p.is_example === 1,
    sourceNote: p.source_note,
    rolledOverFromId: p.rolled_over_from_id === null ? null : Number(p.rolled_over_from_id),
    categories: cats
      .filter((c) => Number(c.program_id) === Number(p.id))
      .map((c) => ({
        category: c.category,
        name: c.name,
        dailyQuota: c.daily_quota,
        ruleVersionId: Number(c.version_id),
        ruleVersion: c.version,
        rule: parseRule(c.rule_json),
      })),
  };
}

export async function loadProgramView(db: Queryable, id: number): Promise<ProgramView> {
  const row = await loadProgramRow(db, id);
  return toView(row, await categoriesOf(db, [id]));
}

export async function listPrograms(deps: AppDeps, ctx: RequestContext): Promise<ProgramView[]> {
  authorize(ctx.actor, programPolicy, 'list');
  const db = deps.database.db;
  let q = db.selectFrom('tradein_programs').selectAll().orderBy('id');
  // Residents and businesses see what is running; drafts are the managers' work in progress.
  if (!['office', 'department', 'auditor'].includes(ctx.actor.role ?? '')) q = q.where('status', '!=', 'draft');
  const rows = await q.execute();
  const cats = await categoriesOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => toView(r, cats));
}

export async function getProgram(deps: AppDeps, ctx: RequestContext, id: number): Promise<ProgramView> {
  authorize(ctx.actor, programPolicy, 'read');
  return loadProgramView(deps.database.db, id);
}

function checkWindow(validFrom: string, validTo: string) {
  if (validTo < validFrom) throw fieldError('validTo', 'field.tradein.windowOrder');
}

/** Inserts a programme with its categories and their first rule versions; shared by the API, the seed and rollover. */
export async function insertProgram(
  tx: Tx,
  input: CreateProgramInput,
  by: number | null,
  origin: { rolledOverFromId: number; ruleNote: (category: string) => string } | null = null,
): Promise<number> {
  checkWindow(input.validFrom, input.validTo);
  const seen = new Set<string>();
  input.categories.forEach((c, i) => {
    if (seen.has(c.category)) throw fieldError(`categories.${i}.category`, 'field.tradein.duplicateCategory');
    seen.add(c.category);
  });
  if (input.budget.centralFen + input.budget.provincialFen + input.budget.cityFen <= 0) throw fieldError('budget', 'field.tradein.budgetSplit');
  if (await tx.selectFrom('tradein_programs').select('id').where('code', '=', input.code).executeTakeFirst()) throw duplicate('code', 'code');
  const now = nowIso();
  const row = await tx
    .insertInto('tradein_programs')
    .values({
      code: input.code,
      name: input.name,
      kind: input.kind,
      status: input.status,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      budget_central_fen: input.budget.centralFen,
      budget_provincial_fen: input.budget.provincialFen,
      budget_city_fen: input.budget.cityFen,
      budget_used_fen: 0,
      voucher_valid_days: input.voucherValidDays,
      release_time: input.releaseTime,
      rounding: input.rounding,
      is_example: input.isExample ? 1 : 0,
      source_note: input.sourceNote ?? null,
      rolled_over_from_id: origin?.rolledOverFromId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const programId = Number(row.id);
  for (const [i, c] of input.categories.entries()) {
    const first = await appendVersion(
      tx,
      categoryRuleVersions,
      { programId, category: c.category },
      { value: c.rule, baseVersion: 0, note: origin?.ruleNote(c.category) ?? null, by },
    );
    await tx
      .insertInto('tradein_categories')
      .values({
        program_id: programId,
        category: c.category,
        name: c.name,
        current_rule_version_id: first.current.id,
        daily_quota: c.dailyQuota,
        sort_order: i,
      })
      .execute();
  }
  return programId;
}

export async function createProgram(deps: AppDeps, ctx: RequestContext, input: CreateProgramInput): Promise<ProgramView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'tradein') });
    const id = await insertProgram(tx, input, ctx.actor.userId);
    await appendAudit(tx, ctx, { entity: 'tradein_program', entityId: id, action: 'create', after: input });
    return id;
  });
  return loadProgramView(deps.database.db, id);
}

export async function updateProgram(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateProgramInput): Promise<ProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'update', { grants: await grantsOf(tx, ctx.actor, 'tradein') }, id);
    const before = await loadProgramRow(tx, id);
    checkWindow(input.validFrom ?? before.valid_from, input.validTo ?? before.valid_to);
    if (before.status === 'closed' && input.status && input.status !== 'closed') throw invalidState('closed');
    const budget = input.budget;
    if (budget && budget.centralFen + budget.provincialFen + budget.cityFen < Number(before.budget_used_fen))
      throw fieldError('budget', 'field.too_small.number', { minimum: Number(before.budget_used_fen) });
    await tx
      .updateTable('tradein_programs')
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.validFrom !== undefined ? { valid_from: input.validFrom } : {}),
        ...(input.validTo !== undefined ? { valid_to: input.validTo } : {}),
        ...(budget ? { budget_central_fen: budget.centralFen, budget_provincial_fen: budget.provincialFen, budget_city_fen: budget.cityFen } : {}),
        ...(input.voucherValidDays !== undefined ? { voucher_valid_days: input.voucherValidDays } : {}),
        ...(input.releaseTime !== undefined ? { release_time: input.releaseTime } : {}),
        ...(input.isExample !== undefined ? { is_example: input.isExample ? 1 : 0 } : {}),
        ...(input.sourceNote !== undefined ? { source_note: input.sourceNote } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    const vouchers =
      input.validTo !== undefined && input.validTo !== before.valid_to
        ? await refitVoucherExpiry(tx, { id, voucherValidDays: input.voucherValidDays ?? before.voucher_valid_days }, before.valid_to, input.validTo)
        : null;
    await appendAudit(tx, ctx, { entity: 'tradein_program', entityId: id, action: 'update', before, after: { ...input, ...(vouchers ? { vouchers } : {}) } });
  });
  return loadProgramView(deps.database.db, id);
}

/**
 * Sets a category's rule. A changed rule becomes a new version; vouchers already issued keep the version they
 * were issued under, so the change applies to new vouchers only. Adding a category is the same call. A stale
 * `baseVersion` (someone saved since the editor loaded the rule) is 409 VERSION_CONFLICT, see core/versioned.ts.
 */
export async function setCategoryRule(deps: AppDeps, ctx: RequestContext, programId: number, category: string, input: SetCategoryInput): Promise<ProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'setRule', { grants: await grantsOf(tx, ctx.actor, 'tradein') }, programId);
    const program = await loadProgramRow(tx, programId);
    if (program.status === 'closed') throw invalidState('closed');
    const existing = await tx
      .selectFrom('tradein_categories')
      .select(['name', 'daily_quota'])
      .where('program_id', '=', programId)
      .where('category', '=', category)
      .executeTakeFirst();
    if (!existing && !input.name) throw fieldError('name', 'field.required');
    const { current, previous } = await appendVersion(
      tx,
      categoryRuleVersions,
      { programId, category },
      { value: categoryRuleSchema.parse(input.rule), baseVersion: input.baseVersion, note: input.note ?? null, by: ctx.actor.userId },
    );
    if (existing) {
      await tx
        .updateTable('tradein_categories')
        .set({ name: input.name ?? existing.name, daily_quota: input.dailyQuota ?? existing.daily_quota })
        .where('program_id', '=', programId)
        .where('category', '=', category)
        .execute();
    } else {
      const count = await tx
        .selectFrom('tradein_categories')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('program_id', '=', programId)
        .executeTakeFirst();
      await tx
        .insertInto('tradein_categories')
        .values({
          program_id: programId,
          category,
          name: input.name!,
          current_rule_version_id: current.id,
          daily_quota: input.dailyQuota ?? 0,
          sort_order: Number(count?.n ?? 0),
        })
        .execute();
    }
    await tx.updateTable('tradein_programs').set({ updated_at: nowIso() }).where('id', '=', programId).execute();
    await appendAudit(tx, ctx, {
      entity: 'tradein_program',
      entityId: programId,
      action: 'setRule',
      before: previous ? { category, version: previous.version, rule: previous.value } : null,
      after: { category, rule: input.rule, dailyQuota: input.dailyQuota, note: input.note },
    });
  });
  return loadProgramView(deps.database.db, programId);
}

export async function ruleHistory(deps: AppDeps, ctx: RequestContext, programId: number, category: string) {
  const db = deps.database.db;
  authorize(ctx.actor, programPolicy, 'readHistory', { grants: await grantsOf(db, ctx.actor, 'tradein') }, programId);
  const versions = await versionHistory(db, categoryRuleVersions, { programId, category });
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
