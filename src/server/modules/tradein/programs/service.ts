import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { duplicate, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../access.js';
import { managerPolicy } from '../policies/manager.js';
import { programPolicy } from '../policies/program.js';
import { refitVoucherExpiry } from './window.js';
import { ROUNDING_STATEMENT, categoryRuleSchema, parseRule, type CategoryRule } from './rules.js';
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
  const cats = await categoriesOf(db, rows.map((r) => Number(r.id)));
  return rows.map((r) => toView(r, cats));
}

export async function getProgram(deps: AppDeps, ctx: RequestContext, id: number): Promise<ProgramView> {
  authorize(ctx.actor, programPolicy, 'read');
  return loadProgramView(deps.database.db, id);
}

function checkWindow(validFrom: string, validTo: string) {
  if (validTo < validFrom) throw fieldError('validTo', 'field.tradein.windowOrder');
}

async function insertRuleVersion(tx: Tx, programId: number, category: string, version: number, rule: CategoryRule, note: string | null, by: number | null) {
  const row = await tx
    .insertInto('tradein_rule_versions')
    .values({
      program_id: programId,
      category,
      version,
      // Canonical JSON through the schema, so two equal rules compare equal as text.
      rule_json: JSON.stringify(categoryRuleSchema.parse(rule)),
      note,
      created_by: by,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
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
    const versionId = await insertRuleVersion(tx, programId, c.category, 1, c.rule, origin?.ruleNote(c.category) ?? null, by);
    await tx
      .insertInto('tradein_categories')
      .values({ program_id: programId, category: c.category, name: c.name, current_rule_version_id: versionId, daily_quota: c.dailyQuota, sort_order: i })
      .execute();
  }
  return programId;
}

export async function createProgram(deps: AppDeps, ctx: RequestContext, input: CreateProgramInput): Promise<ProgramView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'create', { grants: await grantsOf(tx, ctx.actor) });
    const id = await insertProgram(tx, input, ctx.actor.userId);
    await appendAudit(tx, ctx, { entity: 'tradein_program', entityId: id, action: 'create', after: input });
    return id;
  });
  return loadProgramView(deps.database.db, id);
}

export async function updateProgram(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateProgramInput): Promise<ProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'update', { grants: await grantsOf(tx, ctx.actor) }, id);
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
 * were issued under, so the change applies to new vouchers only. Adding a category is the same call.
 */
export async function setCategoryRule(deps: AppDeps, ctx: RequestContext, programId: number, category: string, input: SetCategoryInput): Promise<ProgramView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'setRule', { grants: await grantsOf(tx, ctx.actor) }, programId);
    const program = await loadProgramRow(tx, programId);
    if (program.status === 'closed') throw invalidState('closed');
    const current = await tx
      .selectFrom('tradein_categories as c')
      .innerJoin('tradein_rule_versions as v', 'v.id', 'c.current_rule_version_id')
      .select(['c.name', 'c.daily_quota', 'v.id', 'v.version', 'v.rule_json'])
      .where('c.program_id', '=', programId)
      .where('c.category', '=', category)
      .executeTakeFirst();
    if (!current && !input.name) throw fieldError('name', 'field.required');
    const ruleJson = JSON.stringify(categoryRuleSchema.parse(input.rule));
    let versionId = current ? Number(current.id) : 0;
    if (!current || current.rule_json !== ruleJson) {
      const last = await tx
        .selectFrom('tradein_rule_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('program_id', '=', programId)
        .where('category', '=', category)
        .executeTakeFirst();
      versionId = await insertRuleVersion(tx, programId, category, Number(last?.v ?? 0) + 1, input.rule, input.note ?? null, ctx.actor.userId);
    }
    if (current) {
      await tx
        .updateTable('tradein_categories')
        .set({ current_rule_version_id: versionId, name: input.name ?? current.name, daily_quota: input.dailyQuota ?? current.daily_quota })
        .where('program_id', '=', programId)
        .where('category', '=', category)
        .execute();
    } else {
      const count = await tx.selectFrom('tradein_categories').select((eb) => eb.fn.countAll<number>().as('n')).where('program_id', '=', programId).executeTakeFirst();
      await tx
        .insertInto('tradein_categories')
        .values({ program_id: programId, category, name: input.name!, current_rule_version_id: versionId, daily_quota: input.dailyQuota ?? 0, sort_order: Number(count?.n ?? 0) })
        .execute();
    }
    await tx.updateTable('tradein_programs').set({ updated_at: nowIso() }).where('id', '=', programId).execute();
    await appendAudit(tx, ctx, {
      entity: 'tradein_program',
      entityId: programId,
      action: 'setRule',
      before: current ? { category, version: current.version, rule: JSON.parse(current.rule_json) } : null,
      after: { category, rule: input.rule, dailyQuota: input.dailyQuota, note: input.note },
    });
  });
  return loadProgramView(deps.database.db, programId);
}

export async function ruleHistory(deps: AppDeps, ctx: RequestContext, programId: number, category: string) {
  const db = deps.database.db;
  authorize(ctx.actor, programPolicy, 'readHistory', { grants: await grantsOf(db, ctx.actor) }, programId);
  const cat = await db
    .selectFrom('tradein_categories')
    .select('current_rule_version_id')
    .where('program_id', '=', programId)
    .where('category', '=', category)
    .executeTakeFirst();
  if (!cat) throw notFound();
  const rows = await db
    .selectFrom('tradein_rule_versions')
    .selectAll()
    .where('program_id', '=', programId)
    .where('category', '=', category)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    version: r.version,
    rule: parseRule(r.rule_json),
    note: r.note,
    createdBy: r.created_by === null ? null : Number(r.created_by),
    createdAt: r.created_at,
    current: Number(r.id) === Number(cat.current_rule_version_id),
  }));
}

export async function listManagers(deps: AppDeps, ctx: RequestContext) {
  authorize(ctx.actor, managerPolicy, 'list');
  const rows = await deps.database.db
    .selectFrom('tradein_managers as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(['m.organization_id', 'o.name', 'm.capability', 'm.granted_at'])
    .orderBy('m.organization_id')
    .execute();
  return rows.map((r) => ({ organizationId: Number(r.organization_id), organizationName: r.name, capability: r.capability, grantedAt: r.granted_at }));
}

export async function setManagerGrant(
  deps: AppDeps,
  ctx: RequestContext,
  input: { organizationId: number; capability: 'manage' | 'confirm_payment' },
  granted: boolean,
) {
  authorize(ctx.actor, managerPolicy, granted ? 'grant' : 'revoke');
  await inTransaction(deps.database, async (tx) => {
    const org = await tx.selectFrom('organizations').select(['kind']).where('id', '=', input.organizationId).executeTakeFirst();
    if (!org || org.kind !== 'department') throw fieldError('organizationId', 'field.organization.unknown');
    if (granted)
      await tx
        .insertInto('tradein_managers')
        .values({ organization_id: input.organizationId, capability: input.capability, granted_by: ctx.actor.userId, granted_at: nowIso() })
        .onConflict((oc) => oc.columns(['organization_id', 'capability']).doNothing())
        .execute();
    else
      await tx
        .deleteFrom('tradein_managers')
        .where('organization_id', '=', input.organizationId)
        .where('capability', '=', input.capability)
        .execute();
    await appendAudit(tx, ctx, { entity: 'tradein_manager', entityId: input.organizationId, action: granted ? 'grant' : 'revoke', after: input });
  });
  return listManagers(deps, ctx);
}
