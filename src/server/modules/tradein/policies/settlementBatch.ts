import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isManager, isPayer, isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from './common.js';

export interface SettlementBatchRecord {
  grants?: Grants;
  organization_id?: number;
}

const g = (r?: SettlementBatchRecord) => (r?.grants ? { grants: r.grants } : undefined);
const own = (a: Actor, r?: SettlementBatchRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });

/**
 * Settlement of merchants. 市商务局 makes and approves the batches; 市财政局 confirms them, is the only one
 * to see full bank accounts, and marks them paid; the office and auditors follow; a merchant sees its own.
 * Approval and confirmation sit with different organisations by construction (manage vs confirm_payment grants).
 */
export const settlementBatchPolicy = definePolicy<
  SettlementBatchRecord,
  'list' | 'read' | 'create' | 'approve' | 'confirm' | 'markPaid' | 'export' | 'readFullAccount'
>('tradein_settlement_batch', {
  list: (a, r) => isSupervisor(a, g(r)) || own(a, r),
  read: (a, r) => isSupervisor(a, g(r)) || own(a, r),
  create: (a, r) => isManager(a, g(r)),
  approve: (a, r) => isManager(a, g(r)),
  confirm: isPayer,
  markPaid: isPayer,
  export: (a, r) => isSupervisor(a, g(r)),
  readFullAccount: isPayer,
});
