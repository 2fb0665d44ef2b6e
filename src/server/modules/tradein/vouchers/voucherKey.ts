import type { Queryable } from '../../../db/database.js';

/** A voucher's distribution key: who holds it, and its id. */
export interface VoucherKey {
  holderUserId: number;
  voucherId: number;
}

/**
 * The key of the voucher a code names, from tradein_voucher_codes (keyed by the code, written with every voucher).
 * Vouchers are distributed by holder on Citus: a read by code alone would ask every shard, a read by this key asks
 * the code's shard and then the holder's. Undefined: no voucher has this code.
 */
export async function voucherKeyOf(db: Queryable, code: string): Promise<VoucherKey | undefined> {
  const row = await db.selectFrom('tradein_voucher_codes').select(['holder_user_id', 'voucher_id']).where('code', '=', code).executeTakeFirst();
  return row && { holderUserId: Number(row.holder_user_id), voucherId: Number(row.voucher_id) };
}

/** The voucher with this key (its holder and id: one shard on Citus). */
export function voucherByKey(db: Queryable, key: VoucherKey) {
  return db.selectFrom('tradein_vouchers').selectAll().where('holder_user_id', '=', key.holderUserId).where('id', '=', key.voucherId).executeTakeFirst();
}

/** The voucher a code names, through its key; undefined when no voucher has the code. */
export async function voucherByCode(db: Queryable, code: string) {
  const key = await voucherKeyOf(db, code);
  return key && voucherByKey(db, key);
}
