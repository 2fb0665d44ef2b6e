import type { Queryable } from '../../../db/database.js';

/**
 * Review and payment deadlines are counted in working days (Asia/Shanghai): Monday to Friday, except the public
 * holidays that fall on weekdays, plus the weekend days declared working days (调休). The exceptions are data
 * (table cartradein_calendar), because the State Council publishes them year by year: shipped as one file per
 * year (data/YYYY.json, loaded by seed.ts), kept by the office through the calendar endpoint.
 */

const SHANGHAI_MS = 8 * 3600_000;

export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
}

export function shanghaiDateOf(iso: string): string {
  return shanghaiToday(new Date(iso));
}

export function addCalendarDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole calendar days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((new Date(`${b}T00:00:00Z`).getTime() - new Date(`${a}T00:00:00Z`).getTime()) / 86_400_000);
}

export type CalendarExceptions = ReadonlyMap<string, boolean>;

export function isWorkingDay(date: string, exceptions: CalendarExceptions): boolean {
  const declared = exceptions.get(date);
  if (declared !== undefined) return declared;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last day of a step that must be done within `n` working days of `start`: the day of submission does not
 * count, the n-th working day after it is the last day allowed.
 */
export function addWorkingDays(start: string, n: number, exceptions: CalendarExceptions): string {
  let date = start;
  let left = n;
  // A year of non-working days in a row does not exist; the bound only guards against a broken calendar.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, exceptions)) left--;
  }
  return date;
}

/** The exceptions from `from` on (a deadline never looks back), enough for any deadline we compute. */
export async function loadCalendar(db: Queryable, from: string): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom('cartradein_calendar')
    .select(['date', 'working'])
    .where('date', '>=', from)
    .where('date', '<=', addCalendarDays(from, 400))
    .execute();
  return new Map(rows.map((r) => [r.date, r.working === 1]));
}
