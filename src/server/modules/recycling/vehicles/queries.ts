import { sql, type Selectable } from 'kysely';
import type { Actor, RequestContext } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate } from '../../../http/pagination.js';
import {
  ASSEMBLY_DESTINATIONS,
  SCRAPPED_VEHICLE_STATUSES,
  type AssemblyDestination,
  type ScrappedVehicleStatus,
} from '../../../../shared/enums/recyclingVehicles.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { scrappedVehiclePolicy } from '../policies/vehicle.js';
import type { ExportVehiclesQuery, VehicleDetailView, VehicleListQuery, VehicleView } from './schema.js';
import type { ScrappedVehicleAssemblyTable, ScrappedVehicleTable } from './tables.js';
import { scrappedVehicleWorkflow } from './workflow.js';

export type VehicleRow = Selectable<ScrappedVehicleTable> & { dismantler_name: string; town_name: string };

/** No organisation or user has this id: filters an actor without one down to nothing. */
const NOBODY = -1;

export function selectVehicles(db: Queryable) {
  return db
    .selectFrom('recycling_scrapped_vehicles as v')
    .innerJoin('organizations as d', 'd.id', 'v.dismantler_organization_id')
    .innerJoin('organizations as t', 't.id', 'v.town_id')
    .selectAll('v')
    .select(['d.name as dismantler_name', 't.name as town_name']);
}

/** The keyed hash of the signed-in resident's ID number (what a vehicle's owner is found by), or null. */
export async function actorIdHash(db: Queryable, actor: Actor): Promise<string | null> {
  if (actor.role !== 'resident' || actor.userId === null) return null;
  const u = await db.selectFrom('users').select('id_number_hash').where('id', '=', actor.userId).executeTakeFirst();
  return u?.id_number_hash ?? null;
}

export const policyRecord = (grants: Grants, v: { dismantler_organization_id: number }, ownedByActor = false) => ({
  grants,
  dismantler_organization_id: Number(v.dismantler_organization_id),
  ownedByActor,
});

const STEP_ACTIONS = ['issueCertificate', 'dismantle', 'deregister', 'correct', 'withdraw'] as const;

function actionsOn(actor: Actor, grants: Grants, v: VehicleRow): VehicleView['actions'] {
  const rec = policyRecord(grants, v);
  return STEP_ACTIONS.filter(
    (a) =>
      canMove(scrappedVehicleWorkflow, v.status, a) &&
      scrappedVehiclePolicy.can(actor, a === 'correct' ? 'correct' : a === 'withdraw' ? 'withdraw' : 'advance', rec),
  );
}

export function toVehicleView(v: VehicleRow, actor: Actor, grants: Grants): VehicleView {
  return {
    id: Number(v.id),
    dismantlerOrganizationId: Number(v.dismantler_organization_id),
    dismantlerName: v.dismantler_name,
    townId: Number(v.town_id),
    townName: v.town_name,
    vin: v.vin,
    plate: v.plate,
    owner: { kind: v.owner_kind, name: v.owner_name, idNumberMask: v.owner_id_mask, creditCode: v.owner_credit_code },
    emissionStandard: v.emission_standard,
    fuelType: v.fuel_type,
    registeredOn: v.registered_on,
    receivedOn: v.received_on,
    certificateNumber: v.certificate_number,
    certificateIssuedOn: v.certificate_issued_on,
    dismantledOn: v.dismantled_on,
    deregisteredOn: v.deregistered_on,
    status: v.status,
    withdrawnReason: v.withdrawn_reason,
    version: Number(v.version),
    isDemo: Number(v.is_demo) === 1,
    createdAt: v.created_at,
    actions: actionsOn(actor, grants, v),
  };
}

const SORT_COLUMNS = {
  receivedOn: 'v.received_on',
  createdAt: 'v.created_at',
  vin: 'v.vin',
  plate: 'v.plate',
  deregisteredOn: 'v.deregistered_on',
} as const;

/** A dismantler sees its own vehicles; supervisors every one (and may filter by dismantler and town). */
function filtered(db: Queryable, actor: Actor, grants: Grants, q: ExportVehiclesQuery) {
  let base = selectVehicles(db);
  if (!scrappedVehiclePolicy.can(actor, 'listAll', { grants })) base = base.where('v.dismantler_organization_id', '=', actor.organizationId ?? NOBODY);
  if (q.status) base = base.where('v.status', '=', q.status);
  if (q.dismantlerId) base = base.where('v.dismantler_organization_id', '=', q.dismantlerId);
  if (q.townId) base = base.where('v.town_id', '=', q.townId);
  if (q.from) base = base.where('v.received_on', '>=', q.from);
  if (q.to) base = base.where('v.received_on', '<=', q.to);
  if (q.q) {
    // VINs, plates and certificate numbers are stored upper case: the search is too, on either database.
    const p = likePattern(q.q.replace(/\s+/g, '').toUpperCase());
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('v.vin')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('v.plate')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('v.certificate_number')} like ${p} escape '\\'`,
      ]),
    );
  }
  return base;
}

export async function listVehicles(deps: AppDeps, ctx: RequestContext, q: VehicleListQuery) {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  authorize(ctx.actor, scrappedVehiclePolicy, 'list', { grants });
  const column = SORT_COLUMNS[q.sort ?? 'receivedOn'];
  const page = await paginate(filtered(db, ctx.actor, grants, q), (b) => b.orderBy(column, q.order).orderBy('v.id', q.order), q);
  return { ...page, items: page.items.map((r) => toVehicleView(r, ctx.actor, grants)) };
}

export type ExportRow = VehicleView & { assemblies: Partial<Record<string, { destination: AssemblyDestination; on: string; recipient: string | null }>> };

/** Every vehicle matching the filters with its assemblies, for the register's Excel export (20,000 rows at most). */
export async function exportVehicles(deps: AppDeps, ctx: RequestContext, q: ExportVehiclesQuery): Promise<ExportRow[]> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  authorize(ctx.actor, scrappedVehiclePolicy, 'export', { grants });
  const column = SORT_COLUMNS[q.sort ?? 'receivedOn'];
  const rows = await filtered(db, ctx.actor, grants, q)
    .orderBy(column, q.sort ? q.order : 'asc')
    .orderBy('v.id')
    .limit(20_000)
    .execute();
  const byVehicle = new Map<number, ExportRow['assemblies']>();
  // In slices, so the IN list stays within every database's parameter limit.
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => Number(r.id));
    const parts = await db.selectFrom('recycling_scrapped_vehicle_assemblies').selectAll().where('vehicle_id', 'in', ids).execute();
    for (const p of parts) {
      const m = byVehicle.get(Number(p.vehicle_id)) ?? {};
      m[p.assembly] = { destination: p.destination, on: p.on_date, recipient: p.recipient };
      byVehicle.set(Number(p.vehicle_id), m);
    }
  }
  return rows.map((r) => ({ ...toVehicleView(r, ctx.actor, grants), assemblies: byVehicle.get(Number(r.id)) ?? {} }));
}

const assemblyView = (a: Selectable<ScrappedVehicleAssemblyTable>) => ({
  assembly: a.assembly,
  destination: a.destination,
  recipient: a.recipient,
  on: a.on_date,
});

export async function getVehicle(deps: AppDeps, ctx: RequestContext, id: number): Promise<VehicleDetailView> {
  const db = deps.database.db;
  const v = await selectVehicles(db).where('v.id', '=', id).executeTakeFirst();
  if (!v) throw notFound();
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  const hash = await actorIdHash(db, ctx.actor);
  authorize(ctx.actor, scrappedVehiclePolicy, 'read', policyRecord(grants, v, hash !== null && hash === v.owner_id_hash), id);
  const assemblies = await db
    .selectFrom('recycling_scrapped_vehicle_assemblies')
    .selectAll()
    .where('dismantler_organization_id', '=', Number(v.dismantler_organization_id))
    .where('vehicle_id', '=', id)
    .execute();
  const timeline = (await timelineOf(db, scrappedVehicleWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
    reasons: e.reasons,
    fields: Array.isArray(e.params.fields) ? (e.params.fields as string[]) : [],
  }));
  const order = ['engine', 'steering', 'transmission', 'axles', 'frame'];
  return {
    ...toVehicleView(v, ctx.actor, grants),
    assemblies: assemblies.map(assemblyView).sort((a, b) => order.indexOf(a.assembly) - order.indexOf(b.assembly)),
    timeline,
  };
}

/** The signed-in resident's own vehicles: those whose owner's ID number has the resident's hash. */
export async function listMyVehicles(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, scrappedVehiclePolicy, 'listMine');
  const db = deps.database.db;
  const hash = await actorIdHash(db, ctx.actor);
  const base = selectVehicles(db).where('v.owner_id_hash', '=', hash ?? '');
  const page = await paginate(base.clearSelect(), () => base.orderBy('v.received_on', 'desc').orderBy('v.id', 'desc'), q);
  const items = await Promise.all(
    page.items.map(async (v) => ({
      id: Number(v.id),
      vin: v.vin,
      plate: v.plate,
      dismantlerName: v.dismantler_name,
      status: v.status,
      receivedOn: v.received_on,
      certificateNumber: v.certificate_number,
      certificateIssuedOn: v.certificate_issued_on,
      dismantledOn: v.dismantled_on,
      deregisteredOn: v.deregistered_on,
      isDemo: Number(v.is_demo) === 1,
      timeline: (await timelineOf(db, scrappedVehicleWorkflow, Number(v.id))).map((e) => ({ at: e.at, action: e.action, toStatus: e.toStatus })),
    })),
  );
  return { ...page, items };
}

/** For 市商务局's overview: vehicles by status, by dismantler, and where the dismantled ones' assemblies went. */
export async function vehicleSummary(deps: AppDeps, ctx: RequestContext, q: { from?: string | undefined; to?: string | undefined }) {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  authorize(ctx.actor, scrappedVehiclePolicy, 'listAll', { grants });
  let base = db.selectFrom('recycling_scrapped_vehicles as v').innerJoin('organizations as d', 'd.id', 'v.dismantler_organization_id');
  if (q.from) base = base.where('v.received_on', '>=', q.from);
  if (q.to) base = base.where('v.received_on', '<=', q.to);
  const rows = await base
    .select(['v.dismantler_organization_id', 'd.name', 'v.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['v.dismantler_organization_id', 'd.name', 'v.status'])
    .execute();
  const byStatus = Object.fromEntries(SCRAPPED_VEHICLE_STATUSES.map((s) => [s, 0])) as Record<ScrappedVehicleStatus, number>;
  const dismantlers = new Map<number, { organizationId: number; name: string; received: number; deregistered: number; open: number }>();
  for (const r of rows) {
    const n = Number(r.n);
    byStatus[r.status] += n;
    const id = Number(r.dismantler_organization_id);
    const d = dismantlers.get(id) ?? { organizationId: id, name: r.name, received: 0, deregistered: 0, open: 0 };
    if (r.status !== 'withdrawn') d.received += n;
    if (r.status === 'deregistered') d.deregistered += n;
    else if (r.status !== 'withdrawn') d.open += n;
    dismantlers.set(id, d);
  }
  const parts = await base
    .innerJoin('recycling_scrapped_vehicle_assemblies as a', (j) =>
      j.onRef('a.dismantler_organization_id', '=', 'v.dismantler_organization_id').onRef('a.vehicle_id', '=', 'v.id'),
    )
    .select(['a.destination'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('a.destination')
    .execute();
  const assemblies = Object.fromEntries(ASSEMBLY_DESTINATIONS.map((d) => [d, 0])) as Record<AssemblyDestination, number>;
  for (const p of parts) assemblies[p.destination] = Number(p.n);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    byStatus,
    byDismantler: [...dismantlers.values()].sort((a, b) => b.received - a.received || a.organizationId - b.organizationId),
    assemblies,
  };
}
