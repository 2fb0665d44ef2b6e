import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A payment batch of approved car applications (市财政局): made pending, then paid — or withdrawn before payment,
 * which puts its applications back to approved for another batch. Paid and cancelled are final.
 */
export const carPaymentBatchWorkflow = defineWorkflow({
  kind: 'cartradein_payment_batch',
  table: 'cartradein_payment_batches',
  transitions: {
    markPaid: { from: ['pending'], to: 'paid' },
    cancel: { from: ['pending'], to: 'cancelled' },
  },
  effects: recordEffects,
});
