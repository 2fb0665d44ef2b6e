import { SHANGHAI_OFFSET_MS, shanghaiMidnight } from '../../../core/time.js';

export { shanghaiDate, shanghaiMidnight, shanghaiYear } from '../../../core/time.js';

/**
 * Plan time is Asia/Shanghai (core/time.ts): a target dated "2025" is due at the end of 2025-12-31 local time,
 * i.e. 2025-12-31T16:00:00Z. The status arithmetic works in epoch milliseconds; these are its few extras.
 */
const OFFSET_MS = SHANGHAI_OFFSET_MS;
export const DAY_MS = 24 * 3600 * 1000;

/** Start of a `YYYY-MM-DD` day in Shanghai. */
export function startOfDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`Not a date: ${date}`);
  return shanghaiMidnight(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** End of a `YYYY-MM-DD` day in Shanghai (the next local midnight): "as of 2025-06-30" includes that whole day. */
export function endOfDay(date: string): number {
  return startOfDay(date) + DAY_MS;
}

export const yearStart = (year: number) => shanghaiMidnight(year, 1, 1);
/** When a target dated `year` falls due: the end of 31 December, local time. */
export const yearEnd = (year: number) => shanghaiMidnight(year + 1, 1, 1);

/** The same local date and time one calendar year earlier (29 February falls back to 1 March). */
export function oneYearEarlier(ms: number): number {
  const d = new Date(ms + OFFSET_MS);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d.getTime() - OFFSET_MS;
}

/** Month boundaries (local midnights) from `from` up to `to`, both included when they fall on a boundary. */
export function monthStartsBetween(from: number, to: number): number[] {
  const out: number[] = [];
  const d = new Date(from + OFFSET_MS);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() + 1;
  let t = shanghaiMidnight(y, m, 1);
  if (t < from) {
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    t = shanghaiMidnight(y, m, 1);
  }
  while (t <= to) {
    out.push(t);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
    t = shanghaiMidnight(y, m, 1);
  }
  return out;
}
