import { definePolicy } from '../../../core/policy.js';
import { editsPlan, readsPlan } from './common.js';

export interface PlanRecord {
  id: number;
}

/** Plans: read by government, loaded or replaced from a plan file by the office only. */
export const planPolicy = definePolicy<PlanRecord, 'list' | 'read' | 'export' | 'import'>('plan', {
  list: readsPlan,
  read: readsPlan,
  export: readsPlan,
  import: editsPlan,
});
