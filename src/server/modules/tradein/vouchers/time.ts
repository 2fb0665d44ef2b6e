/** Asia/Shanghai has no daylight saving: a fixed +08:00 offset. */
const SHANGHAI_MS = 8 * 3600_000;

export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai wall-clock time happens: `2026-11-28` + `10:00` → 2026-11-28T02:00:00.000Z. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A voucher is valid for the programme's number of days from its issue, but never past the programme's last
 * day (the end of valid_to in Shanghai).
 */
export function voucherExpiry(issuedAt: Date, validDays: number, programValidTo: string): string {
  const byDays = issuedAt.getTime() + validDays * 86_400_000;
  const programEnd = shanghaiInstant(addDays(programValidTo, 1)).getTime();
  return new Date(Math.min(byDays, programEnd)).toISOString();
}
