import type { Selectable } from 'kysely';
import type { Actor } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { actionsFrom } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import type { RecyclingPickupTable } from './tables.js';
import type { PickupView } from './schema.js';
import { pickupWorkflow, type PickupAction } from './workflow.js';

export type PickupRow = Selectable<RecyclingPickupTable> & { town_name: string; recycler_name: string | null };

/**
 * Which towns a recycler serves, by the kind of booking: a recycler serves the towns where it operates a recycling
 * site (status operating) — a bulky-furniture transfer point for furniture bookings, any other kind of site for the
 * rest. Suspended, closed or banned sites serve nobody.
 */
export async function servedTowns(db: Queryable, organizationId: number): Promise<{ standard: number[]; bulky: number[] }> {
  const rows = await db
    .selectFrom('recycling_sites')
    .select(['town_id', 'kind'])
    .distinct()
    .where('operator_organization_id', '=', organizationId)
    .where('status', '=', 'operating')
    .execute();
  const of = (bulky: boolean) => [...new Set(rows.filter((r) => (r.kind === 'bulky_transfer') === bulky).map((r) => Number(r.town_id)))];
  return { standard: of(false), bulky: of(true) };
}

export async function servesPickup(db: Queryable, actor: Actor, p: { town_id: number; route: 'standard' | 'bulky' }): Promise<boolean> {
  if (actor.role !== 'recycler' || actor.organizationId === null) return false;
  const towns = await servedTowns(db, actor.organizationId);
  return towns[p.route].includes(Number(p.town_id));
}

/** The recyclers to tell of a new booking: those operating a site of the right kind in its town. */
export async function servingOrganizations(db: Queryable, p: { town_id: number; route: 'standard' | 'bulky' }): Promise<number[]> {
  let q = db
    .selectFrom('recycling_sites')
    .select('operator_organization_id')
    .distinct()
    .where('town_id', '=', p.town_id)
    .where('status', '=', 'operating')
    .where('operator_organization_id', 'is not', null);
  q = p.route === 'bulky' ? q.where('kind', '=', 'bulky_transfer') : q.where('kind', '<>', 'bulky_transfer');
  return (await q.execute()).map((r) => Number(r.operator_organization_id));
}

export function selectPickups(db: Queryable) {
  return db
    .selectFrom('recycling_pickups as p')
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .leftJoin('organizations as r', 'r.id', 'p.recycler_organization_id')
    .selectAll('p')
    .select(['t.name as town_name', 'r.name as recycler_name']);
}

/** The actions of the workflow the actor may take on the booking now (the page shows these buttons). */
function actionsFor(actor: Actor, p: PickupRow, serving: boolean): PickupAction[] {
  const mine = actor.role === 'resident' && actor.userId === Number(p.resident_user_id);
  const assigned = actor.role === 'recycler' && actor.organizationId !== null && actor.organizationId === Number(p.recycler_organization_id);
  const allowed: Record<PickupAction, boolean> = {
    book: false,
    escalate: false,
    accept: serving && p.recycler_organization_id === null,
    complete: assigned,
    noShow: assigned,
    confirm: mine,
    dispute: mine,
    cancel: mine,
    reschedule: mine,
  };
  return actionsFrom(pickupWorkflow, p.status).filter((a) => allowed[a]);
}

export async function toPickupView(deps: AppDeps, actor: Actor, p: PickupRow, serving = false): Promise<PickupView> {
  const assigned = actor.role === 'recycler' && actor.organizationId === Number(p.recycler_organization_id);
  let contact: PickupView['contact'] = null;
  if (assigned && p.status === 'accepted') {
    const u = await deps.database.db.selectFrom('users').select(['display_name', 'mobile_enc']).where('id', '=', p.resident_user_id).executeTakeFirst();
    if (u) contact = { name: u.display_name, mobile: u.mobile_enc ? deps.sealer.open(u.mobile_enc) : null };
  }
  return {
    id: Number(p.id),
    status: p.status,
    route: p.route,
    items: JSON.parse(p.items_json) as PickupView['items'],
    address: p.address,
    townId: Number(p.town_id),
    townName: p.town_name,
    window: { from: p.window_from, to: p.window_to },
    recyclerOrganizationId: p.recycler_organization_id === null ? null : Number(p.recycler_organization_id),
    recyclerName: p.recycler_name,
    acceptedAt: p.accepted_at,
    handedItems: p.handed_items_json === null ? null : (JSON.parse(p.handed_items_json) as NonNullable<PickupView['handedItems']>),
    pricePaidFen: p.price_paid_fen === null ? null : Number(p.price_paid_fen),
    dataWipe: p.wipe_method && p.wipe_by && p.wiped_at ? { method: p.wipe_method, by: p.wipe_by, at: p.wiped_at } : null,
    completedAt: p.completed_at,
    rating: p.rating,
    escalated: p.escalated_at !== null,
    createdAt: p.created_at,
    contact,
    actions: actionsFor(actor, p, serving),
  };
}
