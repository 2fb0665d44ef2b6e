import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, fieldError, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { enter, move, type MoveInput, type Moved, type WorkflowNotification } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { DATA_BEARING_CATEGORIES, isFurniture, type PickupStatus, type RecyclingCategory } from '../../../../shared/enums/recycling.js';
import { grantsOf } from '../../platform/grants/service.js';
import { notifyManagers } from '../../platform/grants/notifyManagers.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { pickupPolicy } from '../policies/pickup.js';
import { certificatesOfPickup, issueCertificates } from '../certificates/service.js';
import { selectPickups, servedTowns, servesPickup, servingOrganizations, toPickupView, type PickupRow } from './queries.js';
import type { BookPickupInput, CompletePickupInput } from './schema.js';
import { pickupWorkflow, type PickupAction } from './workflow.js';

const MAX_UNITS = 50;
const HOUR_MS = 3600_000;

async function loadPickup(tx: Tx, id: number): Promise<PickupRow> {
  const p = await selectPickups(tx).where('p.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  return p;
}

async function checkWindow(deps: AppDeps, window: { from: string; to: string }, path = 'window'): Promise<{ from: string; to: string }> {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const days = await deps.parameters.get('recycling.pickupMaxDaysAhead');
  const issues: FieldIssue[] = [];
  if (from <= Date.now()) issues.push({ path: `${path}.from`, reason: 'field.recycling.windowInPast' });
  if (to <= from) issues.push({ path: `${path}.to`, reason: 'field.recycling.windowOrder' });
  if (to > Date.now() + days * 24 * HOUR_MS) issues.push({ path: `${path}.to`, reason: 'field.recycling.windowTooFar', params: { days } });
  if (issues.length) throw badRequest(issues);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The resident and, where it has one, the assigned recycler hear of every move; each key names the timeline entry. */
function notices(p: PickupRow, kind: string, params: Record<string, string | number>, toRecycler: boolean) {
  return (m: Moved<PickupStatus>): WorkflowNotification[] => {
    const base = { kind, params: { id: Number(p.id), ...params }, dedupeKey: `recycling:pickup:${p.id}:timeline:${m.timelineId}` };
    const list: WorkflowNotification[] = [
      { ...base, userId: Number(p.resident_user_id), link: '/recycling/pickups/mine', dedupeKey: `${base.dedupeKey}:resident` },
    ];
    if (toRecycler && p.recycler_organization_id !== null)
      list.push({
        ...base,
        userId: null,
        organizationId: Number(p.recycler_organization_id),
        link: '/recycling/pickups/recycler',
        dedupeKey: `${base.dedupeKey}:recycler`,
      });
    return list;
  };
}

type PickupMove = Omit<MoveInput<'recycling_pickups', PickupAction>, 'id' | 'action' | 'from'>;

async function moveTo(tx: Tx, ctx: RequestContext, p: PickupRow, action: PickupAction, rec: PickupMove) {
  return move(tx, ctx, pickupWorkflow, { id: Number(p.id), action, from: p.status, ...rec });
}

/** A resident books a pickup: items by category, address, town and a window within the booking horizon. */
export async function bookPickup(deps: AppDeps, ctx: RequestContext, input: BookPickupInput): Promise<{ id: number; status: 'booked' }> {
  authorize(ctx.actor, pickupPolicy, 'book');
  const window = await checkWindow(deps, input.window);
  const furniture = input.items.map((i) => isFurniture(i.category));
  if (furniture.some(Boolean) && !furniture.every(Boolean)) throw fieldError('items', 'field.recycling.mixedFurniture');
  const route = furniture[0] ? 'bulky' : 'standard';
  const id = await inTransaction(deps.database, async (tx) => {
    const town = await tx.selectFrom('organizations').select(['id', 'name']).where('id', '=', input.townId).where('kind', '=', 'town').executeTakeFirst();
    if (!town) throw fieldError('townId', 'field.recycling.notATown');
    for (const [i, item] of input.items.entries())
      for (const [j, photo] of (item.photos ?? []).entries()) {
        const a = await tx.selectFrom('attachments').select(['mime_type', 'uploaded_by']).where('id', '=', photo).executeTakeFirst();
        if (!a || Number(a.uploaded_by) !== ctx.actor.userId || !a.mime_type.startsWith('image/'))
          throw fieldError(`items.${i}.photos.${j}`, 'field.recycling.photoInvalid');
      }
    const now = nowIso();
    const row = await tx
      .insertInto('recycling_pickups')
      .values({
        resident_user_id: ctx.actor.userId!,
        route,
        items_json: JSON.stringify(input.items),
        address: input.address,
        town_id: input.townId,
        window_from: window.from,
        window_to: window.to,
        status: 'booked',
        recycler_organization_id: null,
        accepted_by: null,
        accepted_at: null,
        handed_items_json: null,
        price_paid_fen: null,
        wipe_method: null,
        wipe_by: null,
        wiped_at: null,
        completed_by: null,
        completed_at: null,
        rating: null,
        open_since: now,
        escalated_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pid = Number(row.id);
    const recyclers = await servingOrganizations(tx, { town_id: input.townId, route });
    await enter(tx, ctx, pickupWorkflow, {
      id: pid,
      action: 'book',
      params: { items: input.items.map((i) => ({ category: i.category, count: i.count })), window },
      audit: { after: { townId: input.townId, route } },
      notify: (m) => [
        {
          userId: ctx.actor.userId,
          kind: 'recycling_pickup_booked',
          params: { id: pid },
          link: '/recycling/pickups/mine',
          dedupeKey: `recycling:pickup:${pid}:timeline:${m.timelineId}:resident`,
        },
        ...recyclers.map((organizationId) => ({
          userId: null,
          organizationId,
          kind: 'recycling_pickup_new',
          params: { id: pid, town: town.name, from: window.from },
          link: '/recycling/pickups/recycler',
          dedupeKey: `recycling:pickup:${pid}:new:${organizationId}`,
        })),
      ],
    });
    return pid;
  });
  return { id, status: 'booked' };
}

type Paging = { page: number; pageSize: number; status?: PickupStatus | undefined };

async function pageOf(deps: AppDeps, ctx: RequestContext, base: ReturnType<typeof selectPickups>, q: Paging, serving = false) {
  const filtered = q.status ? base.where('p.status', '=', q.status) : base;
  const page = await paginate(filtered.clearSelect(), () => filtered.orderBy('p.id', 'desc'), q);
  return { ...page, items: await Promise.all(page.items.map((p) => toPickupView(deps, ctx.actor, p, serving))) };
}

export async function listMyPickups(deps: AppDeps, ctx: RequestContext, q: Paging) {
  authorize(ctx.actor, pickupPolicy, 'listMine');
  return pageOf(deps, ctx, selectPickups(deps.database.db).where('p.resident_user_id', '=', ctx.actor.userId!), q);
}

/** Open bookings of the towns the recycler serves, by kind (furniture to the transfer points). */
export async function listOpenPickups(deps: AppDeps, ctx: RequestContext, q: Paging) {
  authorize(ctx.actor, pickupPolicy, 'listOpen');
  const db = deps.database.db;
  const towns = await servedTowns(db, ctx.actor.organizationId ?? -1);
  const base = selectPickups(db)
    .where('p.status', '=', 'booked')
    .where((eb) =>
      eb.or([
        eb.and([eb('p.route', '=', 'standard'), eb('p.town_id', 'in', [-1, ...towns.standard])]),
        eb.and([eb('p.route', '=', 'bulky'), eb('p.town_id', 'in', [-1, ...towns.bulky])]),
      ]),
    );
  return pageOf(deps, ctx, base, { ...q, status: undefined }, true);
}

export async function listAssignedPickups(deps: AppDeps, ctx: RequestContext, q: Paging) {
  authorize(ctx.actor, pickupPolicy, 'listAssigned');
  return pageOf(deps, ctx, selectPickups(deps.database.db).where('p.recycler_organization_id', '=', ctx.actor.organizationId ?? -1), q);
}

/** Every booking, for 市商务局, the office and auditors (escalations and disputes). */
export async function listAllPickups(deps: AppDeps, ctx: RequestContext, q: Paging) {
  authorize(ctx.actor, pickupPolicy, 'listAll', { grants: await grantsOf(deps.database.db, ctx.actor, 'recycling') });
  return pageOf(deps, ctx, selectPickups(deps.database.db), q);
}

export async function getPickup(deps: AppDeps, ctx: RequestContext, id: number) {
  const db = deps.database.db;
  const p = await selectPickups(db).where('p.id', '=', id).executeTakeFirst();
  if (!p) throw notFound();
  const serving = await servesPickup(db, ctx.actor, p);
  authorize(ctx.actor, pickupPolicy, 'read', { ...p, servedByActor: serving, grants: await grantsOf(db, ctx.actor, 'recycling') }, id);
  const timeline = (await timelineOf(db, pickupWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
    reasons: e.reasons,
  }));
  return {
    ...(await toPickupView(deps, ctx.actor, p, serving)),
    timeline,
    certificates: await certificatesOfPickup(db, { id, residentUserId: Number(p.resident_user_id) }),
  };
}

/**
 * A recycler serving the town takes the booking. The kernel's `UPDATE … WHERE status = 'booked'` decides between
 * two recyclers accepting at once: one moves it, the other gets 409 INVALID_STATE.
 */
export async function acceptPickup(deps: AppDeps, ctx: RequestContext, id: number) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'accept', { servedByActor: await servesPickup(tx, ctx.actor, p) }, id);
    const org = await tx.selectFrom('organizations').select('name').where('id', '=', ctx.actor.organizationId!).executeTakeFirstOrThrow();
    await moveTo(tx, ctx, p, 'accept', {
      set: { recycler_organization_id: ctx.actor.organizationId, accepted_by: ctx.actor.userId, accepted_at: nowIso() },
      organizationId: ctx.actor.organizationId,
      notify: notices(p, 'recycling_pickup_accepted', { recycler: org.name, from: p.window_from }, false),
    });
  });
  return getPickup(deps, ctx, id);
}

/**
 * The assigned recycler records what was handed in and what it paid, with the data-wiping record for devices
 * holding personal data, and issues one certificate per unit.
 */
export async function completePickup(deps: AppDeps, ctx: RequestContext, id: number, input: CompletePickupInput) {
  return inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'complete', p, id);
    const issues: FieldIssue[] = [];
    for (const [i, item] of input.items.entries())
      if (item.serialNumber !== undefined && item.count !== 1) issues.push({ path: `items.${i}.serialNumber`, reason: 'field.recycling.serialOneUnit' });
    const units = input.items.reduce((n, i) => n + i.count, 0);
    if (units > MAX_UNITS) issues.push({ path: 'items', reason: 'field.recycling.tooManyUnits', params: { max: MAX_UNITS } });
    const needsWipe = input.items.some((i) => DATA_BEARING_CATEGORIES.includes(i.category as RecyclingCategory));
    if (needsWipe && !input.dataWipe) issues.push({ path: 'dataWipe', reason: 'field.recycling.dataWipeRequired' });
    if (input.dataWipe && Date.parse(input.dataWipe.at) > Date.now() + 5 * 60_000) issues.push({ path: 'dataWipe.at', reason: 'field.recycling.wipeInFuture' });
    if (issues.length) throw badRequest(issues);
    const wipe = input.dataWipe;
    await moveTo(tx, ctx, p, 'complete', {
      set: {
        handed_items_json: JSON.stringify(input.items),
        price_paid_fen: input.pricePaidFen,
        wipe_method: wipe?.method ?? null,
        wipe_by: wipe?.by ?? null,
        wiped_at: wipe ? new Date(wipe.at).toISOString() : null,
        completed_by: ctx.actor.userId,
        completed_at: nowIso(),
      },
      organizationId: ctx.actor.organizationId,
      params: { units, pricePaidFen: input.pricePaidFen, dataWiped: wipe !== undefined },
      notify: notices(p, 'recycling_pickup_completed', { count: units }, false),
    });
    const numbers = await issueCertificates(
      tx,
      { id, recyclerOrganizationId: ctx.actor.organizationId!, residentUserId: Number(p.resident_user_id) },
      input.items.flatMap((i) => Array.from({ length: i.count }, () => ({ category: i.category, serialNumber: i.serialNumber ?? null }))),
    );
    return { certificateNumber: numbers[0]!, certificateNumbers: numbers };
  });
}

export async function noShowPickup(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'noShow', p, id);
    await moveTo(tx, ctx, p, 'noShow', {
      reasons: [reason],
      organizationId: ctx.actor.organizationId,
      notify: notices(p, 'recycling_pickup_no_show', { reasons: reason }, false),
    });
  });
  return getPickup(deps, ctx, id);
}

export async function confirmPickup(deps: AppDeps, ctx: RequestContext, id: number, input: { rating: number; comment?: string | undefined }) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'confirm', p, id);
    await moveTo(tx, ctx, p, 'confirm', {
      set: { rating: input.rating },
      note: input.comment ?? null,
      params: { rating: input.rating },
      notify: notices(p, 'recycling_pickup_confirmed', { rating: input.rating }, true),
    });
  });
  return getPickup(deps, ctx, id);
}

/** The resident disputes a completed pickup: the recycler and 市商务局 (recycling managers and the office) are told. */
export async function disputePickup(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'dispute', p, id);
    const moved = await moveTo(tx, ctx, p, 'dispute', { reasons: [reason], notify: notices(p, 'recycling_pickup_disputed', { reasons: reason }, true) });
    await notifyManagers(tx, 'recycling', {
      kind: 'recycling_pickup_disputed',
      params: { id, reasons: reason },
      link: '/recycling/pickups/all',
      dedupeKey: `recycling:pickup:${id}:timeline:${moved.timelineId}:managers`,
    });
  });
  return getPickup(deps, ctx, id);
}

export async function cancelPickup(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'cancel', p, id);
    await moveTo(tx, ctx, p, 'cancel', { reasons: [reason], notify: notices(p, 'recycling_pickup_cancelled', { reasons: reason }, true) });
  });
  return getPickup(deps, ctx, id);
}

/** A new window; after a no-show the booking is open again to every recycler serving the town. */
export async function reschedulePickup(deps: AppDeps, ctx: RequestContext, id: number, input: { window: { from: string; to: string }; reason: string }) {
  const window = await checkWindow(deps, input.window);
  await inTransaction(deps.database, async (tx) => {
    const p = await loadPickup(tx, id);
    authorize(ctx.actor, pickupPolicy, 'reschedule', p, id);
    const reopen = p.status === 'no_show';
    await moveTo(tx, ctx, p, 'reschedule', {
      set: {
        window_from: window.from,
        window_to: window.to,
        ...(reopen ? { recycler_organization_id: null, accepted_by: null, accepted_at: null, escalated_at: null, open_since: nowIso() } : {}),
      },
      reasons: [input.reason],
      params: { window, before: { from: p.window_from, to: p.window_to } },
      notify: notices(p, 'recycling_pickup_rescheduled', { from: window.from, reasons: input.reason }, true),
    });
  });
  return getPickup(deps, ctx, id);
}
