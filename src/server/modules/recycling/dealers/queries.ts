import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import type { DealerKind } from '../../../../shared/enums/recyclingDealers.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { creditPolicy } from '../policies/credit.js';
import { dealerPolicy, type DealerRecord } from '../policies/dealer.js';
import { gradesOf } from './credit.js';
import type { ComputedGrade } from './rules.js';
import { DEALER_MOVES, type DealerDetailView, type DealerView, type ListDealersQuery } from './schema.js';
import { dealerWorkflow } from './workflow.js';

/** No organisation has this id: narrows a list to nothing. */
export const NOBODY = -1;

export function dealerBase(db: Queryable) {
  return db
    .selectFrom('recycling_dealers as d')
    .innerJoin('organizations as t', 't.id', 'd.town_id')
    .leftJoin('organizations as o', 'o.id', 'd.organization_id')
    .selectAll('d')
    .select(['t.name as town_name', 'o.name as organization_name']);
}
type DealerBase = ReturnType<typeof dealerBase>;
export type DealerRow = Awaited<ReturnType<DealerBase['execute']>>[number];

export const dealerRecord = (grants: Grants, r: { town_id: number; organization_id: number | null; status: string }): DealerRecord => ({
  grants,
  townId: Number(r.town_id),
  organizationId: r.organization_id === null ? null : Number(r.organization_id),
  active: r.status === 'active',
});

/** A town sees its own town's dealers, an enterprise the ones linked to it; officials and auditors all of them. */
export function visibleDealers<Q extends DealerBase>(q: Q, actor: Actor): Q {
  if (dealerPolicy.can(actor, 'listAll')) return q;
  if (actor.role === 'town') return q.where('d.town_id', '=', actor.organizationId ?? NOBODY) as Q;
  return q.where('d.organization_id', '=', actor.organizationId ?? NOBODY) as Q;
}

export async function kindsOf(db: Queryable, ids: readonly number[]): Promise<Map<number, DealerKind[]>> {
  const out = new Map<number, DealerKind[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('recycling_dealer_kinds')
    .select(['dealer_id', 'kind'])
    .where('dealer_id', 'in', [...ids])
    .orderBy('id')
    .execute();
  for (const r of rows) out.get(Number(r.dealer_id))?.push(r.kind);
  return out;
}

function actionsOn(actor: Actor, grants: Grants, r: DealerRow): DealerView['actions'] {
  const record = dealerRecord(grants, r);
  const out: DealerView['actions'] = [];
  if (r.status !== 'deregistered' && dealerPolicy.can(actor, 'update', record)) out.push('update');
  if (dealerPolicy.can(actor, 'recordTrade', record)) out.push('recordTrade');
  if (r.status !== 'deregistered' && creditPolicy.can(actor, 'recordViolation')) out.push('recordViolation');
  if (dealerPolicy.can(actor, 'move', record)) for (const m of DEALER_MOVES) if (canMove(dealerWorkflow, r.status, m)) out.push(m);
  return out;
}

export function toDealerView(r: DealerRow, kinds: DealerKind[], grade: ComputedGrade, actor: Actor, grants: Grants): DealerView {
  return {
    id: Number(r.id),
    name: r.name,
    creditCode: r.credit_code,
    kinds,
    townId: Number(r.town_id),
    townName: r.town_name,
    address: r.address,
    contactName: r.contact_name,
    contactMobile: r.contact_mobile_mask,
    licenceNumber: r.licence_number,
    organizationId: r.organization_id === null ? null : Number(r.organization_id),
    organizationName: r.organization_name,
    registeredOn: r.registered_on,
    status: r.status,
    statusSince: r.status_since,
    version: Number(r.version),
    isDemo: Number(r.is_demo) === 1,
    grade,
    actions: actionsOn(actor, grants, r),
  };
}

export async function loadDealer(db: Queryable, ctx: RequestContext, id: number): Promise<DealerDetailView> {
  const row = await dealerBase(db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  authorize(ctx.actor, dealerPolicy, 'read', dealerRecord(grants, row), id);
  const [kinds, grades, history, counts] = await Promise.all([
    kindsOf(db, [id]),
    gradesOf(db, [id]),
    timelineOf(db, dealerWorkflow, id),
    db
      .selectFrom('recycling_dealer_trades')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>(eb.case().when('kind', '=', 'cars').then(1).else(0).end()).as('cars'),
        eb.fn.sum<number>('cross_region').as('cross'),
        eb.fn.sum<number>('is_export').as('exported'),
      ])
      .where('dealer_id', '=', id)
      .executeTakeFirst(),
  ]);
  return {
    ...toDealerView(row, kinds.get(id) ?? [], grades.get(id)!, ctx.actor, grants),
    history: history.map((e) => ({ at: e.at, action: e.action, from: e.fromStatus, to: e.toStatus, note: e.note })),
    tradeCounts: {
      total: Number(counts?.total ?? 0),
      usedCars: Number(counts?.cars ?? 0),
      crossRegion: Number(counts?.cross ?? 0),
      export: Number(counts?.exported ?? 0),
    },
  };
}

const SORTS = { name: 'd.name', registeredOn: 'd.registered_on', statusSince: 'd.status_since' } as const;

export function filteredDealers(db: Queryable, actor: Actor, q: Omit<ListDealersQuery, 'page' | 'pageSize'>) {
  let base = visibleDealers(dealerBase(db), actor);
  if (q.status) base = base.where('d.status', '=', q.status);
  if (q.townId) base = base.where('d.town_id', '=', q.townId);
  if (q.kind) {
    const kind = q.kind;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('recycling_dealer_kinds as k').select('k.id').whereRef('k.dealer_id', '=', 'd.id').where('k.kind', '=', kind)),
    );
  }
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('d.name')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('d.credit_code')} like ${p} escape '\\'`]));
  }
  return base;
}

export async function listDealers(deps: AppDeps, ctx: RequestContext, q: ListDealersQuery): Promise<Page<DealerView>> {
  authorize(ctx.actor, dealerPolicy, 'list');
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  const column = SORTS[q.sort ?? 'registeredOn'];
  const page = await paginate(filteredDealers(db, ctx.actor, q), (b) => b.orderBy(column, q.order).orderBy('d.id', q.order), q);
  const ids = page.items.map((r) => Number(r.id));
  const [kinds, grades] = await Promise.all([kindsOf(db, ids), gradesOf(db, ids)]);
  return { ...page, items: page.items.map((r) => toDealerView(r, kinds.get(Number(r.id)) ?? [], grades.get(Number(r.id))!, ctx.actor, grants)) };
}

/** Enterprises a dealer may be linked to (active enterprise organisations). */
export async function dealerOrganizationOptions(deps: AppDeps, ctx: RequestContext, q: { q?: string | undefined }) {
  const db = deps.database.db;
  authorize(ctx.actor, dealerPolicy, 'register', { grants: await grantsOf(db, ctx.actor, 'recycling') });
  let base = db.selectFrom('organizations as o').select(['o.id', 'o.name']).where('o.kind', '=', 'enterprise').where('o.status', '=', 'active');
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => sql<boolean>`${eb.ref('o.name')} like ${p} escape '\\'`);
  }
  const rows = await base.orderBy('o.name').orderBy('o.id').limit(200).execute();
  return rows.map((r) => ({ organizationId: Number(r.id), name: r.name }));
}
