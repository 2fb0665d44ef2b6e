/** Calendar arithmetic for the page: pure, on YYYY-MM-DD text, zone-free (a date is a day, not an instant). */
import type { Locale } from '../../../../../shared/roles';

export interface Entry {
  working: boolean;
  note: string | null;
}
export type Entries = ReadonlyMap<string, Entry>;

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** 0 Sunday … 6 Saturday. */
export const weekdayOf = (date: string) => utc(date).getUTCDay();
export const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function weekdayName(date: string, locale: Locale, width: 'short' | 'narrow' = 'short'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(utc(date));
}

export function monthName(year: number, month: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** Monday-first column headers, as Chinese calendars print them. */
export function weekdayHeaders(locale: Locale): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => weekdayName(isoDate(2024, 1, 1 + i), locale, 'narrow'));
}

/** How many entries differ between two states of a year (added, removed or changed). */
export function changesBetween(a: Entries, b: Entries): number {
  let n = 0;
  for (const [date, e] of a) {
    const o = b.get(date);
    if (!o || o.working !== e.working || (o.note ?? '') !== (e.note ?? '')) n++;
  }
  for (const date of b.keys()) if (!a.has(date)) n++;
  return n;
}
