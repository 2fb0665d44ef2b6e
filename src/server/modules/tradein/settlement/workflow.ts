import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/** The only moves a batch makes: draft → approved (市商务局) → confirmed (市财政局) → paid (市财政局, with a reference). */
export const settlementBatchWorkflow = defineWorkflow({
  kind: 'tradein_settlement_batch',
  table: 'tradein_settlement_batches',
  transitions: {
    approve: { from: ['draft'], to: 'approved' },
    confirm: { from: ['approved'], to: 'confirmed' },
    markPaid: { from: ['confirmed'], to: 'paid' },
  },
  effects: recordEffects,
});
