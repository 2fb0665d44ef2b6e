import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { recordClaimDevice } from '../risk/assess.js';
import { claimBatcherFor, type ClaimOutcome } from './claimBatcher.js';
import {
  finishPlaces,
  anyoneWaiting,
  queueBounds,
  requeueStale,
  takeWaiting,
  voucherIssuedFromPool,
  type PlaceOutcome,
  type QueueBounds,
} from './claimQueue.js';

/**
 * Admission of claims in one app process: what it lets through to the claim batch at once, and the drainer that
 * feeds the batch from the shared queue (claimQueue.ts) whenever the process has room.
 *
 * A claim goes straight to the batch while the process holds fewer than `tradein.claimBacklogPerProcess` claims
 * waiting for the database and nobody is known to wait in the release's queue; otherwise the resident takes a
 * place at the back of the queue. Without the queue, a rush beyond what the database commits piles up in memory
 * until requests time out; with it the backlog is bounded and every resident is told where they stand.
 *
 * What a process knows of a queue (its head and tail) is at most `BOUNDS_FRESH_MS` old: a claim arriving within
 * that time of the queue forming can still go straight through. That bends the order by a fraction of a second,
 * never the count — the database decides every claim.
 */

const MAX_TAKE = 400;
const FAST_TICK_MS = 50;
const IDLE_TICK_MS = 2000;
const BOUNDS_FRESH_MS = 500;
const STALE_CHECK_MS = 15_000;
/** A place taken this long ago and not finished belongs to a process that stopped: it is put back. */
const STALE_AFTER_MS = 60_000;
const RATE_WINDOW_MS = 10_000;

interface PoolQueueView extends QueueBounds {
  readAt: number;
  /** (instant, head) samples of the last RATE_WINDOW_MS: how fast the head moves is the queue's serving rate. */
  samples: { at: number; head: number }[];
}

export class ClaimAdmission {
  inFlight = 0;
  private readonly completions: number[] = [];
  private readonly pools = new Map<number, PoolQueueView>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private lastStaleCheck = 0;

  constructor(private readonly deps: AppDeps) {}

  /** Claims through this process's batch, counted while they wait for the database. */
  async claim(ctx: RequestContext, poolId: number): Promise<ClaimOutcome> {
    this.inFlight++;
    return this.claimAdmitted(ctx, poolId);
  }

  /** A claim `admit` let through (and counted): through the batch, uncounted when it has its answer. */
  async claimAdmitted(ctx: RequestContext, poolId: number): Promise<ClaimOutcome> {
    try {
      return await claimBatcherFor(this.deps).claim(ctx, poolId);
    } finally {
      this.inFlight--;
      const now = Date.now();
      this.completions.push(now);
      while (this.completions.length > 0 && this.completions[0]! < now - RATE_WINDOW_MS) this.completions.shift();
    }
  }

  /**
   * Whether a new claim for this pool may go straight to the batch — the process has room and nobody is known to
   * wait for the release — and if so counts it at once: the check and the count are one synchronous step, so a
   * burst whose requests all arrive in one turn cannot all pass an empty process's check before any is counted.
   * The caller then claims with `claimAdmitted`; false: the claim must queue.
   */
  async admit(poolId: number): Promise<boolean> {
    const backlog = await this.deps.parameters.get('tradein.claimBacklogPerProcess');
    if (this.inFlight >= backlog) return false;
    const known = this.pools.get(poolId);
    if (known !== undefined && known.head !== null && Date.now() - known.readAt < BOUNDS_FRESH_MS * 4) return false;
    this.inFlight++;
    return true;
  }

  /** The pool's queue as of at most BOUNDS_FRESH_MS ago. */
  async bounds(poolId: number): Promise<QueueBounds> {
    const known = this.pools.get(poolId);
    if (known && Date.now() - known.readAt < BOUNDS_FRESH_MS) return known;
    return this.refreshBounds(poolId);
  }

  /** Residents served per second from this pool's queue, measured; null until the head has moved. */
  servingRate(poolId: number): number | null {
    const samples = this.pools.get(poolId)?.samples ?? [];
    const first = samples[0];
    const last = samples.at(-1);
    if (first && last && last.at - first.at >= 1000 && last.head > first.head) return ((last.head - first.head) * 1000) / (last.at - first.at);
    // Before the head has moved: what this process's batch commits per second.
    return this.completions.length >= 10 ? this.completions.length / (RATE_WINDOW_MS / 1000) : null;
  }

  /** Someone joined a queue: drain now rather than at the next idle look. */
  noteJoined(poolId: number, bounds: QueueBounds): void {
    this.remember(poolId, bounds);
    this.wake();
  }

  /** Drains now rather than at the next idle look. */
  wake(): void {
    this.schedule(0);
  }

  /** Starts the idle look for queues other processes formed (not under test: a test wakes the drainer by joining). */
  start(): void {
    this.stopped = false;
    if (this.deps.config.nodeEnv !== 'test') this.schedule(IDLE_TICK_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private remember(poolId: number, bounds: QueueBounds): PoolQueueView {
    const now = Date.now();
    const view = this.pools.get(poolId) ?? { head: null, tail: null, readAt: 0, samples: [] };
    Object.assign(view, bounds, { readAt: now });
    if (bounds.head !== null) view.samples.push({ at: now, head: bounds.head });
    while (view.samples.length > 1 && view.samples[0]!.at < now - RATE_WINDOW_MS) view.samples.shift();
    this.pools.set(poolId, view);
    return view;
  }

  private async refreshBounds(poolId: number): Promise<QueueBounds> {
    return this.remember(poolId, await queueBounds(this.deps.database.db, poolId));
  }

  private schedule(ms: number): void {
    if (this.stopped || this.ticking) return;
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick()
        .catch((err: unknown) => this.deps.config.nodeEnv !== 'test' && console.error('claim queue drain failed', err))
        .then((busy) => {
          this.ticking = null;
          if (this.stopped) return;
          if (busy) this.schedule(FAST_TICK_MS);
          else if (this.deps.config.nodeEnv !== 'test') this.schedule(IDLE_TICK_MS);
        });
    }, ms);
    this.timer.unref();
  }

  /** One look at the queues: take what this process has room for, claim it, record the outcomes. Busy → true. */
  private async tick(): Promise<boolean> {
    const db = this.deps.database.db;
    const now = Date.now();
    if (now - this.lastStaleCheck > STALE_CHECK_MS) {
      this.lastStaleCheck = now;
      await requeueStale(db, STALE_AFTER_MS);
    }
    const backlog = await this.deps.parameters.get('tradein.claimBacklogPerProcess');
    const room = backlog > 0 ? Math.min(MAX_TAKE, backlog - this.inFlight) : this.inFlight === 0 ? MAX_TAKE : 0;
    if (room <= 0) return true;
    const known = [...this.pools.entries()].filter(([, v]) => v.head !== null).map(([id]) => id);
    if (known.length === 0 && !(await anyoneWaiting(db))) return false;
    const taken = await inTransaction(this.deps.database, (tx) => takeWaiting(tx, this.deps.database.dialect, room));
    if (taken.length > 0) {
      const outcomes = await Promise.all(taken.map((p) => this.claim(p.ctx, p.poolId)));
      const ended: PlaceOutcome[] = [];
      for (const [i, place] of taken.entries()) {
        const outcome = outcomes[i]!;
        let voucherId = outcome.voucher?.id ?? null;
        // A place put back after a crash finds the voucher its first claim issued.
        if (!voucherId && outcome.error?.code === 'ALREADY_CLAIMED')
          voucherId = await voucherIssuedFromPool(db, place.poolId, place.ctx.actor.userId!, place.enqueuedAt);
        if (voucherId && outcome.voucher) await recordClaimDevice(this.deps, place.ctx.actor.userId, voucherId, place.deviceId);
        ended.push({
          ticketId: place.ticketId,
          voucherId,
          errorCode: voucherId ? null : (outcome.error?.code ?? 'INTERNAL'),
          errorParams: voucherId ? {} : { ...outcome.error?.params },
        });
      }
      await inTransaction(this.deps.database, (tx) => finishPlaces(tx, ended));
    }
    const pools = new Set([...known, ...taken.map((p) => p.poolId)]);
    let waiting = false;
    for (const poolId of pools) {
      const bounds = await this.refreshBounds(poolId);
      if (bounds.head !== null) waiting = true;
    }
    return waiting || taken.length > 0;
  }
}

const admissions = new WeakMap<AppDeps, ClaimAdmission>();

/** One admission per app instance (the deps object), created on first use. */
export function claimAdmissionFor(deps: AppDeps): ClaimAdmission {
  let a = admissions.get(deps);
  if (!a) {
    a = new ClaimAdmission(deps);
    admissions.set(deps, a);
  }
  return a;
}
