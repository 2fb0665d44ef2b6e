import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { recomputeDeadlines } from './recompute.js';
import { shippedCalendars, type ShippedCalendar } from './shipped.js';
import { claimCalendarYear, hasCalendarYear } from './years.js';

export interface CalendarSeedResult {
  year: number;
  loaded: boolean;
  recomputedDeadlines: number;
}

/**
 * Loads each shipped year once: the first start that finds the year unsettled claims it (job_runs) and loads it,
 * unless the office already entered that year, which is then left as it is. An installation that has run with
 * an older release gets the newer years at its next start, and the deadlines already running are counted again
 * with them. Safe from several processes at once: only the one that claims a year loads it.
 */
export async function seedShippedCalendars(deps: AppDeps, calendars: readonly ShippedCalendar[] = shippedCalendars()): Promise<CalendarSeedResult[]> {
  const ctx = systemContext('seed');
  const results: CalendarSeedResult[] = [];
  for (const cal of calendars) {
    const result = await inTransaction(deps.database, async (tx) => {
      const idle = { year: cal.year, loaded: false, recomputedDeadlines: 0 };
      if (!(await claimCalendarYear(tx, cal.year))) return idle;
      // Entered through the calendar endpoint before this release marked the years it sets.
      if (await hasCalendarYear(tx, cal.year)) return idle;
      await tx
        .insertInto('cartradein_calendar')
        .values(cal.days.map((d) => ({ date: d.date, working: d.working ? 1 : 0, note: d.note })))
        .onConflict((oc) => oc.column('date').doNothing())
        .execute();
      const moved = await recomputeDeadlines(tx, ctx, cal.year);
      await appendAudit(tx, ctx, {
        entity: 'cartradein_calendar',
        entityId: cal.year,
        action: 'seed',
        after: { source: cal.source.title, docNumber: cal.source.docNumber, days: cal.days.length, recomputedDeadlines: moved.length },
      });
      return { year: cal.year, loaded: true, recomputedDeadlines: moved.length };
    });
    results.push(result);
  }
  return results;
}
