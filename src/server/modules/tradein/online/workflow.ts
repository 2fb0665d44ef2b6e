import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * An online order waits for the resident: confirmed (the sale is made), declined by the resident, cancelled by the
 * merchant, or expired when nobody confirmed it in time. Every end is final; the voucher is consumed only by a
 * confirmation.
 */
export const onlineOrderWorkflow = defineWorkflow({
  kind: 'tradein_online_order',
  table: 'tradein_online_orders',
  transitions: {
    place: { from: [], to: 'awaiting_confirmation' },
    confirm: { from: ['awaiting_confirmation'], to: 'confirmed' },
    decline: { from: ['awaiting_confirmation'], to: 'declined' },
    cancel: { from: ['awaiting_confirmation'], to: 'cancelled' },
    expire: { from: ['awaiting_confirmation'], to: 'expired' },
  },
  effects: recordEffects,
});
