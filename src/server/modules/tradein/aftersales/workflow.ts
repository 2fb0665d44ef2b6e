import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * An after-sales case: the resident opens it; the merchant's first answer (respond, or a resolution or refusal
 * straight away) is the response time; the resident's rating of a closed case is a step on the timeline that
 * leaves the status as it is.
 */
export const afterSalesWorkflow = defineWorkflow({
  kind: 'tradein_after_sales_case',
  table: 'tradein_after_sales_cases',
  transitions: {
    open: { from: [], to: 'open' },
    respond: { from: ['open'], to: 'responded' },
    resolve: { from: ['open', 'responded'], to: 'resolved' },
    refuse: { from: ['open', 'responded'], to: 'refused' },
    rate: { from: ['resolved', 'refused'], to: { resolved: 'resolved', refused: 'refused' } },
  },
  effects: recordEffects,
});
