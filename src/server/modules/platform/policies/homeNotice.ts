import { definePolicy, signedIn } from '../../../core/policy.js';

/** Any signed-in user reads their home notices; each provider shows only what the actor can act on. */
export const homeNoticePolicy = definePolicy<never, 'list'>('home_notice', {
  list: signedIn,
});
