import { z } from 'zod';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import type { ModulePlugin } from '../../../core/module.js';
import { fieldError } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { workingCalendarPolicy } from '../policies/calendar.js';
import { recomputeDeadlines } from './recompute.js';
import { claimCalendarYear } from './years.js';

const tags = ['car trade-in'];
const yearParams = z.object({ year: z.coerce.number().int().min(2020).max(2100) });
const dayView = z.object({
  date: z.iso.date(),
  working: z
    .boolean()
    .describe('true: a weekend day declared a working day (调休); false: a public holiday (on a weekday it is what makes the day non-working)'),
  note: z.string().nullable(),
});
const setYearBody = z.object({ days: z.array(dayView.extend({ note: z.string().trim().max(100).nullable().optional() }).strict()).max(120) }).strict();
type Day = z.infer<typeof dayView>;

async function readYear(db: Queryable, year: number): Promise<Day[]> {
  const rows = await db
    .selectFrom('cartradein_calendar')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, working: r.working === 1, note: r.note }));
}

export async function getWorkingCalendar(deps: AppDeps, ctx: RequestContext, year: number): Promise<Day[]> {
  authorize(ctx.actor, workingCalendarPolicy, 'read');
  return readYear(deps.database.db, year);
}

/** The header of PUT …/working-calendar/:year that says how many running deadlines the new year moved. */
export const RECOMPUTED_HEADER = 'x-recomputed-deadlines';

/**
 * Replaces a year's exceptions, and counts again the deadlines still running that the year reaches (review of
 * applications awaiting review, payment of approved ones not yet paid), each move audited.
 */
export async function setWorkingCalendar(
  deps: AppDeps,
  ctx: RequestContext,
  year: number,
  days: z.infer<typeof setYearBody>['days'],
): Promise<{ days: Day[]; recomputedDeadlines: number }> {
  const moved = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, workingCalendarPolicy, 'update', { grants: await grantsOf(tx, ctx.actor, 'cartradein') });
    const before = await readYear(tx, year);
    days.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`)) throw fieldError(`days.${i}.date`, 'field.cartradein.dateOutsideYear', { year });
    });
    await tx.deleteFrom('cartradein_calendar').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
    const unique = [...new Map(days.map((d) => [d.date, d])).values()];
    if (unique.length)
      await tx
        .insertInto('cartradein_calendar')
        .values(unique.map((d) => ({ date: d.date, working: d.working ? 1 : 0, note: d.note ?? null })))
        .execute();
    // The office's entry settles the year, even an empty one: a shipped file is never loaded over it.
    await claimCalendarYear(tx, year);
    const moved = await recomputeDeadlines(tx, ctx, year);
    await appendAudit(tx, ctx, { entity: 'cartradein_calendar', entityId: year, action: 'set', before, after: unique });
    return moved.length;
  });
  return { days: await readYear(deps.database.db, year), recomputedDeadlines: moved };
}

export const calendarRoutes: ModulePlugin = async (app, { deps }) => {
  app.get('/tradein/car-programs/working-calendar/:year', {
    config: { policy: { policy: workingCalendarPolicy, action: 'read' } },
    schema: {
      tags,
      summary: 'Exceptions to Monday–Friday that review and payment deadlines are counted with',
      params: yearParams,
      response: { 200: z.array(dayView) },
    },
    handler: (req) => getWorkingCalendar(deps, req.ctx, req.params.year),
  });
  app.put('/tradein/car-programs/working-calendar/:year', {
    config: { policy: { policy: workingCalendarPolicy, action: 'update' } },
    schema: {
      tags,
      summary: 'Replace a year’s holidays and make-up working days',
      description: `Running review and payment deadlines the year reaches are counted again; the ${RECOMPUTED_HEADER} response header says how many moved.`,
      params: yearParams,
      body: setYearBody,
      response: { 200: z.array(dayView) },
    },
    handler: async (req, reply) => {
      const { days, recomputedDeadlines } = await setWorkingCalendar(deps, req.ctx, req.params.year, req.body.days);
      // The body stays the year's days, as clients read it; the count travels beside it.
      void reply.header(RECOMPUTED_HEADER, String(recomputedDeadlines));
      return days;
    },
  });
};
