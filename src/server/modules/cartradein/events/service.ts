import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, invalidState, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { grantsOf } from '../../platform/grants/service.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { promotionEventPolicy } from '../policies/event.js';
import type { EventInput, EventResultsInput, EventView, ListEventsQuery } from './schema.js';

function eventBase(db: Queryable) {
  return db
    .selectFrom('cartradein_events as e')
    .innerJoin('organizations as t', 't.id', 'e.town_id')
    .innerJoin('organizations as o', 'o.id', 'e.organization_id')
    .selectAll('e')
    .select(['t.name as town_name', 'o.name as organizer_name']);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof eventBase>['execute']>>[number];

async function merchantsOf(db: Queryable, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('cartradein_event_merchants as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(['m.event_id', 'm.organization_id', 'o.name'])
    .where('m.event_id', 'in', ids)
    .orderBy('o.name')
    .execute();
}

async function toViews(db: Queryable, rows: EventRow[]): Promise<EventView[]> {
  const merchants = await merchantsOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    title: r.title,
    description: r.description,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    townId: Number(r.town_id),
    townName: r.town_name,
    place: r.place,
    organizerName: r.organizer_name,
    merchants: merchants.filter((m) => Number(m.event_id) === Number(r.id)).map((m) => ({ organizationId: Number(m.organization_id), name: m.name })),
    organizationId: Number(r.organization_id),
    status: r.status,
    results:
      r.results_reported_at === null
        ? null
        : {
            visitors: r.visitors ?? 0,
            salesFen: Number(r.sales_fen ?? 0),
            subsidiesRedeemedFen: Number(r.subsidies_redeemed_fen ?? 0),
            subsidiesRedeemedCount: r.subsidies_redeemed_count ?? 0,
            reportedAt: r.results_reported_at,
          },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function loadEvent(db: Queryable, id: number): Promise<EventView> {
  const rows = await eventBase(db).where('e.id', '=', id).execute();
  const [view] = await toViews(db, rows);
  if (!view) throw notFound();
  return view;
}

/** Town and merchants must be what they say: a town organisation, and active enterprises. */
async function checkReferences(db: Queryable, input: EventInput) {
  const issues: FieldIssue[] = [];
  if (input.endsOn < input.startsOn) issues.push({ path: 'endsOn', reason: 'field.cartradein.windowOrder' });
  const town = await db.selectFrom('organizations').select('kind').where('id', '=', input.townId).executeTakeFirst();
  if (!town || town.kind !== 'town') issues.push({ path: 'townId', reason: 'field.town.unknown' });
  const ids = [...new Set(input.merchantIds)];
  if (ids.length) {
    const ok = new Set(
      (await db.selectFrom('organizations').select('id').where('id', 'in', ids).where('kind', '=', 'enterprise').where('status', '=', 'active').execute()).map(
        (r) => Number(r.id),
      ),
    );
    input.merchantIds.forEach((m, i) => {
      if (!ok.has(m)) issues.push({ path: `merchantIds.${i}`, reason: 'field.cartradein.notAnEnterprise' });
    });
  }
  if (issues.length) throw new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, issues);
}

async function writeMerchants(tx: Tx, eventId: number, merchantIds: number[]) {
  await tx.deleteFrom('cartradein_event_merchants').where('event_id', '=', eventId).execute();
  const ids = [...new Set(merchantIds)];
  if (ids.length)
    await tx
      .insertInto('cartradein_event_merchants')
      .values(ids.map((organization_id) => ({ event_id: eventId, organization_id })))
      .execute();
}

export async function createPromotionEvent(deps: AppDeps, ctx: RequestContext, input: EventInput): Promise<EventView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, promotionEventPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'cartradein') });
    if (ctx.actor.organizationId === null) throw fieldError('organizationId', 'field.organization.unknown');
    await checkReferences(tx, input);
    const now = nowIso();
    const row = await tx
      .insertInto('cartradein_events')
      .values({
        type: input.type,
        title: input.title,
        description: input.description ?? null,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        town_id: input.townId,
        place: input.place,
        organization_id: ctx.actor.organizationId,
        status: 'planned',
        visitors: null,
        sales_fen: null,
        subsidies_redeemed_fen: null,
        subsidies_redeemed_count: null,
        results_reported_at: null,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await writeMerchants(tx, id, input.merchantIds);
    await appendAudit(tx, ctx, { entity: 'cartradein_event', entityId: id, action: 'create', after: input });
    return id;
  });
  return loadEvent(deps.database.db, id);
}

async function loadForChange(tx: Tx, ctx: RequestContext, id: number, action: 'update' | 'reportResults' | 'cancel') {
  const e = await tx.selectFrom('cartradein_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) throw notFound();
  authorize(ctx.actor, promotionEventPolicy, action, { grants: await grantsOf(tx, ctx.actor, 'cartradein'), organization_id: Number(e.organization_id) }, id);
  return e;
}

export async function updatePromotionEvent(deps: AppDeps, ctx: RequestContext, id: number, input: EventInput): Promise<EventView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForChange(tx, ctx, id, 'update');
    if (before.status === 'cancelled') throw invalidState(before.status);
    await checkReferences(tx, input);
    await tx
      .updateTable('cartradein_events')
      .set({
        type: input.type,
        title: input.title,
        description: input.description ?? null,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        town_id: input.townId,
        place: input.place,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await writeMerchants(tx, id, input.merchantIds);
    await appendAudit(tx, ctx, { entity: 'cartradein_event', entityId: id, action: 'update', before, after: input });
  });
  return loadEvent(deps.database.db, id);
}

/** Results are reported once the event has started (and may be corrected later); the event then counts as held. */
export async function reportPromotionEventResults(deps: AppDeps, ctx: RequestContext, id: number, input: EventResultsInput): Promise<EventView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForChange(tx, ctx, id, 'reportResults');
    if (before.status === 'cancelled') throw invalidState(before.status);
    if (before.starts_on > shanghaiDate()) throw new AppError(409, 'EVENT_NOT_STARTED', 'error.EVENT_NOT_STARTED', { startsOn: before.starts_on });
    const now = nowIso();
    await tx
      .updateTable('cartradein_events')
      .set({
        status: 'held',
        visitors: input.visitors,
        sales_fen: input.salesFen,
        subsidies_redeemed_fen: input.subsidiesRedeemedFen,
        subsidies_redeemed_count: input.subsidiesRedeemedCount,
        results_reported_at: now,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, {
      entity: 'cartradein_event',
      entityId: id,
      action: 'reportResults',
      before: { status: before.status, visitors: before.visitors, salesFen: before.sales_fen, subsidiesRedeemedFen: before.subsidies_redeemed_fen },
      after: input,
    });
  });
  return loadEvent(deps.database.db, id);
}

export async function cancelPromotionEvent(deps: AppDeps, ctx: RequestContext, id: number): Promise<EventView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForChange(tx, ctx, id, 'cancel');
    // A held event happened; cancelling it would rewrite the record the metrics count.
    if (before.status !== 'planned') throw invalidState(before.status);
    await tx.updateTable('cartradein_events').set({ status: 'cancelled', updated_at: nowIso() }).where('id', '=', id).execute();
    await appendAudit(tx, ctx, {
      entity: 'cartradein_event',
      entityId: id,
      action: 'cancel',
      before: { status: before.status },
      after: { status: 'cancelled' },
    });
  });
  return loadEvent(deps.database.db, id);
}

export async function getPromotionEvent(deps: AppDeps, ctx: RequestContext, id: number): Promise<EventView> {
  authorize(ctx.actor, promotionEventPolicy, 'read');
  return loadEvent(deps.database.db, id);
}

/** Events overlapping [from, to]. */
function inWindow<Q extends ReturnType<typeof eventBase>>(q: Q, from: string, to: string): Q {
  return q.where('e.ends_on', '>=', from).where('e.starts_on', '<=', to) as Q;
}

export async function listPromotionEvents(deps: AppDeps, ctx: RequestContext, q: ListEventsQuery): Promise<EventView[]> {
  authorize(ctx.actor, promotionEventPolicy, 'list');
  const db = deps.database.db;
  const from = q.from ?? '0000-01-01';
  const to = q.to ?? '9999-12-31';
  let base = inWindow(eventBase(db), from, to);
  if (q.townId) base = base.where('e.town_id', '=', q.townId);
  if (q.type) base = base.where('e.type', '=', q.type);
  if (q.status) base = base.where('e.status', '=', q.status);
  if (q.mine === 'true') {
    const org = ctx.actor.organizationId ?? -1;
    base = base.where((eb) =>
      eb.or([
        eb('e.organization_id', '=', org),
        eb.exists(
          eb.selectFrom('cartradein_event_merchants as m').select('m.event_id').whereRef('m.event_id', '=', 'e.id').where('m.organization_id', '=', org),
        ),
      ]),
    );
  }
  const rows = await base.orderBy('e.starts_on').orderBy('e.id').limit(1000).execute();
  return toViews(db, rows);
}

/** The public calendar: upcoming and running events, not cancelled, without results. No login. */
export async function promotionEventCalendar(
  deps: AppDeps,
  ctx: RequestContext,
  q: { from?: string | undefined; to?: string | undefined; townId?: number | undefined; type?: EventView['type'] | undefined },
) {
  authorize(ctx.actor, promotionEventPolicy, 'calendar');
  const db = deps.database.db;
  const from = q.from ?? shanghaiDate();
  const to = q.to ?? addDays(from, 90);
  let base = inWindow(eventBase(db), from, to).where('e.status', '!=', 'cancelled');
  if (q.townId) base = base.where('e.town_id', '=', q.townId);
  if (q.type) base = base.where('e.type', '=', q.type);
  const rows = await base.orderBy('e.starts_on').orderBy('e.id').limit(500).execute();
  return (await toViews(db, rows)).map(({ id, type, title, description, startsOn, endsOn, townId, townName, place, organizerName, merchants }) => ({
    id,
    type,
    title,
    description,
    startsOn,
    endsOn,
    townId,
    townName,
    place,
    organizerName,
    merchants,
  }));
}
