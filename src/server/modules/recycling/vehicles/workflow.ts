import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A scrapped vehicle through the one-stop: taken in, certificate issued (at receipt or later), dismantled with its
 * five assemblies' destinations, registration cancelled. A correction keeps the status but is a move all the same,
 * so it is on the record's timeline with its reason; a record made by mistake is withdrawn before dismantling.
 */
export const scrappedVehicleWorkflow = defineWorkflow({
  kind: 'recycling_scrapped_vehicle',
  table: 'recycling_scrapped_vehicles',
  transitions: {
    receive: { from: [], to: 'received' },
    issueCertificate: { from: ['received'], to: 'certificate_issued' },
    dismantle: { from: ['certificate_issued'], to: 'dismantled' },
    deregister: { from: ['dismantled'], to: 'deregistered' },
    correct: {
      from: ['received', 'certificate_issued', 'dismantled'],
      to: { received: 'received', certificate_issued: 'certificate_issued', dismantled: 'dismantled' },
    },
    withdraw: { from: ['received', 'certificate_issued'], to: 'withdrawn' },
  },
  effects: recordEffects,
});

export type ScrappedVehicleAction = keyof typeof scrappedVehicleWorkflow.transitions;

/** A dismantling qualification's life: registered in force, then revoked by 市商务局 or superseded by a newer one. */
export const dismantlingQualificationWorkflow = defineWorkflow({
  kind: 'recycling_dismantling_qualification',
  table: 'recycling_dismantling_qualifications',
  transitions: {
    register: { from: [], to: 'active' },
    revoke: { from: ['active'], to: 'revoked' },
    supersede: { from: ['active'], to: 'superseded' },
  },
  effects: recordEffects,
});
