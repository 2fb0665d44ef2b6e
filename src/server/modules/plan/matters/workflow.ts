import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A major matter's workflow (重大事项及时按程序请示报告):
 *
 *   raise ─▶ raised ─answer (office)──────────────────▶ answered ─close (unit)─▶ closed
 *              │  └─escalate (office)─▶ escalated ─respond (work team)─▶ ▲
 *              └─withdraw (unit)─▶ withdrawn
 */
export const planMatterWorkflow = defineWorkflow({
  kind: 'plan_matter',
  table: 'plan_matters',
  transitions: {
    raise: { from: [], to: 'raised' },
    answer: { from: ['raised'], to: 'answered' },
    escalate: { from: ['raised'], to: 'escalated' },
    respond: { from: ['escalated'], to: 'answered' },
    close: { from: ['answered'], to: 'closed' },
    withdraw: { from: ['raised'], to: 'withdrawn' },
  },
  effects: recordEffects,
});

export type MatterAction = keyof typeof planMatterWorkflow.transitions;
