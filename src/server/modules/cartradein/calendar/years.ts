import type { Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { shanghaiDate } from '../../../core/time.js';

/**
 * Which years of the working-day calendar are in place. A year with no row at all is missing: every year of the
 * State Council's notices has holidays, so an empty year means nobody entered it, and its holidays would be
 * counted as working days.
 */

/**
 * The job_runs key that marks a year as settled: loaded from the shipped file once, or entered by the office.
 * 2025's key is the one installations already hold (`cartradein-calendar-2025`), so they never reload it.
 */
export const calendarSeedKey = (year: number) => `cartradein-calendar-${year}`;

/**
 * Marks the year settled; true when this call did (the first to ask). Later seeds leave a settled year alone,
 * so an exception the office deleted is not put back, and a shipped file never replaces the office's entry.
 */
export async function claimCalendarYear(db: Queryable, year: number): Promise<boolean> {
  const marker = await db
    .insertInto('job_runs')
    .values({ name: 'seed', run_key: calendarSeedKey(year), started_at: nowIso(), finished_at: nowIso() })
    .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
    .executeTakeFirst();
  return Number(marker.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function hasCalendarYear(db: Queryable, year: number): Promise<boolean> {
  const row = await db
    .selectFrom('cartradein_calendar')
    .select('date')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** From this day (MM-DD, Asia/Shanghai) on, deadlines counted from today may run into next year. */
export const NEXT_YEAR_EXPECTED_FROM = '12-01';

/**
 * The years whose calendar deadlines need by `now` and that have none: next year from 1 December on, and the
 * current year itself (a January with no calendar of its own is the same gap, one month later).
 */
export async function missingCalendarYears(db: Queryable, now: Date): Promise<number[]> {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const needed = today.slice(5) >= NEXT_YEAR_EXPECTED_FROM ? [year, year + 1] : [year];
  const missing: number[] = [];
  for (const y of needed) if (!(await hasCalendarYear(db, y))) missing.push(y);
  return missing;
}
