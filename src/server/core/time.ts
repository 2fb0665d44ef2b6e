/**
 * Asia/Shanghai local time. The city's dates — programme windows, release days, deadlines, reporting periods —
 * are Shanghai calendar dates (YYYY-MM-DD text); instants are stored in UTC. Shanghai has had no daylight saving
 * since 1991, so the offset is a constant and no time-zone database is needed.
 */
import { addDays } from '../../shared/dates.js';

export { addDays, daysBetween } from '../../shared/dates.js';

export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Shanghai calendar date of an instant: 2026-12-31T16:30Z → 2027-01-01. */
export function shanghaiDate(instant: Date | string = new Date()): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai wall-clock time happens: `2026-11-28` + `10:00` → 2026-11-28T02:00:00.000Z. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The instant a Shanghai date ends (the next day's midnight), the end of an inclusive window's last day. */
export function endOfShanghaiDate(date: string): Date {
  return shanghaiInstant(addDays(date, 1));
}
