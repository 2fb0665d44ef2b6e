import { definePolicy } from '../../../core/policy.js';
import { editsPlan, readsPlan } from './common.js';

export interface IndicatorRecord {
  id: number;
  planId: number;
}

/**
 * Indicators, their status and the dashboard built from them: read by government (departments and towns see the
 * whole plan, not only their own lines), edited — targets, baselines, units — by the office, with history.
 */
export const indicatorPolicy = definePolicy<IndicatorRecord, 'read' | 'update' | 'readRevisions' | 'export'>('indicator', {
  read: readsPlan,
  update: editsPlan,
  readRevisions: readsPlan,
  export: readsPlan,
});
