import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A merchant's enrolment in a programme: 市商务局 approves or rejects the application and suspends or resumes an
 * enrolled merchant. A rejected application is corrected and sent again as a new application (merchants.ts).
 */
export const merchantWorkflow = defineWorkflow({
  kind: 'tradein_merchant',
  table: 'tradein_merchants',
  transitions: {
    approve: { from: ['pending'], to: 'approved' },
    reject: { from: ['pending'], to: 'rejected' },
    suspend: { from: ['approved'], to: 'suspended' },
    resume: { from: ['suspended'], to: 'approved' },
  },
  effects: recordEffects,
});
