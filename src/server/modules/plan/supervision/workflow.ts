import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A supervision order's workflow (立项 → 下发 → 签收 → 办理 → 反馈 → 复核 → 办结, or 退回 to 办理 again): the office
 * raises and issues it, the unit signs for it, works on it and reports back, the office closes it or sends it back.
 * A unit may report back straight after signing (or after a return) without marking it in hand first.
 */
export const supervisionOrderWorkflow = defineWorkflow({
  kind: 'plan_supervision_order',
  table: 'plan_supervision_orders',
  transitions: {
    raise: { from: [], to: 'draft' },
    issue: { from: ['draft'], to: 'issued' },
    sign: { from: ['issued'], to: 'signed' },
    handle: { from: ['signed', 'returned'], to: 'handling' },
    feedback: { from: ['signed', 'handling', 'returned'], to: 'fed_back' },
    close: { from: ['fed_back'], to: 'closed' },
    return: { from: ['fed_back'], to: 'returned' },
  },
  effects: recordEffects,
});

export type OrderAction = keyof typeof supervisionOrderWorkflow.transitions;
export const ORDER_ACTIONS = Object.keys(supervisionOrderWorkflow.transitions) as OrderAction[];
