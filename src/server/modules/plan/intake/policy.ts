import { definePolicy } from '../../../core/policy.js';
import { editsPlan } from '../policies/common.js';

/** Drafting a plan from a document is the first step of loading one, so only the office may do it. */
export const planIntakePolicy = definePolicy<void, 'draft'>('planIntake', { draft: editsPlan });
