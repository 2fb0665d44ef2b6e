/**
 * Arithmetic on calendar dates (YYYY-MM-DD text), the form every local date of the platform takes — programme
 * windows, deadlines, periods. Pure and zone-free, so the server and the web compute the same answer; which date
 * "today" is in Asia/Shanghai is the server's `core/time.ts` (and the web's `todayInShanghai`).
 */
const DAY_MS = 86_400_000;

/** A calendar date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The same day `years` later (29 February becomes 28 February in a year without one): an age reached. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
