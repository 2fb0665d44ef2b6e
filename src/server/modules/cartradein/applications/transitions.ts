import type { Updateable } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import { enter, move, type Moved } from '../../../core/workflow.js';
import type { Tx } from '../../../db/database.js';
import type { CarApplicationStatus, CarApplicationTable } from '../tables.js';
import { carApplicationWorkflow, type CarTransition } from './stateMachine.js';

/**
 * An application's moves on the workflows kernel: each one is an entry on the timeline the resident sees, an audit
 * record (with the reasons and the note) and a notification to the resident.
 */

const NOTIFICATION_KIND: Record<CarTransition, string> = {
  submit: 'cartradein_submitted',
  resubmit: 'cartradein_resubmitted',
  approve: 'cartradein_approved',
  return: 'cartradein_returned',
  reject: 'cartradein_rejected',
  addToBatch: 'cartradein_in_payment',
  cancelBatch: 'cartradein_payment_cancelled',
  markPaid: 'cartradein_paid',
};

interface Recorded {
  id: number;
  applicantUserId: number;
  reasons?: string[];
  note?: string | null;
  /** Extra values for the notification text ({amount}, {dueOn}, {batchNo}, {reference}). */
  params?: Record<string, string | number>;
  audit?: { before?: object; after?: object };
}

function recorded(r: Recorded, action: CarTransition) {
  const reasons = r.reasons ?? [];
  return {
    reasons,
    note: r.note ?? null,
    audit: { before: r.audit?.before, after: { reasons, note: r.note ?? null, ...r.audit?.after } },
    notify: (m: Moved<CarApplicationStatus>) => ({
      userId: r.applicantUserId,
      kind: NOTIFICATION_KIND[action],
      params: { id: r.id, reasons: reasons.join('；'), ...(r.params ?? {}) },
      link: `/tradein/car-applications/${r.id}`,
      dedupeKey: `cartradein:application:${r.id}:timeline:${m.timelineId}`,
    }),
  };
}

/** A new application, just inserted as submitted: its first timeline entry, audit record and notification. */
export async function recordSubmission(tx: Tx, ctx: RequestContext, r: Recorded): Promise<void> {
  await enter(tx, ctx, carApplicationWorkflow, { id: r.id, action: 'submit', ...recorded(r, 'submit') });
}

/**
 * Moves an application from the status it was read in (`from`), writing `set` with it; 409 when somebody else
 * moved it first.
 */
export async function moveApplication(
  tx: Tx,
  ctx: RequestContext,
  r: Recorded & { action: Exclude<CarTransition, 'submit'>; from: CarApplicationStatus; set?: Omit<Updateable<CarApplicationTable>, 'status'> },
): Promise<CarApplicationStatus> {
  const moved = await move(tx, ctx, carApplicationWorkflow, { id: r.id, action: r.action, from: r.from, set: r.set, ...recorded(r, r.action) });
  return moved.to;
}
