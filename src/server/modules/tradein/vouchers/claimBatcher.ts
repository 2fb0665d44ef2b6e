import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { inIds, rowsFromColumns } from '../../../db/lists.js';
import { appendAuditMany, type AuditEntry } from '../../platform/audit/auditTrail.js';
import { formatVoucherCode, generateVoucherCode } from './voucherCode.js';
import type { VoucherView } from './schema.js';
import { voucherExpiry } from './time.js';

/**
 * Group commit for voucher claims.
 *
 * A flash release is thousands of residents claiming from one pool in the same second. One transaction per
 * claim makes the pool row a hot spot: every claim waits for the previous one's commit (and fsync). Instead,
 * each app process queues the claims it receives and one lane drains the queue: all claims waiting at that
 * moment go into one transaction, which takes the pool's quota once, inserts all the vouchers in one statement,
 * writes all their audit records in one statement, and commits once. While it commits, the next batch gathers.
 * Throughput then grows with the load instead of queueing behind the hot row.
 *
 * Correctness does not rest on the batcher (several processes run one each) but on the database:
 * - the pool row is read FOR NO KEY UPDATE (PostgreSQL; SQLite has one writer) before `issued` is raised, and a CHECK
 *   constraint refuses any commit with issued > quota — a pool can never issue more than its quota;
 * - a partial unique index (holder, category) WHERE status = 'active' means a person never holds two active
 *   vouchers for one category; the insert uses ON CONFLICT DO NOTHING so a racing duplicate becomes a clean
 *   ALREADY_CLAIMED instead of aborting the batch;
 * - the per-person limit (air conditioners ×3) counts active + redeemed vouchers; it cannot be overshot by a
 *   race because a successful insert requires that the person holds no active voucher for the category, so at
 *   most one claim per person and category can be in flight.
 */

export interface ClaimOutcome {
  voucher?: VoucherView;
  error?: AppError;
}

interface PendingClaim {
  poolId: number;
  ctx: RequestContext;
  settle: (outcome: ClaimOutcome) => void;
  fail: (err: unknown) => void;
}

const MAX_BATCH = 400;
const AUDIT_CHAINS = 8;
const RETRIES = 4;

export const poolExhausted = () => new AppError(409, 'POOL_EXHAUSTED', 'error.POOL_EXHAUSTED');
export const alreadyClaimed = () => new AppError(409, 'ALREADY_CLAIMED', 'error.ALREADY_CLAIMED');
export const poolClosed = () => new AppError(409, 'POOL_CLOSED', 'error.POOL_CLOSED');
export const programNotActive = () => new AppError(409, 'PROGRAM_NOT_ACTIVE', 'error.PROGRAM_NOT_ACTIVE');
export const programEnded = (date: string) => new AppError(409, 'PROGRAM_ENDED', 'error.PROGRAM_ENDED', { date });
export const programNotStarted = (date: string) => new AppError(409, 'PROGRAM_NOT_STARTED', 'error.PROGRAM_NOT_STARTED', { date });

function retryable(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (!e) return false;
  // Deadlock or serialisation failure (PostgreSQL), a busy SQLite file, or a voucher code collision.
  if (e.code === '40P01' || e.code === '40001' || e.code?.startsWith('SQLITE_BUSY')) return true;
  if (e.code === '23505' && e.constraint?.includes('code')) return true;
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /tradein_vouchers\.code/.test(e.message ?? '');
}

export class ClaimBatcher {
  private queue: PendingClaim[] = [];
  private scheduled = false;
  private active = 0;
  private chainCursor = Math.floor(Math.random() * AUDIT_CHAINS);
  /**
   * Batches in flight at once. One: measured on PostgreSQL, a second lane gave the same claims per second for
   * ~20% more CPU per claim (SQLite has one writer anyway). Kept as a setting of the batcher, not of the deployment.
   */
  private readonly lanes = 1;
  /** Batch sizes of the last transactions (for the benchmark's report). */
  readonly stats = { batches: 0, claims: 0, maxBatch: 0 };

  constructor(private readonly deps: AppDeps) {}

  claim(ctx: RequestContext, poolId: number): Promise<ClaimOutcome> {
    return new Promise((settle, fail) => {
      this.queue.push({ poolId, ctx, settle, fail });
      this.schedule();
    });
  }

  /** Let the claims that arrive in the same turn of the event loop join one batch. */
  private schedule(): void {
    if (this.scheduled || this.active >= this.lanes || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.active < this.lanes && this.queue.length > 0) void this.runLane(this.queue.splice(0, MAX_BATCH));
    });
  }

  private async runLane(batch: PendingClaim[]): Promise<void> {
    this.active++;
    this.stats.batches++;
    this.stats.claims += batch.length;
    this.stats.maxBatch = Math.max(this.stats.maxBatch, batch.length);
    try {
      const outcomes = await this.runWithRetries(batch);
      batch.forEach((p, i) => p.settle(outcomes[i]!));
    } catch (err) {
      for (const p of batch) p.fail(err);
    } finally {
      this.active--;
      this.schedule();
    }
  }

  private async runWithRetries(batch: PendingClaim[]): Promise<ClaimOutcome[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.deps.database, (tx) => this.runBatch(tx, batch));
      } catch (err) {
        if (attempt >= RETRIES || !retryable(err)) throw err;
      }
    }
  }

  private async runBatch(tx: Tx, batch: PendingClaim[]): Promise<ClaimOutcome[]> {
    const dialect = this.deps.database.dialect;
    const now = new Date();
    const nowIso = now.toISOString();
    const outcomes: ClaimOutcome[] = batch.map(() => ({}));
    const poolIds = [...new Set(batch.map((p) => p.poolId))].sort((a, b) => a - b);

    const pools = await tx
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

    type Issue = { index: number; userId: number };
    const toInsert = new Map<number, Issue[]>();
    const audit: { ctx: RequestContext; entry: AuditEntry }[] = [];
    const views = new Map<number, VoucherView>();

    for (const poolId of poolIds) {
      const pool = pools.find((p) => Number(p.id) === poolId);
      const members = batch.map((p, index) => ({ p, index })).filter((m) => m.p.poolId === poolId);
      if (!pool) {
        for (const m of members) outcomes[m.index] = { error: notFound() };
        continue;
      }
      const today = shanghaiDate(now);
      const refusal =
        pool.program_status !== 'active'
          ? programNotActive()
          : today > pool.valid_to
            ? programEnded(pool.valid_to)
            : today < pool.valid_from
              ? programNotStarted(pool.valid_from)
              : null;
      if (refusal) {
        for (const m of members) outcomes[m.index] = { error: refusal };
        continue;
      }
      if (nowIso < pool.opens_at || nowIso >= pool.closes_at) {
        for (const m of members) outcomes[m.index] = { error: poolClosed() };
        continue;
      }
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
      const candidates: Issue[] = [];
      const seen = new Set<number>();
      for (const m of members) {
        const userId = m.p.ctx.actor.userId!;
        if (blocked.has(userId) || seen.has(userId)) {
          outcomes[m.index] = { error: alreadyClaimed() };
          continue;
        }
        seen.add(userId);
        candidates.push({ index: m.index, userId });
      }
      // Same order in every process, so two batches inserting for the same people cannot deadlock.
      candidates.sort((a, b) => a.userId - b.userId);
      toInsert.set(poolId, candidates);
    }

    // Insert first, lock the pool row last: the hot row is held only for the end of the transaction.
    const inserted = new Map<number, { id: number; holder_user_id: number; code: string; expires_at: string }[]>();
    for (const [poolId, candidates] of toInsert) {
      if (candidates.length === 0) continue;
      const pool = pools.find((p) => Number(p.id) === poolId)!;
      const expiresAt = voucherExpiry(now, pool.voucher_valid_days, pool.valid_to);
      // One statement text for any batch size (see rowsFromColumns): only the code and the holder differ by row.
      const source = rowsFromColumns(dialect, 'claim', {
        code: { type: 'text', values: candidates.map(() => generateVoucherCode()) },
        holder_user_id: { type: 'bigint', values: candidates.map((c) => c.userId) },
      });
      const rows = await tx
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
              sql<number>`cast(${poolId} as bigint)`.as('pool_id'),
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
        .onConflict((oc) => oc.columns(['holder_user_id', 'category']).where(sql<boolean>`status = 'active'`).doNothing())
        .returning(['id', 'holder_user_id', 'code', 'expires_at'])
        .execute();
      inserted.set(poolId, rows);
    }

    const lockIds = [...inserted.keys()].sort((a, b) => a - b);
    if (lockIds.length > 0) {
      let q = tx.selectFrom('tradein_pools').select(['id', 'quota', 'issued']).where('id', 'in', lockIds).orderBy('id');
      // NO KEY UPDATE, not UPDATE: the vouchers just inserted hold KEY SHARE locks on this row through their
      // foreign key, and FOR UPDATE would wait for every other batch's inserts — two batches in flight deadlocked.
      if (dialect === 'postgres') q = q.forNoKeyUpdate();
      const locked = await q.execute();
      for (const poolId of lockIds) {
        const rows = inserted.get(poolId)!;
        const candidates = toInsert.get(poolId)!;
        const pool = pools.find((p) => Number(p.id) === poolId)!;
        const row = locked.find((l) => Number(l.id) === poolId)!;
        const free = Math.max(0, row.quota - row.issued);
        const granted = rows.slice(0, free);
        const surplus = rows.slice(free);
        if (surplus.length > 0)
          await tx.deleteFrom('tradein_vouchers').where('id', 'in', surplus.map((r) => Number(r.id))).execute();
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
        for (const c of candidates) {
          const r = byUser.get(c.userId);
          if (!r) {
            // The unique index refused it: the person got an active voucher in a concurrent transaction.
            outcomes[c.index] = { error: alreadyClaimed() };
          } else if (!grantedUsers.has(c.userId)) {
            outcomes[c.index] = { error: poolExhausted() };
          } else {
            const view: VoucherView = {
              id: Number(r.id),
              code: formatVoucherCode(r.code),
              programId: Number(pool.program_id),
              programName: pool.program_name,
              category: pool.category,
              categoryName: pool.category_name,
              poolId,
              ruleVersionId: Number(pool.current_rule_version_id),
              status: 'active',
              issuedAt: nowIso,
              expiresAt: r.expires_at,
              redeemedAt: null,
            };
            views.set(c.index, view);
            outcomes[c.index] = { voucher: view };
            audit.push({
              ctx: batch[c.index]!.ctx,
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
    }
    this.chainCursor = (this.chainCursor + 1) % AUDIT_CHAINS;
    await appendAuditMany(tx, `tradein-claims-${this.chainCursor}`, audit);
    return outcomes;
  }
}

const batchers = new WeakMap<AppDeps, ClaimBatcher>();

/** One batcher per app instance (the deps object), created on first use. */
export function claimBatcherFor(deps: AppDeps): ClaimBatcher {
  let b = batchers.get(deps);
  if (!b) {
    b = new ClaimBatcher(deps);
    batchers.set(deps, b);
  }
  return b;
}
