import { defineWorkflow } from '../../../../core/workflow.js';
import { recordEffects } from '../../../platform/timeline/timeline.js';
import { EDITABLE_STATUSES } from '../tables.js';

/**
 * A report's workflow: the unit saves (or imports) and submits; the office returns it with a reason or accepts it.
 *
 *   pending ─save─▶ draft ─submit─▶ submitted ─accept─▶ accepted
 *                                      │  ▲
 *                                return│  │submit
 *                                      ▼  │
 *                   returned ─save─▶ corrected
 *
 * A report edited after a return stays `corrected` however often it is saved, so the office sees it is an answer.
 */
const AFTER_EDIT = { pending: 'draft', draft: 'draft', returned: 'corrected', corrected: 'corrected' } as const;

export const planReportWorkflow = defineWorkflow({
  kind: 'plan_report',
  table: 'plan_reports',
  transitions: {
    save: { from: EDITABLE_STATUSES, to: AFTER_EDIT },
    import: { from: EDITABLE_STATUSES, to: AFTER_EDIT },
    submit: { from: EDITABLE_STATUSES, to: 'submitted' },
    return: { from: ['submitted'], to: 'returned' },
    accept: { from: ['submitted'], to: 'accepted' },
  },
  effects: recordEffects,
});
