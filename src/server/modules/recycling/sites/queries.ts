import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { recyclingSitePolicy } from '../policies/site.js';
import {
  SITE_MOVES,
  type ExportSitesQuery,
  type ListSitesQuery,
  type PublicSitesQuery,
  type PublicSiteView,
  type SiteDetailView,
  type SiteView,
  type TownSummary,
} from './schema.js';
import { recyclingSiteWorkflow } from './workflow.js';

/** No organisation has this id: filters a recycler without an organisation down to nothing. */
const NOBODY = -1;

export function siteBase(db: Queryable) {
  return db
    .selectFrom('recycling_sites as s')
    .innerJoin('organizations as t', 't.id', 's.town_id')
    .leftJoin('organizations as o', 'o.id', 's.operator_organization_id')
    .selectAll('s')
    .select(['t.name as town_name', 'o.name as operator_name']);
}
type SiteBase = ReturnType<typeof siteBase>;
type SiteRow = Awaited<ReturnType<SiteBase['execute']>>[number];

export const policyRecord = (grants: Grants, r: { town_id: number; operator_organization_id: number | null }) => ({
  grants,
  town_id: Number(r.town_id),
  operator_organization_id: r.operator_organization_id === null ? null : Number(r.operator_organization_id),
});

function actionsOn(actor: Actor, grants: Grants, r: SiteRow): SiteView['actions'] {
  const record = policyRecord(grants, r);
  if (r.status === 'banned') return [];
  const out: SiteView['actions'] = [];
  if (recyclingSitePolicy.can(actor, 'update', record)) out.push('update');
  if (recyclingSitePolicy.can(actor, 'updateOperations', record)) out.push('updateOperations');
  if (recyclingSitePolicy.can(actor, 'move', record)) for (const m of SITE_MOVES) if (canMove(recyclingSiteWorkflow, r.status, m)) out.push(m);
  return out;
}

function toPublic(r: SiteRow): PublicSiteView {
  return {
    id: Number(r.id),
    code: r.code,
    kind: r.kind,
    name: r.name,
    townId: Number(r.town_id),
    townName: r.town_name,
    address: r.address,
    openingHours: r.opening_hours,
    materials: JSON.parse(r.materials_json) as string[],
    latitude: r.latitude === null ? null : Number(r.latitude),
    longitude: r.longitude === null ? null : Number(r.longitude),
    operatorName: r.operator_name,
    contactPhone: r.contact_phone,
    isDemo: Number(r.is_demo) === 1,
  };
}

function toView(r: SiteRow, actor: Actor, grants: Grants): SiteView {
  return {
    ...toPublic(r),
    operatorOrganizationId: r.operator_organization_id === null ? null : Number(r.operator_organization_id),
    contactName: r.contact_name,
    licenceNumber: r.licence_number,
    licenceValidTo: r.licence_valid_to,
    fireSafety: r.fire_safety,
    standardisation: r.standardisation,
    capacityTonnesPerDay: r.capacity_tonnes_per_day === null ? null : Number(r.capacity_tonnes_per_day),
    status: r.status,
    origin: r.origin,
    completedOn: r.completed_on,
    statusSince: r.status_since,
    version: Number(r.version),
    actions: actionsOn(actor, grants, r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A recycler sees the sites it operates; officials and auditors the whole network. */
function visibleTo<Q extends SiteBase>(q: Q, actor: Actor): Q {
  if (recyclingSitePolicy.can(actor, 'listAll')) return q;
  return q.where('s.operator_organization_id', '=', actor.organizationId ?? NOBODY) as Q;
}

export async function loadSite(db: Queryable, ctx: RequestContext, id: number): Promise<SiteDetailView> {
  const row = await siteBase(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  authorize(ctx.actor, recyclingSitePolicy, 'read', policyRecord(grants, row), id);
  const history = (await timelineOf(db, recyclingSiteWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
  }));
  return { ...toView(row, ctx.actor, grants), history };
}

const SORT_COLUMNS = {
  code: 's.code',
  name: 's.name',
  statusSince: 's.status_since',
  completedOn: 's.completed_on',
  createdAt: 's.created_at',
} as const;

function filtered(db: Queryable, actor: Actor, q: ExportSitesQuery) {
  let base = visibleTo(siteBase(db), actor);
  if (q.kind) base = base.where('s.kind', '=', q.kind);
  if (q.status) base = base.where('s.status', '=', q.status);
  if (q.townId) base = base.where('s.town_id', '=', q.townId);
  if (q.operatorId) base = base.where('s.operator_organization_id', '=', q.operatorId);
  if (q.origin) base = base.where('s.origin', '=', q.origin);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('s.name')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('s.code')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('s.address')} like ${p} escape '\\'`,
      ]),
    );
  }
  return base;
}

export async function listSites(deps: AppDeps, ctx: RequestContext, q: ListSitesQuery): Promise<Page<SiteView>> {
  authorize(ctx.actor, recyclingSitePolicy, 'list');
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  const column = SORT_COLUMNS[q.sort ?? 'createdAt'];
  const page = await paginate(filtered(db, ctx.actor, q), (b) => b.orderBy(column, q.order).orderBy('s.id', q.order), q);
  return { ...page, items: page.items.map((r) => toView(r, ctx.actor, grants)) };
}

/** Every site matching the filters (the network is hundreds of sites, not millions), for the Excel export. */
export async function exportSites(deps: AppDeps, ctx: RequestContext, q: ExportSitesQuery): Promise<SiteView[]> {
  authorize(ctx.actor, recyclingSitePolicy, 'export');
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  const column = SORT_COLUMNS[q.sort ?? 'code'];
  const rows = await filtered(db, ctx.actor, q)
    .orderBy(column, q.sort ? q.order : 'asc')
    .orderBy('s.id')
    .limit(20_000)
    .execute();
  return rows.map((r) => toView(r, ctx.actor, grants));
}

/** The public list: operating sites only (planned, suspended, closed and banned ones never appear). No login. */
export async function publicSites(deps: AppDeps, ctx: RequestContext, q: PublicSitesQuery, db: Queryable = deps.database.db): Promise<PublicSiteView[]> {
  authorize(ctx.actor, recyclingSitePolicy, 'publicList');
  let base = siteBase(db).where('s.status', '=', 'operating');
  if (q.townId) base = base.where('s.town_id', '=', q.townId);
  if (q.kind) base = base.where('s.kind', '=', q.kind);
  const rows = await base.orderBy('t.name').orderBy('s.kind').orderBy('s.name').orderBy('s.id').limit(2000).execute();
  return rows.map(toPublic);
}

async function summary(db: Queryable, operatingOnly: boolean): Promise<TownSummary> {
  let q = db
    .selectFrom('recycling_sites as s')
    .innerJoin('organizations as t', 't.id', 's.town_id')
    .select(['s.town_id', 't.name as town_name', 's.kind', 's.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['s.town_id', 't.name', 's.kind', 's.status']);
  if (operatingOnly) q = q.where('s.status', '=', 'operating');
  const rows = await q.execute();
  const towns = new Map<number, TownSummary[number]>();
  for (const r of rows) {
    const id = Number(r.town_id);
    const town = towns.get(id) ?? { townId: id, townName: r.town_name, total: 0, byKind: {}, byStatus: {} };
    const n = Number(r.n);
    town.total += n;
    town.byKind[r.kind] = (town.byKind[r.kind] ?? 0) + n;
    town.byStatus[r.status] = (town.byStatus[r.status] ?? 0) + n;
    towns.set(id, town);
  }
  return [...towns.values()].sort((a, b) => a.townName.localeCompare(b.townName, 'zh-CN') || a.townId - b.townId);
}

/** Town by town, counts by kind and status: every site for officials. */
export async function siteTownSummary(deps: AppDeps, ctx: RequestContext): Promise<TownSummary> {
  authorize(ctx.actor, recyclingSitePolicy, 'export');
  return summary(deps.database.db, false);
}

/** Town by town for the public: operating sites only. */
export async function publicSiteTownSummary(deps: AppDeps, ctx: RequestContext): Promise<TownSummary> {
  authorize(ctx.actor, recyclingSitePolicy, 'publicList');
  return summary(deps.database.db, true);
}

/** Enterprises a registrar may name as operator: active enterprises, recyclers (with a recycler account) first. */
export async function siteOperatorOptions(deps: AppDeps, ctx: RequestContext, q: { q?: string | undefined }) {
  const db = deps.database.db;
  authorize(ctx.actor, recyclingSitePolicy, 'create', { grants: await grantsOf(db, ctx.actor, 'recycling') });
  let base = db
    .selectFrom('organizations as o')
    .select(['o.id', 'o.name'])
    .select((eb) =>
      eb.exists(eb.selectFrom('users as u').select('u.id').whereRef('u.organization_id', '=', 'o.id').where('u.role', '=', 'recycler')).as('is_recycler'),
    )
    .where('o.kind', '=', 'enterprise')
    .where('o.status', '=', 'active');
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => sql<boolean>`${eb.ref('o.name')} like ${p} escape '\\'`);
  }
  const rows = await base.orderBy('o.name').orderBy('o.id').limit(200).execute();
  return rows
    .map((r) => ({ organizationId: Number(r.id), name: r.name, isRecycler: Boolean(Number(r.is_recycler)) }))
    .sort((a, b) => Number(b.isRecycler) - Number(a.isRecycler));
}
