import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/** A dealer on the register: it trades, may be suspended and reinstated, and leaves it (注销) for good. */
export const dealerWorkflow = defineWorkflow({
  kind: 'recycling_dealer',
  table: 'recycling_dealers',
  transitions: {
    register: { from: [], to: 'active' },
    suspend: { from: ['active'], to: 'suspended' },
    reinstate: { from: ['suspended'], to: 'active' },
    deregister: { from: ['active', 'suspended'], to: 'deregistered' },
  },
  effects: recordEffects,
});

/** A credit record is in force from when it is recorded until it is revoked on appeal (with its reason). */
export const violationWorkflow = defineWorkflow({
  kind: 'recycling_dealer_violation',
  table: 'recycling_dealer_violations',
  transitions: {
    record: { from: [], to: 'in_force' },
    revoke: { from: ['in_force'], to: 'revoked' },
  },
  effects: recordEffects,
});
