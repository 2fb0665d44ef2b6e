import { addDays } from '../../shared/dates.js';

export { addDays, daysBetween } from '../../shared/dates.js';

/**
 * Asia/Shanghai local time, the one place the server turns instants into the city's dates and back. Programme
 * windows, release days, deadlines, reporting and settlement periods are Shanghai calendar dates (`YYYY-MM-DD`)
 * or months (`YYYY-MM`); instants are stored in UTC. Shanghai has had no daylight saving since 1991, so the
 * offset is a constant and no time-zone database is needed.
 *
 * An instant may be given as a Date, an ISO text or epoch milliseconds; "now" when omitted.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export type Instant = Date | string | number;

function ms(instant: Instant | undefined): number {
  if (instant === undefined) return Date.now();
  if (typeof instant === 'number') return instant;
  return typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
}

/** The instant shifted so that its UTC fields read as Shanghai wall-clock fields. */
const local = (instant: Instant | undefined) => new Date(ms(instant) + SHANGHAI_OFFSET_MS);

/** The Shanghai wall-clock minute of an instant, as officials read it in a sheet: `2027-01-01 00:30`. */
export function shanghaiMinute(instant?: Instant): string {
  return local(instant).toISOString().slice(0, 16).replace('T', ' ');
}

/** The Shanghai calendar date of an instant: 2026-12-31T16:30Z → `2027-01-01`. */
export function shanghaiDate(instant?: Instant): string {
  return local(instant).toISOString().slice(0, 10);
}

/** The Shanghai month of an instant, `YYYY-MM`. */
export function shanghaiMonth(instant?: Instant): string {
  return local(instant).toISOString().slice(0, 7);
}

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(instant?: Instant): number {
  return local(instant).getUTCFullYear();
}

/** The Shanghai hour of an instant, 0–23. */
export function shanghaiHour(instant?: Instant): number {
  return local(instant).getUTCHours();
}

/** The Shanghai date and hour, `YYYY-MM-DDTHH`: the key of an hourly job's run. */
export function shanghaiHourKey(instant?: Instant): string {
  return local(instant).toISOString().slice(0, 13);
}

/** Epoch ms of local midnight at the start of a Shanghai calendar day (month 1–12; days past the month roll on). */
export function shanghaiMidnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) - SHANGHAI_OFFSET_MS;
}

/** The instant a Shanghai wall-clock time happens: `2026-11-28` + `10:00` → 2026-11-28T02:00:00.000Z. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The instant a Shanghai date ends (the next local midnight): the end of an inclusive window's last day. */
export function endOfShanghaiDate(date: string): Date {
  return shanghaiInstant(addDays(date, 1));
}

/** The instants a Shanghai month starts and ends (exclusive): `2025-03` → [2025-02-28T16:00Z, 2025-03-31T16:00Z). */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: new Date(shanghaiMidnight(y, m, 1)), to: new Date(shanghaiMidnight(y, m + 1, 1)) };
}

/** The month `n` months after `month` (before, when negative): `2026-12` + 1 → `2027-01`. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

export const previousMonth = (month: string) => addMonths(month, -1);

/** The instants a Shanghai calendar year starts and ends (exclusive). */
export function yearBounds(year: number): { from: Date; to: Date } {
  return { from: new Date(shanghaiMidnight(year, 1, 1)), to: new Date(shanghaiMidnight(year + 1, 1, 1)) };
}
