import { defineWorkflow } from '../../../core/workflow.js';
import { withDataVersion } from '../../platform/dataVersions/versions.js';
import { recordEffects } from '../../platform/timeline/timeline.js';
import { RENEWAL_DATA_VERSION } from '../overview/version.js';

/**
 * A project's way to the library and to completion. `submitSimplified` is the simplified path: a project adding
 * no land and mainly replacing equipment skips the step the office configured (the town check) and waits for the
 * department at once. Both reviews return the project with reasons; the enterprise edits it and submits again. A completion the
 * department finds short goes back to construction with its reason, and leaves the completed figures until it is
 * completed again.
 */
export const projectWorkflow = defineWorkflow({
  kind: 'renewal_project',
  table: 'renewal_projects',
  transitions: {
    draft: { from: [], to: 'draft' },
    import: { from: [], to: 'in_library' },
    importStarted: { from: [], to: 'under_construction' },
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    submitSimplified: { from: ['draft', 'returned'], to: 'town_checked' },
    townPass: { from: ['submitted'], to: 'town_checked' },
    townReturn: { from: ['submitted'], to: 'returned' },
    approve: { from: ['town_checked'], to: 'in_library' },
    departmentReturn: { from: ['town_checked'], to: 'returned' },
    start: { from: ['in_library'], to: 'under_construction' },
    complete: { from: ['under_construction'], to: 'completed' },
    // The department finds the completion short (investment not evidenced, acceptance missing): back to construction.
    returnCompletion: { from: ['completed'], to: 'under_construction' },
  },
  // Every move changes what the renewal overview sums.
  effects: withDataVersion(recordEffects, RENEWAL_DATA_VERSION),
});

export type ProjectAction = keyof typeof projectWorkflow.transitions;
