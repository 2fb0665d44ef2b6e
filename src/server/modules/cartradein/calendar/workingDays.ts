import type { Queryable } from '../../../db/database.js';

/**
 * Review and payment deadlines are counted in working days (Asia/Shanghai): Monday to Friday, except the public
 * holidays that fall on weekdays, plus the weekend days declared working days (调休). The exceptions are data
 * (table cartradein_calendar), because the State Council publishes them year by year.
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

/**
 * 2025 holidays and make-up working days as the State Council's notice set them (国办发明电〔2024〕12号), shipped
 * so deadlines are right from the first day; the office maintains later years through the calendar endpoint.
 */
export const DEFAULT_CALENDAR_2025: { date: string; working: boolean; note: string }[] = [
  { date: '2025-01-01', working: false, note: '元旦' },
  ...['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04'].map((date) => ({ date, working: false, note: '春节' })),
  { date: '2025-01-26', working: true, note: '春节调休上班' },
  { date: '2025-02-08', working: true, note: '春节调休上班' },
  { date: '2025-04-04', working: false, note: '清明节' },
  ...['2025-05-01', '2025-05-02', '2025-05-05'].map((date) => ({ date, working: false, note: '劳动节' })),
  { date: '2025-04-27', working: true, note: '劳动节调休上班' },
  { date: '2025-06-02', working: false, note: '端午节' },
  ...['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'].map((date) => ({ date, working: false, note: '国庆节、中秋节' })),
  { date: '2025-09-28', working: true, note: '国庆节调休上班' },
  { date: '2025-10-11', working: true, note: '国庆节调休上班' },
];
