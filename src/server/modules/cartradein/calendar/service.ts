import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { workingCalendarPolicy } from '../policies/calendar.js';
import { recomputeDeadlines } from './recompute.js';
import { CALENDAR_ACTIONS, type CalendarDay, type CalendarDetails, type CalendarYearSummary, type SetYearInput } from './schema.js';
import { shippedCalendar } from './shipped.js';
import { claimCalendarYear } from './years.js';

/** The audit trail's entity for a year of the calendar (entity id: the year), as seed.ts writes it too. */
const ENTITY = 'cartradein_calendar';

export async function readYear(db: Queryable, year: number): Promise<CalendarDay[]> {
  const rows = await db
    .selectFrom('cartradein_calendar')
    .selectAll()
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, working: r.working === 1, note: r.note }));
}

export async function getWorkingCalendar(deps: AppDeps, ctx: RequestContext, year: number): Promise<CalendarDay[]> {
  authorize(ctx.actor, workingCalendarPolicy, 'read');
  return readYear(deps.database.db, year);
}

/** Asks the policy with the caller's grants, inside the writing transaction. */
export async function authorizeCalendarUpdate(tx: Queryable, ctx: RequestContext, year: number): Promise<void> {
  authorize(ctx.actor, workingCalendarPolicy, 'update', { grants: await grantsOf(tx, ctx.actor, 'cartradein') }, year);
}

export interface WriteYearOptions {
  action: 'set' | 'import';
  /** undefined: the year keeps its source; null or '': it has none any more. */
  source?: string | null | undefined;
  /** More for the audit record (the imported file's name). */
  audit?: Record<string, unknown>;
}

/**
 * Replaces a year's exceptions inside the caller's transaction (already authorised), settles the year, counts
 * the running deadlines it reaches again and audits the change with how many moved. The days are checked.
 */
export async function writeYear(tx: Tx, ctx: RequestContext, year: number, days: readonly CalendarDay[], options: WriteYearOptions): Promise<number> {
  const before = await readYear(tx, year);
  await tx.deleteFrom('cartradein_calendar').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  const unique = [...new Map(days.map((d) => [d.date, d])).values()];
  if (unique.length)
    await tx
      .insertInto('cartradein_calendar')
      .values(unique.map((d) => ({ date: d.date, working: d.working ? 1 : 0, note: d.note ?? null })))
      .execute();
  const source = options.source === undefined ? undefined : options.source?.trim() || null;
  if (source === null) await tx.deleteFrom('cartradein_calendar_sources').where('year', '=', year).execute();
  else if (source !== undefined)
    await tx
      .insertInto('cartradein_calendar_sources')
      .values({ year, source, updated_at: nowIso() })
      .onConflict((oc) => oc.column('year').doUpdateSet({ source, updated_at: nowIso() }))
      .execute();
  // The office's entry settles the year, even an empty one: a shipped file is never loaded over it.
  await claimCalendarYear(tx, year);
  const moved = (await recomputeDeadlines(tx, ctx, year)).length;
  await appendAudit(tx, ctx, {
    entity: ENTITY,
    entityId: year,
    action: options.action,
    before: { days: before },
    after: { days: unique, ...(source !== undefined ? { source } : {}), recomputedDeadlines: moved, ...options.audit },
  });
  return moved;
}

/**
 * Replaces a year's exceptions, and counts again the deadlines still running that the year reaches (review of
 * applications awaiting review, payment of approved ones not yet paid), each move audited.
 */
export async function setWorkingCalendar(
  deps: AppDeps,
  ctx: RequestContext,
  year: number,
  input: SetYearInput,
): Promise<{ days: CalendarDay[]; recomputedDeadlines: number }> {
  const moved = await inTransaction(deps.database, async (tx) => {
    await authorizeCalendarUpdate(tx, ctx, year);
    input.days.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`)) throw fieldError(`days.${i}.date`, 'field.cartradein.dateOutsideYear', { year });
    });
    return writeYear(
      tx,
      ctx,
      year,
      input.days.map((d) => ({ ...d, note: d.note ?? null })),
      { action: 'set', source: input.source },
    );
  });
  return { days: await readYear(deps.database.db, year), recomputedDeadlines: moved };
}

/** The last change of a year in the audit trail (the office's entry, an import, or the shipped file's load). */
async function lastChange(db: Queryable, year: number): Promise<CalendarDetails['lastChange']> {
  const row = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .select(['a.at', 'a.actor_username', 'a.action', 'a.after_json', 'u.display_name'])
    .where('a.entity', '=', ENTITY)
    .where('a.entity_id', '=', String(year))
    .where('a.outcome', '=', 'ok')
    .where('a.action', 'in', CALENDAR_ACTIONS)
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  let recomputed: number | null = null;
  try {
    // Entries written before the count was audited hold the bare list of days.
    const after = JSON.parse(row.after_json ?? 'null') as { recomputedDeadlines?: unknown } | null;
    if (after && typeof after.recomputedDeadlines === 'number') recomputed = after.recomputedDeadlines;
  } catch {
    recomputed = null;
  }
  return {
    at: row.at,
    username: row.actor_username,
    displayName: row.display_name ?? null,
    action: row.action as (typeof CALENDAR_ACTIONS)[number],
    recomputedDeadlines: recomputed,
  };
}

/** One year as the calendar page shows it: its days, where they come from, who changed it last, and may I edit. */
export async function getCalendarDetails(deps: AppDeps, ctx: RequestContext, year: number): Promise<CalendarDetails> {
  authorize(ctx.actor, workingCalendarPolicy, 'read');
  const db = deps.database.db;
  const [days, change, stored, grants] = await Promise.all([
    readYear(db, year),
    lastChange(db, year),
    db.selectFrom('cartradein_calendar_sources').select('source').where('year', '=', year).executeTakeFirst(),
    grantsOf(db, ctx.actor, 'cartradein'),
  ]);
  const shipped = shippedCalendar(year);
  // A year the office never touched is the shipped file's, with its notice; an entered one has what was written.
  const fromFile = shipped && (change === null || change.action === 'seed') && days.length > 0;
  const source: CalendarDetails['source'] = fromFile
    ? { title: shipped.source.title, docNumber: shipped.source.docNumber, note: shipped.source.note ?? null, shipped: true }
    : stored
      ? { title: stored.source, docNumber: null, note: null, shipped: false }
      : null;
  return {
    year,
    loaded: days.length > 0,
    days,
    source,
    lastChange: change,
    editable: workingCalendarPolicy.can(ctx.actor, 'update', { grants }),
  };
}

/** Every year that has entries, with its counts, for the page's year switcher. */
export async function listCalendarYears(deps: AppDeps, ctx: RequestContext): Promise<CalendarYearSummary[]> {
  authorize(ctx.actor, workingCalendarPolicy, 'read');
  // A few hundred rows at most (≤ 120 a year): counted here rather than with dialect-specific date functions.
  const rows = await deps.database.db.selectFrom('cartradein_calendar').select(['date', 'working']).execute();
  const years = new Map<number, CalendarYearSummary>();
  for (const r of rows) {
    const year = Number(r.date.slice(0, 4));
    const y = years.get(year) ?? { year, holidays: 0, workdays: 0 };
    if (r.working === 1) y.workdays++;
    else y.holidays++;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}
