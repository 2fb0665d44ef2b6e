import { definePolicy, hasRole } from '../../../core/policy.js';

/** Version, database, migrations, backlogs and error counts: for the office and the administrators. */
export const serviceStatusPolicy = definePolicy<never, 'read'>('service_status', {
  read: hasRole('office', 'admin'),
});
