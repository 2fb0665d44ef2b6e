import { endOfShanghaiDate } from '../../../core/time.js';
import type { Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';

/**
 * A voucher is valid for the programme's number of days from its issue but never past the programme's last day.
 * When the last day moves, the vouchers still active follow it: an extension gives the vouchers that were cut
 * short by the old end the rest of their days (up to the new end), a shortened window cuts the ones that would
 * outlive it. Vouchers that have already expired stay expired — their quota may already be back in a release.
 */
export async function refitVoucherExpiry(
  tx: Tx,
  program: { id: number; voucherValidDays: number },
  oldValidTo: string,
  newValidTo: string,
): Promise<{ extended: number; shortened: number }> {
  const oldEnd = endOfShanghaiDate(oldValidTo).toISOString();
  const newEnd = endOfShanghaiDate(newValidTo).toISOString();
  const now = nowIso();
  if (newEnd > oldEnd) {
    const cut = await tx
      .selectFrom('tradein_vouchers')
      .select(['id', 'issued_at'])
      .where('program_id', '=', program.id)
      .where('status', '=', 'active')
      .where('expires_at', '=', oldEnd)
      .execute();
    for (const v of cut) {
      const full = new Date(Date.parse(v.issued_at) + program.voucherValidDays * 86_400_000).toISOString();
      await tx
        .updateTable('tradein_vouchers')
        .set({ expires_at: full < newEnd ? full : newEnd, updated_at: now })
        .where('id', '=', v.id)
        .where('status', '=', 'active')
        .execute();
    }
    return { extended: cut.length, shortened: 0 };
  }
  if (newEnd < oldEnd) {
    const res = await tx
      .updateTable('tradein_vouchers')
      .set({ expires_at: newEnd, updated_at: now })
      .where('program_id', '=', program.id)
      .where('status', '=', 'active')
      .where('expires_at', '>', newEnd)
      .executeTakeFirst();
    return { extended: 0, shortened: Number(res.numUpdatedRows) };
  }
  return { extended: 0, shortened: 0 };
}
