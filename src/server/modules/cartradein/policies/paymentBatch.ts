import { definePolicy } from '../../../core/policy.js';
import { grantsIn, isPayer, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface CarPaymentBatchRecord {
  grants?: Grants;
}

/**
 * 市财政局 makes the payment batches, downloads the payment file (full bank accounts, so nobody else) and marks
 * them paid; managers, the office and auditors follow them read-only.
 */
export const carPaymentBatchPolicy = definePolicy<CarPaymentBatchRecord, 'list' | 'read' | 'create' | 'exportFile' | 'markPaid' | 'cancel'>(
  'cartradein_payment_batch',
  {
    list: (a, r) => isSupervisor(a, grantsIn(r)),
    read: (a, r) => isSupervisor(a, grantsIn(r)),
    create: isPayer,
    exportFile: isPayer,
    markPaid: isPayer,
    cancel: isPayer,
  },
);
