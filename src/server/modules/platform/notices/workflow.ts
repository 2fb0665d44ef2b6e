import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../timeline/timeline.js';

/** A notice: drafted (and edited) by the office, published, and withdrawn when it no longer holds. */
export const noticeWorkflow = defineWorkflow({
  kind: 'notice',
  table: 'notices',
  transitions: {
    create: { from: [], to: 'draft' },
    edit: { from: ['draft'], to: 'draft' },
    publish: { from: ['draft'], to: 'published' },
    withdraw: { from: ['published'], to: 'withdrawn' },
  },
  effects: recordEffects,
});
