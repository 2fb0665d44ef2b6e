import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { translate } from '../../../core/messages.js';
import type { MessageKey } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { nowIso } from '../../../db/time.js';
import { voucherPolicy } from '../policies/voucher.js';
import { claimAdmissionFor } from './claimAdmission.js';
import { poolClosed, poolExhausted } from './claimBatch.js';
import { checkClaimBurst } from './claimLimits.js';
import { joinQueue, type QueueBounds, type QueueTicket } from './claimQueue.js';
import { queueReadsFor } from './claimQueueReads.js';
import type { QueuePlaceView, VoucherView } from './schema.js';

/** The answer to a claim: the voucher, or the resident's place in the release's queue. */
export type ClaimAnswer = { voucher: VoucherView } | { queued: QueuePlaceView };

export const claimQueueFull = () => new AppError(409, 'CLAIM_QUEUE_FULL', 'error.CLAIM_QUEUE_FULL');

/** The queue never holds more residents than the vouchers left could serve, with room for claims refused on the way. */
const QUEUE_SLACK = 1.2;

/**
 * A resident asks for a voucher from a release (POST …/claims). Past the burst limits the answer is 429; while the
 * process has room and nobody waits for this release the claim joins the batch and the answer is the voucher;
 * otherwise the resident takes a place in the release's queue and is told their position and expected wait.
 */
export async function requestClaim(deps: AppDeps, ctx: RequestContext, poolId: number, deviceId: string | null): Promise<ClaimAnswer> {
  authorize(ctx.actor, voucherPolicy, 'claim');
  await checkClaimBurst(deps, ctx);
  const admission = claimAdmissionFor(deps);
  if (await admission.admit(poolId)) {
    const outcome = await admission.claimAdmitted(ctx, poolId);
    if (outcome.error) throw outcome.error;
    return { voucher: outcome.voucher! };
  }
  return { queued: await takePlace(deps, ctx, poolId, deviceId) };
}

async function takePlace(deps: AppDeps, ctx: RequestContext, poolId: number, deviceId: string | null): Promise<QueuePlaceView> {
  const admission = claimAdmissionFor(deps);
  const reads = queueReadsFor(deps);
  const now = nowIso();
  const pool = await reads.pool(poolId);
  if (!pool) throw notFound();
  if (now < pool.opensAt || now >= pool.closesAt) throw poolClosed();
  const remaining = pool.quota - pool.issued;
  const queueMax = Math.min(await deps.parameters.get('tradein.claimQueueMax'), Math.ceil(remaining * QUEUE_SLACK));
  // The bound is checked on the places as this join read them, not under a lock: joins at the same instant may
  // pass it together, by at most the joins in flight — a bound on waiting, never on vouchers.
  const admit = (places: QueueBounds) => {
    if (remaining <= 0) throw poolExhausted();
    const waiting = places.head === null ? 0 : places.tail! - places.head + 1;
    if (waiting >= queueMax) throw claimQueueFull();
  };
  const ticket = await joinQueue(deps.database.db, poolId, ctx, deviceId, admit, reads);
  const known = await admission.bounds(poolId);
  admission.noteJoined(poolId, { head: known.head ?? ticket.place, tail: Math.max(known.tail ?? ticket.place, ticket.place) });
  return placeView(deps, ctx, ticket);
}

/** The resident's place in a release's queue (GET …/queue): where they stand, or how their claim ended. */
export async function myQueuePlace(deps: AppDeps, ctx: RequestContext, poolId: number): Promise<QueuePlaceView> {
  authorize(ctx.actor, voucherPolicy, 'claim');
  const ticket = await queueReadsFor(deps).ticket(poolId, ctx.actor.userId!);
  if (!ticket) throw notFound();
  return placeView(deps, ctx, ticket);
}

async function placeView(deps: AppDeps, ctx: RequestContext, ticket: QueueTicket): Promise<QueuePlaceView> {
  const base = { ticketId: ticket.id, poolId: ticket.poolId, enqueuedAt: ticket.enqueuedAt };
  if (ticket.status === 'issued') {
    const voucher = await queueReadsFor(deps).voucher(ticket.voucherId!);
    if (!voucher) throw notFound();
    return { ...base, status: 'issued', position: null, estimatedWaitSeconds: null, retryAfterSeconds: null, voucher, error: null };
  }
  if (ticket.status === 'refused') {
    const code = ticket.errorCode ?? 'INTERNAL';
    const message = translate(ctx.locale, `error.${code}` as MessageKey, ticket.errorParams);
    return { ...base, status: 'refused', position: null, estimatedWaitSeconds: null, retryAfterSeconds: null, voucher: null, error: { code, message } };
  }
  const admission = claimAdmissionFor(deps);
  const bounds = await admission.bounds(ticket.poolId);
  const position = Math.max(1, ticket.place - (bounds.head ?? ticket.place) + 1);
  const rate = admission.servingRate(ticket.poolId);
  const estimatedWaitSeconds = rate ? Math.ceil(position / rate) : null;
  // Poll less often the further back one stands: a hundred thousand places must not poll every second.
  const retryAfterSeconds = estimatedWaitSeconds === null ? 2 : Math.min(15, Math.max(1, Math.round(estimatedWaitSeconds / 4)));
  return { ...base, status: ticket.status, position, estimatedWaitSeconds, retryAfterSeconds, voucher: null, error: null };
}
