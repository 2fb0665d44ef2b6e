import { endOfShanghaiDate } from '../../../core/time.js';

/**
 * A voucher is valid for the programme's number of days from its issue, but never past the programme's last
 * day (the end of valid_to in Shanghai).
 */
export function voucherExpiry(issuedAt: Date, validDays: number, programValidTo: string): string {
  const byDays = issuedAt.getTime() + validDays * 86_400_000;
  const programEnd = endOfShanghaiDate(programValidTo).getTime();
  return new Date(Math.min(byDays, programEnd)).toISOString();
}
