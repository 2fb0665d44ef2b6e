import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { appendVersion, versionHistory } from '../../../core/versioned.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { fenToDecimal } from '../../../../shared/money.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { carBudgetPolicy } from '../policies/budget.js';
import type { CarBudgetVersionView, CarBudgetView, CarSplitView, SetCarBudgetInput } from './schema.js';
import { splitByShares } from '../../../../shared/fundingSplit.js';
import { carBudgetVersions, splitColumns, type CarBudgetSplit } from './versions.js';

/** Longest burn-down series returned (a programme runs a year or two). */
const MAX_DAYS = 1100;
const APPROVED = ['approved', 'in_payment', 'paid'] as const;
/** Waiting for a decision: submitted, or returned to the resident and expected back. */
const WAITING = ['submitted', 'returned'] as const;

/** The database refused a write on a CHECK constraint (either dialect). */
function isCheckViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23514' || code === 'SQLITE_CONSTRAINT_CHECK';
}

/** Every programme has its budget row (insertCarProgram makes it; the migration made it for older ones). */
export async function ensureCarBudget(tx: Tx, programId: number): Promise<void> {
  await tx
    .insertInto('cartradein_budgets')
    .values({ program_id: programId, approved_fen: 0, paid_fen: 0, version: 0, updated_at: nowIso() })
    .onConflict((oc) => oc.column('program_id').doNothing())
    .execute();
}

async function budgetRow(db: Queryable, programId: number) {
  return db.selectFrom('cartradein_budgets').selectAll().where('program_id', '=', programId).executeTakeFirst();
}

/**
 * Draws an approval's amount on its programme's budget, in the approval's transaction. The database's CHECK
 * (`approved_fen <= total_fen`) is what refuses an approval beyond the budget — also between two reviewers
 * approving at the same moment, as the second's update waits for the first's row and is then checked — and the
 * refusal is 409 CAR_BUDGET_EXCEEDED with what is left. A budget not set limits nothing.
 */
export async function chargeCarBudget(tx: Tx, programId: number, amountFen: number): Promise<void> {
  await ensureCarBudget(tx, programId);
  const before = (await budgetRow(tx, programId))!;
  try {
    await tx
      .updateTable('cartradein_budgets')
      .set((eb) => ({ approved_fen: eb('approved_fen', '+', amountFen), updated_at: nowIso() }))
      .where('program_id', '=', programId)
      .execute();
  } catch (e) {
    if (!isCheckViolation(e)) throw e;
    const remaining = Math.max(0, Number(before.total_fen ?? 0) - Number(before.approved_fen));
    throw new AppError(409, 'CAR_BUDGET_EXCEEDED', 'error.CAR_BUDGET_EXCEEDED', { amount: fenToDecimal(amountFen), remaining: fenToDecimal(remaining) });
  }
}

/** Records a paid application on its programme's budget, in the payment's transaction. */
export async function recordCarPayment(tx: Tx, programId: number, amountFen: number): Promise<void> {
  await ensureCarBudget(tx, programId);
  await tx
    .updateTable('cartradein_budgets')
    .set((eb) => ({ paid_fen: eb('paid_fen', '+', amountFen), updated_at: nowIso() }))
    .where('program_id', '=', programId)
    .execute();
}

async function writeSplit(
  tx: Tx,
  programId: number,
  input: { value: CarBudgetSplit; baseVersion?: number | undefined; note: string | null; by: number | null },
) {
  const row = await budgetRow(tx, programId);
  const total = input.value.centralFen + input.value.provincialFen + input.value.cityFen;
  const approved = Number(row?.approved_fen ?? 0);
  if (total < approved) throw belowApproved(approved);
  try {
    const result = await appendVersion(tx, carBudgetVersions, programId, input);
    // The first version: nobody pointed the row at it yet (core/versioned.ts leaves that to the owner's creator).
    if (result.created && !result.previous)
      await tx
        .updateTable('cartradein_budgets')
        .set({ ...splitColumns(result.current.value), version: result.current.version, updated_at: result.current.createdAt })
        .where('program_id', '=', programId)
        .execute();
    return result;
  } catch (e) {
    // An approval committed between the read above and this write: the CHECK has the last word.
    if (isCheckViolation(e)) throw belowApproved(approved);
    throw e;
  }
}

const belowApproved = (approved: number) =>
  new AppError(409, 'CAR_BUDGET_BELOW_APPROVED', 'error.CAR_BUDGET_BELOW_APPROVED', { approved: fenToDecimal(approved) }, [
    { path: 'total', reason: 'field.cartradein.budgetBelowApproved', params: { approved: fenToDecimal(approved) } },
  ]);

/** A rolled-over programme starts with its source's split (a first version that says where it came from). */
export async function copyCarBudget(tx: Tx, fromId: number, toId: number, by: number | null, note: string): Promise<void> {
  await ensureCarBudget(tx, toId);
  const source = await carBudgetVersions.current(tx, fromId);
  if (source) await writeSplit(tx, toId, { value: source.value, baseVersion: 0, note, by });
}

/** 市商务局 (or the office) sets a programme's budget split: a new version when it differs; audited. */
export async function setCarBudget(deps: AppDeps, ctx: RequestContext, programId: number, input: SetCarBudgetInput): Promise<CarBudgetView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, carBudgetPolicy, 'set', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, programId);
    if (!(await tx.selectFrom('cartradein_programs').select('id').where('id', '=', programId).executeTakeFirst())) throw notFound();
    await ensureCarBudget(tx, programId);
    const value = { centralFen: input.centralFen, provincialFen: input.provincialFen, cityFen: input.cityFen };
    const { created, previous } = await writeSplit(tx, programId, { value, baseVersion: input.baseVersion, note: input.note ?? null, by: ctx.actor.userId });
    if (!created) return;
    await appendAudit(tx, ctx, {
      entity: 'cartradein_budget',
      entityId: programId,
      action: 'set',
      before: previous ? { version: previous.version, ...previous.value } : null,
      after: { ...value, note: input.note },
    });
  });
  return loadCarBudget(deps.database.db, programId);
}

export async function carBudgetHistory(deps: AppDeps, ctx: RequestContext, programId: number): Promise<CarBudgetVersionView[]> {
  const db = deps.database.db;
  authorize(ctx.actor, carBudgetPolicy, 'readHistory', { grants: await grantsOf(db, ctx.actor, 'cartradein') }, programId);
  if (!(await budgetRow(db, programId))) throw notFound();
  // A budget never set has no versions: an empty history rather than versionHistory's 404.
  if (!(await carBudgetVersions.current(db, programId))) return [];
  return (await versionHistory(db, carBudgetVersions, programId)).map((v) => ({
    id: v.id,
    version: v.version,
    centralFen: v.value.centralFen,
    provincialFen: v.value.provincialFen,
    cityFen: v.value.cityFen,
    totalFen: v.value.centralFen + v.value.provincialFen + v.value.cityFen,
    note: v.note,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    current: v.current,
  }));
}

export async function carProgramBudget(deps: AppDeps, ctx: RequestContext, programId: number, now = new Date()): Promise<CarBudgetView> {
  const db = deps.database.db;
  authorize(ctx.actor, carBudgetPolicy, 'read', { grants: await grantsOf(db, ctx.actor, 'cartradein') }, programId);
  return loadCarBudget(db, programId, now);
}

/** Amounts grouped by UTC hour in SQL (portable text slicing), then by Shanghai date here. */
async function byDay(db: Queryable, programId: number, column: 'approved_at' | 'paid_at', statuses: readonly string[]) {
  const rows = await db
    .selectFrom('cartradein_applications')
    .select([sql<string>`substr(${sql.ref(column)}, 1, 13)`.as('hour'), sql<number>`sum(amount_fen)`.as('fen')])
    .where('program_id', '=', programId)
    .where('status', 'in', statuses as never)
    .where(column, 'is not', null)
    .groupBy(sql`substr(${sql.ref(column)}, 1, 13)`)
    .execute();
  const days = new Map<string, number>();
  for (const r of rows) {
    const day = shanghaiDate(`${r.hour}:00:00.000Z`);
    days.set(day, (days.get(day) ?? 0) + Number(r.fen));
  }
  return days;
}

/**
 * A programme's budget: its split, what is committed (waiting for a decision), approved and paid, each split by
 * funding source in the budget's proportions, and a daily burn-down. All amounts are integer fen.
 */
export async function loadCarBudget(db: Queryable, programId: number, now = new Date()): Promise<CarBudgetView> {
  const program = await db.selectFrom('cartradein_programs').select(['id', 'name', 'valid_from']).where('id', '=', programId).executeTakeFirst();
  const row = program && (await budgetRow(db, programId));
  if (!program || !row) throw notFound();
  const set = row.total_fen !== null;
  const total = Number(row.total_fen ?? 0);
  const shares = { central: Number(row.central_fen ?? 0), provincial: Number(row.provincial_fen ?? 0), city: Number(row.city_fen ?? 0) };
  const split = (fen: number): CarSplitView => (set ? splitByShares(fen, shares) : { total: fen, central: null, provincial: null, city: null });
  const asOf = now.toISOString();

  const counts = await db
    .selectFrom('cartradein_applications')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('fen')])
    .where('program_id', '=', programId)
    .where('eligible', '=', 1)
    .groupBy('status')
    .execute();
  const of = (statuses: readonly string[]) => counts.filter((c) => statuses.includes(c.status));
  const committed = of(WAITING).reduce((s, c) => s + Number(c.fen), 0);
  const approved = Number(row.approved_fen);
  const paid = Number(row.paid_fen);

  const approvedByDay = await byDay(db, programId, 'approved_at', APPROVED);
  const paidByDay = await byDay(db, programId, 'paid_at', ['paid']);
  const last = shanghaiDate(now);
  const sinceFirstDay = addDays(last, -(MAX_DAYS - 1));
  const first = sinceFirstDay > program.valid_from ? sinceFirstDay : program.valid_from;
  // Anything dated before the first day shown is counted on that day.
  const before = (m: Map<string, number>) => [...m].filter(([d]) => d < first).reduce((s, [, v]) => s + v, 0);
  let cumApproved = before(approvedByDay);
  let cumPaid = before(paidByDay);
  const burnDown: CarBudgetView['burnDown'] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    cumApproved += approvedByDay.get(day) ?? 0;
    cumPaid += paidByDay.get(day) ?? 0;
    burnDown.push({ date: day, approved: cumApproved, paid: cumPaid, remaining: set ? total - cumApproved : null });
  }

  const count = (statuses: readonly string[]) => of(statuses).reduce((s, c) => s + Number(c.n), 0);
  return {
    programId,
    programName: program.name,
    asOf,
    set,
    version: row.version,
    budget: set ? split(total) : null,
    committed: { ...split(committed), count: count(WAITING) },
    approved: { ...split(approved), count: count(APPROVED) },
    paid: { ...split(paid), count: count(['paid']) },
    remaining: set ? split(total - approved) : null,
    uncommitted: set ? split(total - approved - committed) : null,
    burnDown,
  };
}
