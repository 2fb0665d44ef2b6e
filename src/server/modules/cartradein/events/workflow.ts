import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A promotion event: registered as a draft (seen by its organiser and the managers only), published (on the
 * public calendar and counted in the plan's event indicators), then either held — its results reported once it
 * has started, and correctable — or cancelled with a reason. Cancelled is final; a held event happened and
 * cannot be cancelled, since the plan's figures count it.
 */
export const promotionEventWorkflow = defineWorkflow({
  kind: 'cartradein_event',
  table: 'cartradein_events',
  transitions: {
    create: { from: [], to: 'draft' },
    publish: { from: ['draft'], to: 'published' },
    reportResults: { from: ['published', 'held'], to: 'held' },
    cancel: { from: ['draft', 'published'], to: 'cancelled' },
  },
  effects: recordEffects,
});

/** Details may change until the event is cancelled. */
export const EDITABLE_STATUSES = ['draft', 'published', 'held'] as const;
/** Live events: on the public calendar and in the plan's counts. */
export const LIVE_EVENT_STATUSES = ['published', 'held'] as const;
