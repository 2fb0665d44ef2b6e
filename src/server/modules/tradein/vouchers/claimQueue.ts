import type { Actor, RequestContext } from '../../../core/context.js';
import type { DialectName, Queryable } from '../../../db/database.js';
import { inIds } from '../../../db/lists.js';
import { nowIso } from '../../../db/time.js';
import type { Locale } from '../../../../shared/roles.js';
import type { TradeinClaimQueueTable } from '../tables.js';

/**
 * The queue in front of a release rush, kept in the database every app process shares (`tradein_claim_queue`).
 * A resident holds one place per release; places are numbered in the order of arrival within the release, so
 * the head and the tail of a release's queue, and a resident's position (own place − head place + 1), are index
 * lookups rather than counts — a hundred thousand residents polling must not each count the queue. Places that
 * leave out of order (a claim refused early) only make a position an overestimate until the head passes them.
 *
 * Whoever takes a place claims through the same batch as every other claim (claimBatch.ts), so the queue changes
 * when a claim is made, never whether: the pool's quota and the one-active-voucher rule are the database's.
 */

export type QueueStatus = TradeinClaimQueueTable['status'];

export interface QueueTicket {
  id: number;
  poolId: number;
  userId: number;
  place: number;
  status: QueueStatus;
  voucherId: number | null;
  errorCode: string | null;
  errorParams: Record<string, unknown>;
  enqueuedAt: string;
}

export interface QueueBounds {
  /** Lowest place still waiting or being claimed; null when nobody waits. */
  head: number | null;
  /** Highest place still waiting or being claimed. */
  tail: number | null;
}

const LIVE: QueueStatus[] = ['waiting', 'claiming'];

function toTicket(r: {
  id: number;
  pool_id: number;
  user_id: number;
  place: number;
  status: QueueStatus;
  voucher_id: number | null;
  error_code: string | null;
  error_params_json: string | null;
  enqueued_at: string;
}): QueueTicket {
  return {
    id: Number(r.id),
    poolId: Number(r.pool_id),
    userId: Number(r.user_id),
    place: Number(r.place),
    status: r.status,
    voucherId: r.voucher_id === null ? null : Number(r.voucher_id),
    errorCode: r.error_code,
    errorParams: r.error_params_json ? (JSON.parse(r.error_params_json) as Record<string, unknown>) : {},
    enqueuedAt: r.enqueued_at,
  };
}

const ticketColumns = ['id', 'pool_id', 'user_id', 'place', 'status', 'voucher_id', 'error_code', 'error_params_json', 'enqueued_at'] as const;

export async function findTicket(db: Queryable, poolId: number, userId: number): Promise<QueueTicket | null> {
  const row = await db.selectFrom('tradein_claim_queue').select(ticketColumns).where('pool_id', '=', poolId).where('user_id', '=', userId).executeTakeFirst();
  return row ? toTicket(row) : null;
}

/** The places several residents hold in one release, by user id (one query for a turn's polls and joins). */
export async function findTickets(db: Queryable, dialect: DialectName, poolId: number, userIds: readonly number[]): Promise<Map<number, QueueTicket>> {
  const rows = await db
    .selectFrom('tradein_claim_queue')
    .select(ticketColumns)
    .where('pool_id', '=', poolId)
    .where(inIds(dialect, 'user_id', userIds))
    .execute();
  return new Map(rows.map((r) => [Number(r.user_id), toTicket(r)]));
}

export async function queueBounds(db: Queryable, poolId: number): Promise<QueueBounds> {
  const row = await db
    .selectFrom('tradein_claim_queue')
    .select((eb) => [eb.fn.min('place').as('head'), eb.fn.max('place').as('tail')])
    .where('pool_id', '=', poolId)
    .where('status', 'in', LIVE)
    .executeTakeFirst();
  return { head: row?.head == null ? null : Number(row.head), tail: row?.tail == null ? null : Number(row.tail) };
}

/**
 * One round trip for what a join needs: the live head and tail, and the last place ever given (finished ones too,
 * so a new place is always behind it). Three index lookups, each a min or max the index answers at its end.
 */
export async function placesOf(db: Queryable, poolId: number): Promise<QueueBounds & { last: number }> {
  const live = db.selectFrom('tradein_claim_queue').where('pool_id', '=', poolId).where('status', 'in', LIVE);
  const row = await db
    .selectNoFrom((eb) => [
      live.select((q) => q.fn.min('place').as('head')).as('head'),
      live.select((q) => q.fn.max('place').as('tail')).as('tail'),
      eb
        .selectFrom('tradein_claim_queue')
        .select((q) => q.fn.max('place').as('last'))
        .where('pool_id', '=', poolId)
        .as('last'),
    ])
    .executeTakeFirstOrThrow();
  const n = (v: unknown) => (v == null ? null : Number(v));
  return { head: n(row.head), tail: n(row.tail), last: n(row.last) ?? 0 };
}

/**
 * How a join reads the place held and the queue's ends: straight from the database, or through the turn's shared
 * look-ups (claimQueueReads.ts). Either may be a moment old; the upsert below decides.
 */
export interface JoinReads {
  ticket(poolId: number, userId: number): Promise<QueueTicket | null>;
  places(poolId: number): Promise<QueueBounds & { last: number }>;
}

/**
 * Puts the resident at the back of the pool's queue, or answers the place they already hold. A finished place
 * (claimed, refused) is given up for a new one at the back: asking again is a new claim. `admit` sees the queue as
 * the join read it and may refuse (throw). Three round trips and no transaction: in a rush every round trip of every
 * join counts (each is a system call on both sides, measured with bench:province), and none needs another's
 * snapshot — the unique (pool, user) decides between two joins of one resident, and two residents joining at once
 * may share a place number, which only orders them by arrival within it.
 */
export async function joinQueue(
  db: Queryable,
  poolId: number,
  ctx: RequestContext,
  deviceId: string | null,
  admit: (places: QueueBounds & { last: number }) => void,
  reads: JoinReads = { ticket: (p, u) => findTicket(db, p, u), places: (p) => placesOf(db, p) },
): Promise<QueueTicket> {
  const userId = ctx.actor.userId!;
  const held = await reads.ticket(poolId, userId);
  if (held && LIVE.includes(held.status)) return held;
  const places = await reads.places(poolId);
  admit(places);
  const place = places.last + 1;
  const values = {
    pool_id: poolId,
    user_id: userId,
    place,
    status: 'waiting' as const,
    actor_json: JSON.stringify({ ...ctx.actor, sessionId: null }),
    request_id: ctx.requestId,
    ip: ctx.ip,
    locale: ctx.locale,
    device_id: deviceId,
    enqueued_at: nowIso(),
    started_at: null,
    done_at: null,
    voucher_id: null,
    error_code: null,
    error_params_json: null,
  };
  // Two requests of one resident at once: the unique (pool, user) makes one of them the other's place.
  const written = await db
    .insertInto('tradein_claim_queue')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['pool_id', 'user_id'])
        .doUpdateSet({
          place,
          status: 'waiting',
          actor_json: values.actor_json,
          request_id: values.request_id,
          ip: values.ip,
          locale: values.locale,
          device_id: deviceId,
          enqueued_at: values.enqueued_at,
          started_at: null,
          done_at: null,
          voucher_id: null,
          error_code: null,
          error_params_json: null,
        })
        .where('tradein_claim_queue.status', 'not in', LIVE),
    )
    .returning(ticketColumns)
    .executeTakeFirst();
  return written ? toTicket(written) : (await findTicket(db, poolId, userId))!;
}

/** A place taken to claim: the claim's context rebuilt from what the joining request saw. */
export interface TakenPlace {
  ticketId: number;
  poolId: number;
  enqueuedAt: string;
  deviceId: string | null;
  ctx: RequestContext;
}

/**
 * Takes up to `limit` waiting places, oldest first across releases, for this process to claim. On PostgreSQL
 * concurrent processes skip each other's rows (SKIP LOCKED); SQLite has one writer.
 */
export async function takeWaiting(db: Queryable, dialect: DialectName, limit: number): Promise<TakenPlace[]> {
  const startedAt = nowIso();
  const rows = await db
    .updateTable('tradein_claim_queue')
    .set({ status: 'claiming', started_at: startedAt })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('tradein_claim_queue')
        .select('id')
        .where('status', '=', 'waiting')
        .orderBy('id')
        .limit(limit)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .where('status', '=', 'waiting')
    .returning(['id', 'pool_id', 'actor_json', 'request_id', 'ip', 'locale', 'device_id', 'enqueued_at'])
    .execute();
  return rows
    .map((r) => ({
      ticketId: Number(r.id),
      poolId: Number(r.pool_id),
      enqueuedAt: r.enqueued_at,
      deviceId: r.device_id,
      ctx: { actor: JSON.parse(r.actor_json) as Actor, requestId: r.request_id, ip: r.ip, locale: r.locale as Locale },
    }))
    .sort((a, b) => a.ticketId - b.ticketId);
}

export interface PlaceOutcome {
  ticketId: number;
  voucherId: number | null;
  errorCode: string | null;
  errorParams: Record<string, unknown>;
}

/**
 * Records how each taken place ended; only a place still being claimed is changed. One statement for the issued
 * places (each given its voucher) and one per kind of refusal, not one per place: a drain takes hundreds at once.
 */
export async function finishPlaces(db: Queryable, outcomes: readonly PlaceOutcome[]): Promise<void> {
  const doneAt = nowIso();
  const issued = outcomes.filter((o) => o.voucherId !== null);
  const [first, ...rest] = issued;
  if (first)
    await db
      .updateTable('tradein_claim_queue')
      .set((eb) => ({
        status: 'issued',
        voucher_id: rest
          .reduce((c, o) => c.when('id', '=', o.ticketId).then(o.voucherId), eb.case().when('id', '=', first.ticketId).then(first.voucherId))
          .end(),
        error_code: null,
        error_params_json: null,
        device_id: null,
        done_at: doneAt,
      }))
      .where(
        'id',
        'in',
        issued.map((o) => o.ticketId),
      )
      .where('status', '=', 'claiming')
      .execute();
  const refusals = new Map<string, { code: string; params: string; ids: number[] }>();
  for (const o of outcomes) {
    if (o.voucherId !== null) continue;
    const code = o.errorCode ?? 'INTERNAL';
    const params = JSON.stringify(o.errorParams);
    const kind = refusals.get(`${code} ${params}`) ?? { code, params, ids: [] };
    kind.ids.push(o.ticketId);
    refusals.set(`${code} ${params}`, kind);
  }
  for (const kind of refusals.values())
    await db
      .updateTable('tradein_claim_queue')
      .set({ status: 'refused', voucher_id: null, error_code: kind.code, error_params_json: kind.params, device_id: null, done_at: doneAt })
      .where('id', 'in', kind.ids)
      .where('status', '=', 'claiming')
      .execute();
}

/**
 * Puts back places taken by a process that stopped before it recorded their outcome. Claiming such a place again
 * is safe: a voucher it had issued makes the second claim ALREADY_CLAIMED, which the drainer reads as issued.
 */
export async function requeueStale(db: Queryable, olderThanMs: number): Promise<number> {
  const before = new Date(Date.now() - olderThanMs).toISOString();
  const result = await db
    .updateTable('tradein_claim_queue')
    .set({ status: 'waiting', started_at: null })
    .where('status', '=', 'claiming')
    .where('started_at', '<', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Whether anyone waits in any release (the drainer's cheap question while it is idle). */
export async function anyoneWaiting(db: Queryable): Promise<boolean> {
  const row = await db.selectFrom('tradein_claim_queue').select('id').where('status', 'in', LIVE).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The voucher a queued claim issued, when a retried claim found it already held (a place put back after a crash). */
export async function voucherIssuedFromPool(db: Queryable, poolId: number, userId: number, since: string): Promise<number | null> {
  const row = await db
    .selectFrom('tradein_vouchers')
    .select('id')
    .where('pool_id', '=', poolId)
    .where('holder_user_id', '=', userId)
    .where('issued_at', '>=', since)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}
