/**
 * The rush: every resident sends their claim once, `connections` at a time, until each has been answered, the
 * release has been out for `afterExhaustedSeconds`, or the time bound passes. A 202 is a place in the release's
 * queue: it is asked after (GET …/queue) as Retry-After says until the claim is issued or refused; the wait from
 * the 202 to that answer is the queue wait.
 */
import { type Client, outcomeKey, type Answer, type Who } from './http.js';

export interface RushOptions {
  poolId: number;
  quota: number;
  connections: number;
  deadline: number;
  /** Longest pause between two questions about one place, seconds (Retry-After above it is shortened). */
  maxRetryAfterSeconds: number;
  /** Questions about one place before it is given up (counted as unresolved). */
  maxPolls: number;
  /**
   * How long residents keep arriving once the release has run out (their answers, POOL_EXHAUSTED at once, are the
   * cost of the crowd that comes too late); the residents after that are not sent and reported as such.
   */
  afterExhaustedSeconds: number;
  /** Called once, when the release has run out (the last voucher issued, or the first POOL_EXHAUSTED). */
  onExhausted: () => void;
  /** Each voucher as it is issued (the redeemers take them). */
  onVoucher: (code: string) => void;
}

export interface RushResult {
  sent: number;
  answered: number;
  issuedDirect: number;
  issuedFromQueue: number;
  queued: number;
  refusedFromQueue: number;
  unresolved: number;
  /** Claims sent again after a 502/503 or a failed connection (at most 3 times, 1 s apart), as a resident would. */
  retried: number;
  outcomes: Record<string, number>;
  queueOutcomes: Record<string, number>;
  claimMs: number[];
  /** From the claim sent to the voucher in hand (201, or the queue's 'issued'), for the claims that got one. */
  issuedMs: number[];
  firstAnswerMs: number[];
  queueWaitMs: number[];
  pollMs: number[];
  polls: number;
  seconds: number;
  exhaustedAfterSeconds: number | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function rush(client: Client, residents: Who[], o: RushOptions): Promise<RushResult> {
  const r: RushResult = {
    sent: 0,
    answered: 0,
    issuedDirect: 0,
    issuedFromQueue: 0,
    queued: 0,
    refusedFromQueue: 0,
    unresolved: 0,
    retried: 0,
    outcomes: {},
    queueOutcomes: {},
    claimMs: [],
    issuedMs: [],
    firstAnswerMs: [],
    queueWaitMs: [],
    pollMs: [],
    polls: 0,
    seconds: 0,
    exhaustedAfterSeconds: null,
  };
  const started = performance.now();
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const exhausted = () => {
    if (r.exhaustedAfterSeconds !== null) return;
    r.exhaustedAfterSeconds = (performance.now() - started) / 1000;
    o.onExhausted();
  };
  const issued = (voucher: unknown) => {
    const code = (voucher as { code?: string } | null)?.code;
    if (code) o.onVoucher(code);
    if (r.issuedDirect + r.issuedFromQueue >= o.quota) exhausted();
  };
  const path = `/api/tradein/pools/${o.poolId}/claims`;
  const queuePath = `/api/tradein/pools/${o.poolId}/queue`;
  const retryAfter = (a: Answer, fallback: number | null) => {
    const header = Number(a.headers['retry-after']);
    const s = Number.isFinite(header) && header > 0 ? header : (fallback ?? 2);
    return Math.min(o.maxRetryAfterSeconds, Math.max(0.2, s)) * 1000;
  };

  /** One queued resident, asked after until the claim has ended (or the bounds say stop). */
  const follow = async (who: Who, queuedAt: number, first: Answer) => {
    let wait = retryAfter(first, (first.body.queued as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? null);
    for (let i = 0; i < o.maxPolls; i++) {
      if (performance.now() + wait > o.deadline) break;
      await sleep(wait);
      const a = await client.send('GET', queuePath, who);
      r.polls++;
      r.pollMs.push(a.ms);
      const place = a.body as { status?: string; voucher?: unknown; error?: { code: string } };
      if (a.status === 200 && (place.status === 'issued' || place.status === 'refused')) {
        r.queueWaitMs.push(performance.now() - queuedAt);
        r.claimMs.push(performance.now() - queuedAt + first.ms);
        count(r.queueOutcomes, place.status === 'issued' ? 'issued' : `refused ${place.error?.code ?? '?'}`);
        if (place.status === 'issued') {
          r.issuedMs.push(performance.now() - queuedAt + first.ms);
          r.issuedFromQueue++;
          issued(place.voucher);
        } else {
          r.refusedFromQueue++;
          if (place.error?.code === 'POOL_EXHAUSTED') exhausted();
        }
        return;
      }
      if (a.status !== 200) count(r.queueOutcomes, `poll ${outcomeKey(a)}`);
      wait = retryAfter(a, (a.body as { retryAfterSeconds?: number }).retryAfterSeconds ?? null);
    }
    r.unresolved++;
  };

  const following: Promise<void>[] = [];
  let next = 0;
  const stillArriving = () => r.exhaustedAfterSeconds === null || performance.now() - started < (r.exhaustedAfterSeconds + o.afterExhaustedSeconds) * 1000;
  const sender = async () => {
    while (next < residents.length && performance.now() < o.deadline && stillArriving()) {
      const who = residents[next++]!;
      r.sent++;
      let a = await client.send('POST', path, who);
      for (let again = 0; again < 3 && [0, 502, 503].includes(a.status) && performance.now() < o.deadline; again++) {
        count(r.outcomes, `retried after ${outcomeKey(a)}`);
        r.retried++;
        await sleep(1000);
        a = await client.send('POST', path, who);
      }
      r.answered++;
      r.firstAnswerMs.push(a.ms);
      count(r.outcomes, outcomeKey(a));
      if (a.status === 201) {
        r.issuedDirect++;
        r.claimMs.push(a.ms);
        r.issuedMs.push(a.ms);
        issued((a.body as { voucher?: unknown }).voucher);
      } else if (a.status === 202) {
        r.queued++;
        following.push(follow(who, performance.now(), a));
      } else {
        r.claimMs.push(a.ms);
        if (outcomeKey(a) === '409 POOL_EXHAUSTED') exhausted();
      }
    }
  };
  const progress = setInterval(() => {
    const s = Math.round((performance.now() - started) / 1000);
    console.error(
      `[bench:province] ${s} s: ${r.sent} sent, ${r.issuedDirect}+${r.issuedFromQueue} issued (direct+queue), ${r.queued} queued, ${r.polls} polls`,
    );
  }, 10_000);
  try {
    await Promise.all(Array.from({ length: o.connections }, sender));
    await Promise.all(following);
  } finally {
    clearInterval(progress);
  }
  r.seconds = (performance.now() - started) / 1000;
  return r;
}
