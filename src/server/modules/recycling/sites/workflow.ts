import { defineWorkflow } from '../../../core/workflow.js';
import { recordEffects } from '../../platform/timeline/timeline.js';

/**
 * A recycling site's life: registered as planned or already operating; works finish and it
 * opens; it may be suspended and resume; it closes. An inspection may ban it (取缔: unlicensed or unsafe), which is
 * final and takes it off every public list. Every move records the date (`status_since`) on the site.
 */
export const recyclingSiteWorkflow = defineWorkflow({
  kind: 'recycling_site',
  table: 'recycling_sites',
  transitions: {
    // A site planned (or about to be built) comes in as planned; one already running — existing, or registered
    // after its works — comes in operating.
    registerPlanned: { from: [], to: 'planned' },
    registerOperating: { from: [], to: 'operating' },
    startWorks: { from: ['planned'], to: 'under_construction' },
    open: { from: ['planned', 'under_construction', 'suspended'], to: 'operating' },
    suspend: { from: ['operating'], to: 'suspended' },
    close: { from: ['planned', 'under_construction', 'operating', 'suspended'], to: 'closed' },
    ban: { from: ['planned', 'under_construction', 'operating', 'suspended'], to: 'banned' },
  },
  effects: recordEffects,
});
