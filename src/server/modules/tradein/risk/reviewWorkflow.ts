import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * The review of a flagged sale (one per redemption, keyed by it): open → held | cleared | rejected; held → cleared
 * | rejected; cleared and rejected are final. Holding keeps the subsidy out of settlement; clearing lets it in;
 * rejecting refuses it and returns it to the programme budget (the resident keeps the goods and the voucher stays
 * used: the merchant gave the discount and bears the refusal). The decisions are the redemption's timeline.
 */
export const riskReviewWorkflow = defineWorkflow({
  kind: 'tradein_redemption',
  table: 'tradein_risk_reviews',
  key: 'redemption_id',
  transitions: {
    hold: { from: ['open'], to: 'held' },
    clear: { from: ['open', 'held'], to: 'cleared' },
    reject: { from: ['open', 'held'], to: 'rejected' },
  },
  effects: recordEffects,
});
