import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../timeline/timeline.js';

/**
 * An organisation's status: an enterprise that registers itself waits (`pending`) for its town or the office to
 * approve or reject it; an active organisation can be suspended and resumed. Suspending or rejecting one signs its
 * accounts out (organizations/service.ts).
 */
export const organizationWorkflow = defineWorkflow({
  kind: 'organization',
  table: 'organizations',
  transitions: {
    approve: { from: ['pending'], to: 'active' },
    reject: { from: ['pending'], to: 'rejected' },
    suspend: { from: ['active'], to: 'suspended' },
    resume: { from: ['suspended'], to: 'active' },
  },
  effects: recordEffects,
});
