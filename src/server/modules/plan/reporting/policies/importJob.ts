import { definePolicy } from '../../../../core/policy.js';
import { isReporter } from './common.js';

export interface ImportJobRecord {
  id: number;
  userId: number;
}

/** An Excel import of one's own reports: started by a department or town user, followed by that user only. */
export const planImportPolicy = definePolicy<ImportJobRecord, 'create' | 'read'>('plan_import', {
  create: isReporter,
  read: (a, r) => isReporter(a) && (!r || (a.userId !== null && a.userId === r.userId)),
});
