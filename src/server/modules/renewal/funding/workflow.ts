import { defineWorkflow } from '../../../core/workflow.js';
import { withDataVersion } from '../../platform/dataVersions/versions.js';
import { recordEffects } from '../../platform/timeline/timeline.js';
import { RENEWAL_DATA_VERSION } from '../overview/version.js';

/**
 * A funding application's life: applied → granted (下达) or rejected → paid (拨付) in one or more payments. A payment
 * that leaves part of the grant unpaid is `pay` (to partially_paid), the one that completes it `payInFull`; the
 * payment service picks which after its conditional update has decided the amount fits.
 */
export const fundingWorkflow = defineWorkflow({
  kind: 'renewal_funding_application',
  table: 'renewal_funding_applications',
  transitions: {
    apply: { from: [], to: 'applied' },
    grant: { from: ['applied'], to: 'granted' },
    reject: { from: ['applied'], to: 'rejected' },
    pay: { from: ['granted', 'partially_paid'], to: 'partially_paid' },
    payInFull: { from: ['granted', 'partially_paid'], to: 'paid' },
  },
  // Every move changes what the renewal overview sums.
  effects: withDataVersion(recordEffects, RENEWAL_DATA_VERSION),
});

export type FundingAction = keyof typeof fundingWorkflow.transitions;
