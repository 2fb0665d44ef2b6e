import { canMove, defineWorkflow, nextStatus as next, type WorkflowAction } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';
import type { CarApplicationStatus } from '../tables.js';

/**
 * The review workflow of a car application, the only place that says which move is legal:
 *
 *   (new) ─submit─▶ submitted ─approve─▶ approved ─addToBatch─▶ in_payment ─markPaid─▶ paid
 *                     │  ▲                  ▲                       │
 *                return│  │resubmit         └──────cancelBatch──────┘
 *                     ▼  │
 *                   returned
 *   submitted | returned ─reject─▶ rejected
 *
 * rejected and paid are final. Moves are applied by the workflows kernel (core/workflow.ts) through
 * `transitions.ts`, which adds the timeline entry, the audit record and the resident's notification.
 */
export const carApplicationWorkflow = defineWorkflow({
  kind: 'cartradein_application',
  table: 'cartradein_applications',
  transitions: {
    submit: { from: [], to: 'submitted' },
    resubmit: { from: ['returned'], to: 'submitted' },
    approve: { from: ['submitted'], to: 'approved' },
    return: { from: ['submitted'], to: 'returned' },
    reject: { from: ['submitted', 'returned'], to: 'rejected' },
    addToBatch: { from: ['approved'], to: 'in_payment' },
    cancelBatch: { from: ['in_payment'], to: 'approved' },
    markPaid: { from: ['in_payment'], to: 'paid' },
  },
  effects: recordEffects,
});

export const CAR_TRANSITIONS = carApplicationWorkflow.transitions;
export type CarTransition = WorkflowAction<typeof carApplicationWorkflow>;

/** The status a move leads to from `from`, or a 409 INVALID_STATE naming the current status. */
export const nextStatus = (action: CarTransition, from: CarApplicationStatus): CarApplicationStatus => next(carApplicationWorkflow, from, action);

export const canTransition = (action: CarTransition, from: CarApplicationStatus): boolean => canMove(carApplicationWorkflow, from, action);
