/** After the last kill: every acknowledged write is stored, and every invariant holds. */
import type { AppDeps } from '../../src/server/core/deps.js';
import { verifyAuditTrail } from '../../src/server/modules/platform/audit/auditTrail.js';
import type { CrashWorld } from './setup.js';

export interface Acks {
  claims: { voucherId: number; userId: number }[];
  redemptions: { id: number; serial: string; voucherCode: string }[];
  reports: { id: number; narrative: string }[];
  /** A serial sold a second time that the server accepted (must stay empty). */
  duplicateSerialsAccepted: string[];
}

export interface Verification {
  missingClaims: number;
  missingRedemptions: number;
  missingReports: number;
  poolIssued: number;
  poolVouchers: number;
  overQuota: number;
  serialsRedeemedTwice: number;
  duplicateSerialsAccepted: number;
  budgetUsedFen: number;
  budgetTotalFen: number;
  budgetMismatchFen: number;
  auditOk: boolean;
  auditRecords: number;
  failures: string[];
}

export async function verify(deps: AppDeps, world: CrashWorld, acks: Acks): Promise<Verification> {
  const db = deps.database.db;
  const failures: string[] = [];
  const vouchers = await db.selectFrom('tradein_vouchers').select(['id', 'holder_user_id']).where('pool_id', '=', world.poolId).execute();
  const holder = new Map(vouchers.map((v) => [Number(v.id), Number(v.holder_user_id)]));
  const missingClaims = acks.claims.filter((c) => holder.get(c.voucherId) !== c.userId).length;

  const redemptionIds = acks.redemptions.map((r) => r.id);
  const stored = new Map<number, string>();
  for (let i = 0; i < redemptionIds.length; i += 500) {
    const rows = await db
      .selectFrom('tradein_redemptions')
      .select(['id', 'serial_number'])
      .where('id', 'in', redemptionIds.slice(i, i + 500))
      .execute();
    for (const r of rows) stored.set(Number(r.id), r.serial_number);
  }
  const missingRedemptions = acks.redemptions.filter((r) => stored.get(r.id) !== r.serial).length;

  const reportIds = acks.reports.map((r) => r.id);
  const narratives = new Map<number, { narrative: string | null; status: string }>();
  for (let i = 0; i < reportIds.length; i += 500) {
    const rows = await db
      .selectFrom('plan_reports')
      .select(['id', 'narrative', 'status'])
      .where('id', 'in', reportIds.slice(i, i + 500))
      .execute();
    for (const r of rows) narratives.set(Number(r.id), { narrative: r.narrative, status: r.status });
  }
  const missingReports = acks.reports.filter((r) => {
    const s = narratives.get(r.id);
    return !s || s.narrative !== r.narrative || s.status === 'pending';
  }).length;

  const pool = await db.selectFrom('tradein_pools').select(['issued', 'quota']).where('id', '=', world.poolId).executeTakeFirstOrThrow();
  // A serial whose subsidy stands (accepted or held) more than once, across the whole database.
  const twice = await db
    .selectFrom('tradein_redemptions')
    .select(['serial_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['accepted', 'held'])
    .groupBy('serial_key')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  const program = await db
    .selectFrom('tradein_programs')
    .select(['budget_used_fen', 'budget_central_fen', 'budget_provincial_fen', 'budget_city_fen'])
    .where('id', '=', world.programId)
    .executeTakeFirstOrThrow();
  const subsidies = await db
    .selectFrom('tradein_redemptions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('subsidy_fen'), eb.lit(0)).as('s'))
    .where('program_id', '=', world.programId)
    .where('status', 'in', ['accepted', 'held'])
    .executeTakeFirstOrThrow();
  const budgetUsedFen = Number(program.budget_used_fen);
  const budgetTotalFen = Number(program.budget_central_fen) + Number(program.budget_provincial_fen) + Number(program.budget_city_fen);
  const audit = await verifyAuditTrail(db);

  const v: Verification = {
    missingClaims,
    missingRedemptions,
    missingReports,
    poolIssued: Number(pool.issued),
    poolVouchers: vouchers.length,
    overQuota: Math.max(0, Number(pool.issued) - Number(pool.quota)) + Math.max(0, vouchers.length - Number(pool.quota)),
    serialsRedeemedTwice: twice.length,
    duplicateSerialsAccepted: acks.duplicateSerialsAccepted.length,
    budgetUsedFen,
    budgetTotalFen,
    budgetMismatchFen: Math.abs(budgetUsedFen - Number(subsidies.s)),
    auditOk: audit.ok,
    auditRecords: audit.records,
    failures,
  };
  if (missingClaims) failures.push(`${missingClaims} acknowledged claims missing`);
  if (missingRedemptions) failures.push(`${missingRedemptions} acknowledged redemptions missing`);
  if (missingReports) failures.push(`${missingReports} acknowledged report submissions missing`);
  if (v.poolIssued !== v.poolVouchers) failures.push(`pool says ${v.poolIssued} issued, ${v.poolVouchers} vouchers stored`);
  if (v.overQuota) failures.push(`pool over its quota by ${v.overQuota}`);
  if (v.serialsRedeemedTwice) failures.push(`${v.serialsRedeemedTwice} serials subsidised twice`);
  if (v.duplicateSerialsAccepted) failures.push(`${v.duplicateSerialsAccepted} second sales of a serial accepted`);
  if (budgetUsedFen < 0 || budgetUsedFen > budgetTotalFen) failures.push(`budget used ${budgetUsedFen} outside 0…${budgetTotalFen}`);
  if (v.budgetMismatchFen) failures.push(`budget used differs from the redemptions' subsidies by ${v.budgetMismatchFen} fen`);
  if (!audit.ok) failures.push(`audit chain broken: ${JSON.stringify(audit)}`);
  return v;
}
