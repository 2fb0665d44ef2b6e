import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A survey response's life: saved as a draft → submitted by the enterprise (or by the manager on behalf of an
 * enterprise without an account) → checked by the register row's town, or returned with a reason and submitted
 * again. Only checked responses count in the results and the metrics.
 */
export const surveyWorkflow = defineWorkflow({
  kind: 'renewal_survey_response',
  table: 'renewal_survey_responses',
  transitions: {
    save: { from: [], to: 'draft' },
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    check: { from: ['submitted'], to: 'checked' },
    return: { from: ['submitted'], to: 'returned' },
  },
  effects: recordEffects,
});

export type SurveyAction = keyof typeof surveyWorkflow.transitions;
