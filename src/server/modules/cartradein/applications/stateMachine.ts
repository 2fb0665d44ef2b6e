import { invalidState } from '../../../core/errors.js';
import type { CarApplicationStatus } from '../tables.js';

/**
 * The review state machine of a car application, the only place that says which move is legal:
 *
 *   (new) ─submit─▶ submitted ─approve─▶ approved ─addToBatch─▶ in_payment ─markPaid─▶ paid
 *                     │  ▲                  ▲                       │
 *                return│  │resubmit         └──────cancelBatch──────┘
 *                     ▼  │
 *                   returned
 *   submitted | returned ─reject─▶ rejected
 *
 * rejected and paid are final. A service applies a move with `UPDATE … WHERE status = from`, so two officials
 * acting on one application at once cannot both succeed.
 */
export const CAR_TRANSITIONS = {
  submit: { from: [] as CarApplicationStatus[], to: 'submitted' },
  resubmit: { from: ['returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  reject: { from: ['submitted', 'returned'], to: 'rejected' },
  addToBatch: { from: ['approved'], to: 'in_payment' },
  cancelBatch: { from: ['in_payment'], to: 'approved' },
  markPaid: { from: ['in_payment'], to: 'paid' },
} as const satisfies Record<string, { from: readonly CarApplicationStatus[]; to: CarApplicationStatus }>;

export type CarTransition = keyof typeof CAR_TRANSITIONS;

/** The status a move leads to from `from`, or a 409 INVALID_STATE naming the current status. */
export function nextStatus(action: CarTransition, from: CarApplicationStatus): CarApplicationStatus {
  const t = CAR_TRANSITIONS[action];
  if (!(t.from as readonly CarApplicationStatus[]).includes(from)) throw invalidState(from);
  return t.to;
}

export function canTransition(action: CarTransition, from: CarApplicationStatus): boolean {
  return (CAR_TRANSITIONS[action].from as readonly CarApplicationStatus[]).includes(from);
}
