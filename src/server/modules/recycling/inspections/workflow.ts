import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A rectification: opened by a "rectify" inspection; the operator or the town reports what was done (submitted);
 * the inspector's unit accepts it (closed, final) or rejects it with a reason (open again, due date unchanged).
 */
export const rectificationWorkflow = defineWorkflow({
  kind: 'recycling_rectification',
  table: 'recycling_rectifications',
  transitions: {
    open: { from: [], to: 'open' },
    submit: { from: ['open'], to: 'submitted' },
    accept: { from: ['submitted'], to: 'closed' },
    reject: { from: ['submitted'], to: 'open' },
  },
  effects: recordEffects,
});
