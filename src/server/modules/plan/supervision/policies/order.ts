import { definePolicy } from '../../../../core/policy.js';
import { addressedTo, isOffice, readsAllOrders, takesPartInSupervision } from './common.js';

export interface OrderRecord {
  id: number;
  organizationId: number;
  /** Drafts are the office's own until issued. */
  status: string;
}

type OrderPolicyAction = 'list' | 'read' | 'export' | 'raise' | 'issue' | 'sign' | 'handle' | 'feedback' | 'close' | 'return';

/** Supervision orders: raised, issued, closed or returned by the office; signed, handled and answered by the unit addressed. */
export const supervisionOrderPolicy = definePolicy<OrderRecord, OrderPolicyAction>('plan_supervision_order', {
  list: takesPartInSupervision,
  export: takesPartInSupervision,
  read: (a, r) => readsAllOrders(a) || (addressedTo(a, r?.organizationId) && r?.status !== 'draft'),
  raise: isOffice,
  issue: isOffice,
  sign: (a, r) => addressedTo(a, r?.organizationId),
  handle: (a, r) => addressedTo(a, r?.organizationId),
  feedback: (a, r) => addressedTo(a, r?.organizationId),
  close: isOffice,
  return: isOffice,
});
