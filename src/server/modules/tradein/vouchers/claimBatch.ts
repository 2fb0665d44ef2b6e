import { sql } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { shanghaiDate } from '../../../core/time.js';
import type { DialectName, Tx } from '../../../db/database.js';
import { inIds, rowsFromColumns } from '../../../db/lists.js';
import type { AuditEntry } from '../../platform/audit/auditTrail.js';
import type { VoucherView } from './schema.js';
import { formatVoucherCode, generateVoucherCode } from './voucherCode.js';
import { voucherExpiry } from './time.js';

/**
 * One batch of claims in one transaction (see claimBatcher.ts for why claims are batched). The steps, in order:
 * read the pools; per pool, admit the claimants (window, release hours, what they already hold); insert the
 * admitted claimants' vouchers; lock the pools last and keep only what their quota allows. Each claim ends with
 * its own outcome, as if it had had a transaction to itself; the caller appends the audit records and commits.
 */

export interface ClaimOutcome {
  voucher?: VoucherView;
  error?: AppError;
}

export interface BatchedClaim {
  poolId: number;
  ctx: RequestContext;
}

export const poolExhausted = () => new AppError(409, 'POOL_EXHAUSTED', 'error.POOL_EXHAUSTED');
export const alreadyClaimed = () => new AppError(409, 'ALREADY_CLAIMED', 'error.ALREADY_CLAIMED');
export const poolClosed = () => new AppError(409, 'POOL_CLOSED', 'error.POOL_CLOSED');
export const programNotActive = () => new AppError(409, 'PROGRAM_NOT_ACTIVE', 'error.PROGRAM_NOT_ACTIVE');
export const programEnded = (date: string) => new AppError(409, 'PROGRAM_ENDED', 'error.PROGRAM_ENDED', { date });
export const programNotStarted = (date: string) => new AppError(409, 'PROGRAM_NOT_STARTED', 'error.PROGRAM_NOT_STARTED', { date });

/** A claimant let through to the insert: the claim's index in the batch and who claims. */
interface Admitted {
  index: number;
  userId: number;
}

type PoolRow = Awaited<ReturnType<typeof loadPools>>[number];
type InsertedVoucher = { id: number; holder_user_id: number; code: string; expires_at: string };

export interface BatchResult {
  outcomes: ClaimOutcome[];
  audit: { ctx: RequestContext; entry: AuditEntry }[];
}

export async function runClaimBatch(tx: Tx, dialect: DialectName, batch: readonly BatchedClaim[], now: Date): Promise<BatchResult> {
  const outcomes: ClaimOutcome[] = batch.map(() => ({}));
  const poolIds = [...new Set(batch.map((p) => p.poolId))].sort((a, b) => a - b);
  const pools = await loadPools(tx, poolIds);

  const admitted = new Map<number, Admitted[]>();
  for (const poolId of poolIds) {
    const members = batch.map((p, index) => ({ p, index })).filter((m) => m.p.poolId === poolId);
    const pool = pools.find((p) => Number(p.id) === poolId);
    if (!pool) {
      for (const m of members) outcomes[m.index] = { error: notFound() };
      continue;
    }
    const refusal = refusalOf(pool, now);
    if (refusal) {
      for (const m of members) outcomes[m.index] = { error: refusal };
      continue;
    }
    admitted.set(poolId, await admitClaimants(tx, dialect, pool, members, outcomes, now));
  }

  // Insert first, lock the pool row last: the hot row is held only for the end of the transaction.
  const inserted = new Map<number, InsertedVoucher[]>();
  for (const [poolId, candidates] of admitted) {
    const pool = pools.find((p) => Number(p.id) === poolId)!;
    // What the pool had left when this transaction read it, without a lock: the lock below still decides, this
    // only spares inserting vouchers that could not be kept. Deleting them was the rush's costliest statement at
    // the end of a release (each deleted voucher's foreign-key checks scan the queue).
    const hopeful = candidates.slice(0, Math.max(0, pool.quota - pool.issued));
    for (const c of candidates.slice(hopeful.length)) outcomes[c.index] = { error: poolExhausted() };
    admitted.set(poolId, hopeful);
    if (hopeful.length > 0) inserted.set(poolId, await insertVouchers(tx, dialect, pool, hopeful, now));
  }
  await holdVoucherCodes(tx, [...inserted.values()].flat());
  const audit = await grantWithinQuota(tx, dialect, { batch, pools, admitted, inserted, outcomes, now });
  return { outcomes, audit };
}

function loadPools(tx: Tx, poolIds: number[]) {
  return tx
    .selectFrom('tradein_pools as p')
    .innerJoin('tradein_programs as g', 'g.id', 'p.program_id')
    .innerJoin('tradein_categories as c', (j) => j.onRef('c.program_id', '=', 'p.program_id').onRef('c.category', '=', 'p.category'))
    .innerJoin('tradein_rule_versions as v', 'v.id', 'c.current_rule_version_id')
    .select([
      'p.id',
      'p.program_id',
      'p.category',
      'p.opens_at',
      'p.closes_at',
      'p.quota',
      'p.issued',
      'g.name as program_name',
      'g.status as program_status',
      'g.valid_from',
      'g.valid_to',
      'g.voucher_valid_days',
      'c.name as category_name',
      'c.current_rule_version_id',
      'v.rule_json',
    ])
    .where('p.id', 'in', poolIds)
    .execute();
}

/** Why nobody may claim from this pool now, with the reason a resident is told; null when claims are open. */
function refusalOf(pool: PoolRow, now: Date): AppError | null {
  const today = shanghaiDate(now);
  if (pool.program_status !== 'active') return programNotActive();
  if (today > pool.valid_to) return programEnded(pool.valid_to);
  if (today < pool.valid_from) return programNotStarted(pool.valid_from);
  const nowIso = now.toISOString();
  if (nowIso < pool.opens_at || nowIso >= pool.closes_at) return poolClosed();
  return null;
}

/**
 * The claimants of one pool who may have a voucher: not holding an active one for the category, under the
 * per-person limit, once each. The others' outcomes are set to ALREADY_CLAIMED here.
 */
async function admitClaimants(
  tx: Tx,
  dialect: DialectName,
  pool: PoolRow,
  members: { p: BatchedClaim; index: number }[],
  outcomes: ClaimOutcome[],
  now: Date,
): Promise<Admitted[]> {
  const nowIso = now.toISOString();
  const userIds = [...new Set(members.map((m) => m.p.ctx.actor.userId!))];
  // What the claimants hold in the category. A voucher past its expiry but not yet marked by the expiry job
  // counts as expired; it is marked below, in the same transaction, before the new voucher takes its place.
  const held = await tx
    .selectFrom('tradein_vouchers')
    .select([
      'holder_user_id',
      sql<number>`sum(case when status = 'active' and expires_at > ${nowIso} then 1 else 0 end)`.as('active'),
      sql<number>`sum(case when status = 'active' and expires_at <= ${nowIso} then 1 else 0 end)`.as('stale'),
      sql<number>`sum(case when program_id = ${pool.program_id} and (status = 'redeemed' or (status = 'active' and expires_at > ${nowIso})) then 1 else 0 end)`.as(
        'in_program',
      ),
    ])
    // No condition on status here: with one, SQLite's planner walks the (status, expires_at) index over every
    // active voucher in the city instead of the holders' few rows (measured 40× slower at 50,000 vouchers).
    .where(inIds(dialect, 'holder_user_id', userIds))
    .where('category', '=', pool.category)
    .groupBy('holder_user_id')
    .execute();
  const stale = held.filter((h) => Number(h.stale) > 0).map((h) => Number(h.holder_user_id));
  // Expired vouchers' quota returns to a later release like any other expired voucher's.
  if (stale.length > 0)
    await tx
      .updateTable('tradein_vouchers')
      .set({ status: 'expired', updated_at: nowIso })
      .where(inIds(dialect, 'holder_user_id', stale))
      .where('category', '=', pool.category)
      .where('status', '=', 'active')
      .where('expires_at', '<=', nowIso)
      .execute();
  const limit = (JSON.parse(pool.rule_json) as { limitPerPerson: number }).limitPerPerson;
  const blocked = new Set(held.filter((h) => Number(h.active) > 0 || Number(h.in_program) >= limit).map((h) => Number(h.holder_user_id)));
  const admitted: Admitted[] = [];
  const seen = new Set<number>();
  for (const m of members) {
    const userId = m.p.ctx.actor.userId!;
    if (blocked.has(userId) || seen.has(userId)) {
      outcomes[m.index] = { error: alreadyClaimed() };
      continue;
    }
    seen.add(userId);
    admitted.push({ index: m.index, userId });
  }
  // Same order in every process, so two batches inserting for the same people cannot deadlock.
  return admitted.sort((a, b) => a.userId - b.userId);
}

/** One INSERT … SELECT for the pool's admitted claimants; a racing duplicate is skipped by the partial unique index. */
async function insertVouchers(tx: Tx, dialect: DialectName, pool: PoolRow, candidates: Admitted[], now: Date): Promise<InsertedVoucher[]> {
  const nowIso = now.toISOString();
  const expiresAt = voucherExpiry(now, pool.voucher_valid_days, pool.valid_to);
  // One statement text for any batch size (see rowsFromColumns): only the code and the holder differ by row.
  const source = rowsFromColumns(dialect, 'claim', {
    code: { type: 'text', values: candidates.map(() => generateVoucherCode()) },
    holder_user_id: { type: 'bigint', values: candidates.map((c) => c.userId) },
  });
  return (
    tx
      .insertInto('tradein_vouchers')
      .columns(['code', 'holder_user_id', 'program_id', 'category', 'pool_id', 'rule_version_id', 'status', 'issued_at', 'expires_at', 'updated_at'])
      .expression((eb) =>
        eb
          .selectFrom(source)
          .select([
            sql<string>`claim.code`.as('code'),
            sql<number>`cast(claim.holder_user_id as bigint)`.as('holder_user_id'),
            sql<number>`cast(${Number(pool.program_id)} as bigint)`.as('program_id'),
            sql<string>`cast(${pool.category} as text)`.as('category'),
            sql<number>`cast(${Number(pool.id)} as bigint)`.as('pool_id'),
            sql<number>`cast(${Number(pool.current_rule_version_id)} as bigint)`.as('rule_version_id'),
            sql<string>`cast(${'active'} as text)`.as('status'),
            sql<string>`cast(${nowIso} as text)`.as('issued_at'),
            sql<string>`cast(${expiresAt} as text)`.as('expires_at'),
            sql<string>`cast(${nowIso} as text)`.as('updated_at'),
          ])
          // SQLite needs a WHERE before ON CONFLICT to parse INSERT … SELECT … ON CONFLICT.
          .where(sql<boolean>`true`),
      )
      // The predicate is a literal so SQLite can match it to the partial index (a bound parameter would not).
      .onConflict((oc) =>
        oc
          .columns(['holder_user_id', 'category'])
          .where(sql<boolean>`status = 'active'`)
          .doNothing(),
      )
      .returning(['id', 'holder_user_id', 'code', 'expires_at'])
      .execute()
  );
}

/**
 * The codes of the vouchers just inserted, in tradein_voucher_codes: there a code is unique across every holder (on
 * Citus a unique key of the vouchers can only be per holder). One statement for the batch; a drawn code that is
 * taken fails it, and the batcher retries the batch with new codes.
 */
async function holdVoucherCodes(tx: Tx, vouchers: readonly InsertedVoucher[]): Promise<void> {
  if (vouchers.length === 0) return;
  await tx
    .insertInto('tradein_voucher_codes')
    .values(vouchers.map((v) => ({ code: v.code, holder_user_id: Number(v.holder_user_id), voucher_id: Number(v.id) })))
    .execute();
}

/**
 * Locks the pools (in id order) and keeps as many of the inserted vouchers as each quota still allows, deleting
 * the surplus; sets every admitted claim's outcome and returns the audit records of the vouchers issued.
 */
async function grantWithinQuota(
  tx: Tx,
  dialect: DialectName,
  run: {
    batch: readonly BatchedClaim[];
    pools: PoolRow[];
    admitted: Map<number, Admitted[]>;
    inserted: Map<number, InsertedVoucher[]>;
    outcomes: ClaimOutcome[];
    now: Date;
  },
): Promise<BatchResult['audit']> {
  const audit: BatchResult['audit'] = [];
  const lockIds = [...run.inserted.keys()].sort((a, b) => a - b);
  if (lockIds.length === 0) return audit;
  let q = tx.selectFrom('tradein_pools').select(['id', 'quota', 'issued']).where('id', 'in', lockIds).orderBy('id');
  // NO KEY UPDATE is enough (a pool's key never changes) and blocks nothing but other writers of the row. It was
  // needed while vouchers had a foreign key to their pool (dropped in 20261203_1800): their KEY SHARE locks made
  // FOR UPDATE wait for every other batch's inserts, and two batches in flight deadlocked.
  if (dialect === 'postgres') q = q.forNoKeyUpdate();
  const locked = await q.execute();
  for (const poolId of lockIds) {
    const rows = run.inserted.get(poolId)!;
    const pool = run.pools.find((p) => Number(p.id) === poolId)!;
    const row = locked.find((l) => Number(l.id) === poolId)!;
    const free = Math.max(0, row.quota - row.issued);
    const granted = rows.slice(0, free);
    const surplus = rows.slice(free);
    if (surplus.length > 0) {
      await tx
        .deleteFrom('tradein_voucher_codes')
        .where(
          'code',
          'in',
          surplus.map((r) => r.code),
        )
        .execute();
      await tx
        .deleteFrom('tradein_vouchers')
        .where(
          'id',
          'in',
          surplus.map((r) => Number(r.id)),
        )
        .execute();
    }
    if (granted.length > 0) {
      const updated = await tx
        .updateTable('tradein_pools')
        .set((eb) => ({ issued: eb('issued', '+', granted.length) }))
        .where('id', '=', poolId)
        .where(sql<boolean>`issued + ${granted.length} <= quota`)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) throw new Error('pool quota changed under its lock');
    }
    const byUser = new Map(rows.map((r) => [Number(r.holder_user_id), r]));
    const grantedUsers = new Set(granted.map((r) => Number(r.holder_user_id)));
    for (const c of run.admitted.get(poolId)!) {
      const r = byUser.get(c.userId);
      if (!r) {
        // The unique index refused it: the person got an active voucher in a concurrent transaction.
        run.outcomes[c.index] = { error: alreadyClaimed() };
      } else if (!grantedUsers.has(c.userId)) {
        run.outcomes[c.index] = { error: poolExhausted() };
      } else {
        const view = voucherView(pool, r, run.now);
        run.outcomes[c.index] = { voucher: view };
        audit.push({
          ctx: run.batch[c.index]!.ctx,
          entry: {
            entity: 'tradein_voucher',
            entityId: view.id,
            action: 'claim',
            after: { poolId, programId: view.programId, category: view.category, ruleVersionId: view.ruleVersionId, expiresAt: view.expiresAt },
          },
        });
      }
    }
  }
  return audit;
}

function voucherView(pool: PoolRow, r: InsertedVoucher, now: Date): VoucherView {
  return {
    id: Number(r.id),
    code: formatVoucherCode(r.code),
    programId: Number(pool.program_id),
    programName: pool.program_name,
    category: pool.category,
    categoryName: pool.category_name,
    poolId: Number(pool.id),
    ruleVersionId: Number(pool.current_rule_version_id),
    status: 'active',
    issuedAt: now.toISOString(),
    expiresAt: r.expires_at,
    redeemedAt: null,
  };
}
