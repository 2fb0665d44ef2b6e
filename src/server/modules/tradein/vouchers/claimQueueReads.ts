import type { AppDeps } from '../../../core/deps.js';
import { tickBatcher } from '../../../core/tickBatch.js';
import { dialectOf } from '../../../db/database.js';
import { findTickets, placesOf, type JoinReads, type QueueTicket } from './claimQueue.js';
import type { VoucherView } from './schema.js';
import { loadVoucherViews } from './service.js';

type Places = Awaited<ReturnType<typeof placesOf>>;

/** What a join needs of its release: whether it is open now, and how much is left. */
export interface PoolState {
  quota: number;
  issued: number;
  opensAt: string;
  closesAt: string;
}

/**
 * The look-ups of the queue's hot paths, each shared by the requests of one event-loop turn (core/tickBatch.ts).
 * In a rush nearly every claim joins the queue and then polls it, and a query costs its worker a system call to
 * send (a third of a worker's CPU in bench:province's profile): N joins in one turn read the release, the places
 * held and the queue's ends once, not N times each. What they read is at most a turn old, as it would be had each
 * asked a moment earlier; the join's upsert (joinQueue) and the claim batch still decide.
 */
export interface QueueReads extends JoinReads {
  pool(poolId: number): Promise<PoolState | undefined>;
  voucher(id: number): Promise<VoucherView | undefined>;
}

function createQueueReads(deps: AppDeps): QueueReads {
  const db = deps.database.db;
  const dialect = dialectOf(db);
  const pools = tickBatcher<number, PoolState>(async (ids) => {
    const rows = await db.selectFrom('tradein_pools').select(['id', 'quota', 'issued', 'opens_at', 'closes_at']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [Number(r.id), { quota: r.quota, issued: r.issued, opensAt: r.opens_at, closesAt: r.closes_at }]));
  });
  const tickets = tickBatcher<string, QueueTicket>(async (keys) => {
    const byPool = new Map<number, number[]>();
    for (const key of keys) {
      const [pool, user] = key.split(':').map(Number) as [number, number];
      byPool.set(pool, [...(byPool.get(pool) ?? []), user]);
    }
    const found = new Map<string, QueueTicket>();
    for (const [pool, users] of byPool) for (const [user, t] of await findTickets(db, dialect, pool, users)) found.set(`${pool}:${user}`, t);
    return found;
  });
  const placesOfTurn = tickBatcher<number, Places & { joined: number }>(
    async (ids) => new Map(await Promise.all(ids.map(async (id) => [id, { ...(await placesOf(db, id)), joined: 0 }] as const))),
  );
  // The joins of one turn read the ends once, and each is then told of those before it in the turn: they take
  // the places after `last` one by one, and count as waiting ahead of the next (the queue's bound would otherwise
  // see a turn's hundred joins as one).
  const places = async (poolId: number): Promise<Places> => {
    const turn = (await placesOfTurn(poolId))!;
    const ahead = turn.joined++;
    if (ahead === 0) return { head: turn.head, tail: turn.tail, last: turn.last };
    return { head: turn.head ?? turn.last + 1, tail: Math.max(turn.tail ?? 0, turn.last + ahead), last: turn.last + ahead };
  };
  const vouchers = tickBatcher<number, VoucherView>((ids) => loadVoucherViews(db, ids));
  return {
    pool: pools,
    ticket: async (poolId, userId) => (await tickets(`${poolId}:${userId}`)) ?? null,
    places,
    voucher: vouchers,
  };
}

const reads = new WeakMap<AppDeps, QueueReads>();

/** One set of shared look-ups per app instance (the deps object), created on first use. */
export function queueReadsFor(deps: AppDeps): QueueReads {
  let r = reads.get(deps);
  if (!r) {
    r = createQueueReads(deps);
    reads.set(deps, r);
  }
  return r;
}
