import { definePolicy } from '../../../core/policy.js';
import { grantsIn, isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface RecognitionRecord {
  grants?: Grants;
}

/**
 * Smart-manufacturing demonstration factories and excellent scenes: the renewal manager (市工信局) records and
 * withdraws them; the supervisors and every town and enterprise may read the list (it is a public honour roll).
 */
export const recognitionPolicy = definePolicy<RecognitionRecord, 'list' | 'create' | 'remove'>('renewal_recognition', {
  list: (a, r) => isSupervisor(a, grantsIn(r)) || a.role === 'town' || a.role === 'enterprise',
  create: (a, r) => isManager(a, grantsIn(r)),
  remove: (a, r) => isManager(a, grantsIn(r)),
});
