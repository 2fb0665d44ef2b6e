import { definePolicy } from '../../../../core/policy.js';
import { isOffice, takesPartInSupervision } from './common.js';

export interface AlertRecord {
  organizationId: number | null;
}

/**
 * The day's three-colour alerts: read by whoever reads the dashboard (a unit's list is narrowed to its own orders);
 * recomputed on demand by the office (the daily job computes them otherwise).
 */
export const planAlertPolicy = definePolicy<AlertRecord, 'list' | 'refresh'>('plan_alert', {
  list: takesPartInSupervision,
  refresh: isOffice,
});
