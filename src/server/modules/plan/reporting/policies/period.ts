import { definePolicy } from '../../../../core/policy.js';
import { isOffice, takesPartInReporting } from './common.js';

export interface PeriodRecord {
  id: number;
  planId: number;
}

/** Reporting periods: opened (and closed) by the office; seen by everyone who takes part in reporting. */
export const reportingPeriodPolicy = definePolicy<PeriodRecord, 'list' | 'read' | 'open' | 'close'>('plan_reporting_period', {
  list: takesPartInReporting,
  read: takesPartInReporting,
  open: isOffice,
  close: isOffice,
});
