/**
 * Dates for tests. The application's calendar is Asia/Shanghai (UTC+8, no daylight saving since 1991): a day, a
 * month or a reporting period starts at Shanghai midnight, which is 16:00 UTC the day before. A test that derives
 * "today" or "last month" from `toISOString()` is eight hours off on every day's first eight hours, and a test that
 * takes "this month" from the real clock ages: the plan runs 2024–2027, the programmes have windows.
 *
 * So a test chooses its instant — `useFakeClock(shanghaiInstant('2025-07-01', '00:30'))` — or, when it must run on
 * the real clock (the browser's, another process's), derives the Shanghai date of that clock with these helpers.
 * They compute on their own, without the application's code, so that a test does not check the code with itself.
 */
import { afterAll, beforeAll, vi } from 'vitest';

const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

type Instant = Date | number | string;
const ms = (at: Instant): number => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at));
const pad = (n: number) => String(n).padStart(2, '0');

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant; now by the test's clock by default. */
export function shanghaiDate(at: Instant = Date.now()): string {
  return new Date(ms(at) + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai month (`YYYY-MM`) of an instant; now by the test's clock by default. */
export function shanghaiMonth(at: Instant = Date.now()): string {
  return shanghaiDate(at).slice(0, 7);
}

/** The instant a Shanghai wall-clock time happens: `('2027-01-01', '00:30')` → 2026-12-31T16:30:00.000Z. */
export function shanghaiInstant(date: string, time = '00:00'): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2}(\.\d{3})?)?$/.test(time)) throw new Error(`not a Shanghai date and time: ${date} ${time}`);
  const at = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+08:00`);
  if (Number.isNaN(at.getTime())) throw new Error(`not a Shanghai date and time: ${date} ${time}`);
  return at;
}

/** A calendar date `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The month `months` after `period` (`YYYY-MM`; before it when negative). */
export function addMonths(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The month before `period`. */
export const previousMonth = (period: string): string => addMonths(period, -1);

/** The Shanghai month before the one an instant falls in (the last month that has ended); now by default. */
export function previousShanghaiMonth(at: Instant = Date.now()): string {
  return previousMonth(shanghaiMonth(at));
}

/** Shanghai midnight at the start of a month (`YYYY-MM`). */
export function monthStart(period: string): Date {
  return shanghaiInstant(`${period}-01`);
}

/** An instant inside a Shanghai month, well away from its edges: the `day`th at `time`, Shanghai time. */
export function inShanghaiMonth(period: string, day = 15, time = '12:00'): Date {
  return shanghaiInstant(`${period}-${pad(day)}`, time);
}

/**
 * Runs the calling file's (or describe block's) tests on a clock that starts at `at` and runs on from there: only
 * `Date` is faked — timers, `performance` and the event loop are real — and it moves with real time, so that
 * sessions, time-outs and "a few seconds later" behave as they do in production. Installed before the scope's
 * other `beforeAll` hooks (call it first), so the app, its seed and its test data are made at the chosen time.
 * The server in `createTestApp` runs in the test's process and reads the same clock; a child process does not.
 */
export function useFakeClock(at: Instant): void {
  beforeAll(() => {
    fakeClock(at);
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}

/** Moves the test's clock to `at` (faking `Date` first if it is not yet), and lets it run on from there. */
export function fakeClock(at: Instant): void {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(ms(at));
}
