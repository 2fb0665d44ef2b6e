import { definePolicy, signedIn } from '../../../core/policy.js';
import { isManager, type WithGrants } from '../../platform/grants/policy.js';

/** The working-day calendar deadlines are counted in: read by anyone signed in, kept by the managers. */
export const workingCalendarPolicy = definePolicy<WithGrants, 'read' | 'update'>('cartradein_calendar', {
  read: signedIn,
  update: isManager,
});
