import { definePolicy } from '../../../../core/policy.js';
import { isReporter } from './common.js';

/** The reporting organisation's own workspace (its tasks, indicators, due, returned and past reports). */
export const planWorkspacePolicy = definePolicy<never, 'read'>('plan_workspace', {
  read: isReporter,
});
