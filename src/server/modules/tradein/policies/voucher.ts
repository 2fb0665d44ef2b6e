import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export interface VoucherRecord extends Partial<WithGrants> {
  holder_user_id?: number;
}

const supervisor = (a: Actor, r?: VoucherRecord) => isSupervisor(a, r?.grants ? { grants: r.grants } : undefined);

/** Residents claim and see their own vouchers; a merchant looks one up by code at the till; supervisors read. */
export const voucherPolicy = definePolicy<VoucherRecord, 'claim' | 'listOwn' | 'lookup' | 'list'>('tradein_voucher', {
  claim: hasRole('resident'),
  listOwn: hasRole('resident'),
  lookup: (a, r) => a.role === 'merchant' || supervisor(a, r),
  list: supervisor,
});
