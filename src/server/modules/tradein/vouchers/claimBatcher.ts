import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { appendAuditMany } from '../../platform/audit/auditTrail.js';
import { runClaimBatch, type ClaimOutcome } from './claimBatch.js';

export type { ClaimOutcome };

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

interface PendingClaim {
  poolId: number;
  ctx: RequestContext;
  settle: (outcome: ClaimOutcome) => void;
  fail: (err: unknown) => void;
}

const MAX_BATCH = 400;
const AUDIT_CHAINS = 8;
const RETRIES = 4;

function retryable(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (!e) return false;
  // Deadlock or serialisation failure (PostgreSQL), a busy SQLite file, or a voucher code collision.
  if (e.code === '40P01' || e.code === '40001' || e.code?.startsWith('SQLITE_BUSY')) return true;
  if (e.code === '23505' && e.constraint?.includes('code')) return true;
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && /tradein_voucher(s|_codes)\.code/.test(e.message ?? '');
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
    const { outcomes, audit } = await runClaimBatch(tx, this.deps.database.dialect, batch, new Date());
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
