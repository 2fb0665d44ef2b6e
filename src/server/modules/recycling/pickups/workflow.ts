import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A pickup booking's life. Rescheduling and the escalation to 市商务局 keep the status but are moves all the same,
 * so they are on the resident's timeline; a resident whose pickup failed (no-show) books a new window and the
 * booking is open again.
 */
export const pickupWorkflow = defineWorkflow({
  kind: 'recycling_pickup',
  table: 'recycling_pickups',
  transitions: {
    book: { from: [], to: 'booked' },
    accept: { from: ['booked'], to: 'accepted' },
    reschedule: { from: ['booked', 'accepted', 'no_show'], to: { booked: 'booked', accepted: 'accepted', no_show: 'booked' } },
    escalate: { from: ['booked'], to: 'booked' },
    complete: { from: ['accepted'], to: 'completed' },
    noShow: { from: ['accepted'], to: 'no_show' },
    confirm: { from: ['completed'], to: 'confirmed' },
    dispute: { from: ['completed'], to: 'disputed' },
    cancel: { from: ['booked', 'accepted', 'no_show'], to: 'cancelled' },
  },
  effects: recordEffects,
});

export type PickupAction = keyof typeof pickupWorkflow.transitions;
