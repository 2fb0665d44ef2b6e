import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * The one way every record of this part goes (standards, certifications, brands, R&D reports): its organisation
 * drafts it and submits it with evidence; the department holding the grant confirms it or returns it with a reason
 * (the organisation edits and submits again); a confirmed record found wrong is withdrawn with a reason, and its
 * organisation may correct it and submit it again (so one enterprise's report of a year stays one row).
 */
const TRANSITIONS = {
  draft: { from: [], to: 'draft' },
  submit: { from: ['draft', 'returned', 'withdrawn'], to: 'submitted' },
  confirm: { from: ['submitted'], to: 'confirmed' },
  return: { from: ['submitted'], to: 'returned' },
  withdraw: { from: ['confirmed'], to: 'withdrawn' },
} as const;

export type ClaimAction = keyof typeof TRANSITIONS;

export const standardWorkflow = defineWorkflow({ kind: 'renewal_standard', table: 'renewal_standards', transitions: TRANSITIONS, effects: recordEffects });
export const certificationWorkflow = defineWorkflow({
  kind: 'renewal_certification',
  table: 'renewal_certifications',
  transitions: TRANSITIONS,
  effects: recordEffects,
});
export const brandWorkflow = defineWorkflow({ kind: 'renewal_brand', table: 'renewal_brands', transitions: TRANSITIONS, effects: recordEffects });
export const rdReportWorkflow = defineWorkflow({ kind: 'renewal_rd_report', table: 'renewal_rd_reports', transitions: TRANSITIONS, effects: recordEffects });

/** Statuses in which the organisation may still edit the record. */
export const EDITABLE = ['draft', 'returned', 'withdrawn'] as const;
