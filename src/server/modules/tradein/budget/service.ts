import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { budgetPolicy } from '../policies/budget.js';
import { parseRule } from '../programs/rules.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import type { BudgetView } from './schema.js';
import { splitByShares } from '../../../../shared/fundingSplit.js';

/** Longest burn-down series returned (a programme runs a year or two). */
const MAX_DAYS = 1100;

/**
 * The budget of one programme: what is committed, redeemed, settled and paid, each split by funding source
 * in the programme's proportions, and a daily burn-down for a chart. All amounts are integer fen.
 */
export async function programBudget(deps: AppDeps, ctx: RequestContext, programId: number, now = new Date()): Promise<BudgetView> {
  const db = deps.database.db;
  authorize(ctx.actor, budgetPolicy, 'read', { grants: await grantsOf(db, ctx.actor, 'tradein') }, programId);
  const program = await db.selectFrom('tradein_programs').selectAll().where('id', '=', programId).executeTakeFirst();
  if (!program) throw notFound();
  const shares = { central: Number(program.budget_central_fen), provincial: Number(program.budget_provincial_fen), city: Number(program.budget_city_fen) };
  const split = (fen: number) => splitByShares(fen, shares);
  const total = shares.central + shares.provincial + shares.city;
  const asOf = now.toISOString();

  // Committed: each active voucher at the cap of the rule it was issued under.
  const active = await db
    .selectFrom('tradein_vouchers as v')
    .innerJoin('tradein_rule_versions as rv', 'rv.id', 'v.rule_version_id')
    .select(['rv.rule_json', (eb) => eb.fn.countAll<number>().as('n')])
    .where('v.program_id', '=', programId)
    .where('v.status', '=', 'active')
    .where('v.expires_at', '>', asOf)
    .groupBy(['v.rule_version_id', 'rv.rule_json'])
    .execute();
  let committed = 0;
  let activeVouchers = 0;
  for (const a of active) {
    activeVouchers += Number(a.n);
    committed += Number(a.n) * parseRule(a.rule_json).capFen;
  }

  const redeemedRow = await db
    .selectFrom('tradein_redemptions')
    .select([sql<number>`coalesce(sum(subsidy_fen), 0)`.as('fen'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('program_id', '=', programId)
    .where('status', 'in', ['accepted', 'held'])
    .executeTakeFirst();
  const redeemed = Number(redeemedRow?.fen ?? 0);

  const batches = await db
    .selectFrom('tradein_settlement_batches')
    .select(['status', 'net_fen', 'paid_at'])
    .where('program_id', '=', programId)
    .where('status', '!=', 'draft')
    .execute();
  const settled = batches.reduce((s, b) => s + Number(b.net_fen), 0);
  const paidBatches = batches.filter((b) => b.status === 'paid');
  const paid = paidBatches.reduce((s, b) => s + Number(b.net_fen), 0);

  // Burn-down: redemptions grouped by UTC hour in SQL (portable text slicing), then by Shanghai date here.
  const hourly = await db
    .selectFrom('tradein_redemptions')
    .select([sql<string>`substr(created_at, 1, 13)`.as('hour'), sql<number>`sum(subsidy_fen)`.as('fen')])
    .where('program_id', '=', programId)
    .where('status', 'in', ['accepted', 'held'])
    .groupBy(sql`substr(created_at, 1, 13)`)
    .execute();
  const redeemedByDay = new Map<string, number>();
  for (const h of hourly) {
    const day = shanghaiDate(`${h.hour}:00:00.000Z`);
    redeemedByDay.set(day, (redeemedByDay.get(day) ?? 0) + Number(h.fen));
  }
  const paidByDay = new Map<string, number>();
  for (const b of paidBatches) {
    const day = shanghaiDate(b.paid_at!);
    paidByDay.set(day, (paidByDay.get(day) ?? 0) + Number(b.net_fen));
  }
  // Through today, also after the window: sales of its last days are settled and paid after it ends. A very long
  // programme shows its last MAX_DAYS days, starting from the totals of the days before.
  const last = shanghaiDate(asOf);
  const sinceFirstDay = addDays(last, -(MAX_DAYS - 1));
  const first = sinceFirstDay > program.valid_from ? sinceFirstDay : program.valid_from;
  // Anything dated before the first day shown (a back-dated import, the days cut off) is counted on that day.
  const before = (m: Map<string, number>) => [...m].filter(([d]) => d < first).reduce((s, [, v]) => s + v, 0);
  let cumRedeemed = before(redeemedByDay);
  let cumPaid = before(paidByDay);
  const burnDown: BudgetView['burnDown'] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) {
    cumRedeemed += redeemedByDay.get(day) ?? 0;
    cumPaid += paidByDay.get(day) ?? 0;
    burnDown.push({ date: day, redeemed: cumRedeemed, paid: cumPaid, remaining: total - cumRedeemed });
  }

  return {
    programId,
    programName: program.name,
    asOf,
    budget: split(total),
    committed: { ...split(committed), activeVouchers },
    redeemed: { ...split(redeemed), count: Number(redeemedRow?.n ?? 0) },
    settled: split(settled),
    paid: split(paid),
    uncommitted: split(total - redeemed - committed),
    burnDown,
  };
}
