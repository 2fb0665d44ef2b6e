import { sql } from 'kysely';
import type { Actor, RequestContext } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { inspectionPolicy } from '../policies/inspection.js';
import { checklistVersion } from './checklist.js';
import type { ChecklistAnswer } from './checklist.js';
import type { InspectionDetailView, InspectionView, ListInspectionsQuery, ListRectificationsQuery, RectificationView } from './schema.js';
import { rectificationWorkflow } from './workflow.js';

/** No organisation has this id. */
const NOBODY = -1;

export function inspectionBase(db: Queryable) {
  return db
    .selectFrom('recycling_inspections as i')
    .innerJoin('recycling_sites as s', 's.id', 'i.site_id')
    .innerJoin('organizations as t', 't.id', 'i.town_id')
    .innerJoin('organizations as u', 'u.id', 'i.inspector_organization_id')
    .leftJoin('recycling_rectifications as r', 'r.inspection_id', 'i.id');
}
type InspectionBase = ReturnType<typeof inspectionBase>;

/** Officials and auditors see every inspection, a town its own town's, an operator its own sites'. */
function inspectionsVisibleTo(q: InspectionBase, actor: Actor): InspectionBase {
  if (actor.role === 'office' || actor.role === 'department' || actor.role === 'auditor') return q;
  if (actor.role === 'town') return q.where('i.town_id', '=', actor.organizationId ?? NOBODY);
  if (actor.role === 'recycler' || actor.role === 'enterprise') return q.where('s.operator_organization_id', '=', actor.organizationId ?? NOBODY);
  return q.where(sql<boolean>`1 = 0`);
}

const selectInspection = (q: InspectionBase) =>
  q
    .selectAll('i')
    .select([
      's.name as site_name',
      's.code as site_code',
      's.status as site_status',
      's.operator_organization_id',
      't.name as town_name',
      'u.name as inspector_name',
      'r.status as rectification_status',
    ]);
type InspectionRow = Awaited<ReturnType<ReturnType<typeof selectInspection>['execute']>>[number];

interface StoredAnswer {
  item: string;
  answer: ChecklistAnswer;
  note: string | null;
}

function toInspectionView(r: InspectionRow): InspectionView {
  const answers = JSON.parse(r.answers_json) as StoredAnswer[];
  return {
    id: Number(r.id),
    siteId: Number(r.site_id),
    siteName: r.site_name,
    siteCode: r.site_code,
    siteStatus: r.site_status,
    townId: Number(r.town_id),
    townName: r.town_name,
    inspectorOrganizationId: Number(r.inspector_organization_id),
    inspectorOrganizationName: r.inspector_name,
    inspectedOn: r.inspected_on,
    result: r.result,
    rectifyBy: r.rectify_by,
    notOkCount: answers.filter((a) => a.answer === 'not_ok').length,
    rectificationStatus: r.rectification_status ?? null,
    createdAt: r.created_at,
  };
}

export function filteredInspections(db: Queryable, actor: Actor, q: Omit<ListInspectionsQuery, 'page' | 'pageSize' | 'sort' | 'order'>) {
  let base = inspectionsVisibleTo(inspectionBase(db), actor);
  if (q.siteId) base = base.where('i.site_id', '=', q.siteId);
  if (q.townId) base = base.where('i.town_id', '=', q.townId);
  if (q.result) base = base.where('i.result', '=', q.result);
  if (q.from) base = base.where('i.inspected_on', '>=', q.from);
  if (q.to) base = base.where('i.inspected_on', '<=', q.to);
  if (q.inspectorOrganizationId) base = base.where('i.inspector_organization_id', '=', q.inspectorOrganizationId);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('s.name')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('s.code')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('i.findings')} like ${p} escape '\\'`,
      ]),
    );
  }
  return base;
}

const SORT_COLUMNS = {
  inspectedOn: 'i.inspected_on',
  site: 's.name',
  town: 't.name',
  result: 'i.result',
  rectifyBy: 'i.rectify_by',
} as const;

export function orderedInspections(base: InspectionBase, q: Pick<ListInspectionsQuery, 'sort' | 'order'>) {
  return selectInspection(base)
    .orderBy(SORT_COLUMNS[q.sort ?? 'inspectedOn'], q.order)
    .orderBy('i.id', q.order);
}

export async function listInspections(deps: AppDeps, ctx: RequestContext, q: ListInspectionsQuery): Promise<Page<InspectionView>> {
  authorize(ctx.actor, inspectionPolicy, 'list');
  const page = await paginate(filteredInspections(deps.database.db, ctx.actor, q), (b) => orderedInspections(b, q), q);
  return { ...page, items: page.items.map(toInspectionView) };
}

/** Every inspection of one site, newest first (the site's supervision history). */
export async function siteInspections(deps: AppDeps, ctx: RequestContext, siteId: number): Promise<InspectionView[]> {
  authorize(ctx.actor, inspectionPolicy, 'list');
  const db = deps.database.db;
  const site = await db.selectFrom('recycling_sites').select(['town_id', 'operator_organization_id']).where('id', '=', siteId).executeTakeFirst();
  if (!site) throw notFound();
  authorize(
    ctx.actor,
    inspectionPolicy,
    'read',
    { townId: Number(site.town_id), operatorOrganizationId: site.operator_organization_id === null ? null : Number(site.operator_organization_id) },
    siteId,
  );
  const rows = await orderedInspections(inspectionBase(db).where('i.site_id', '=', siteId), { sort: 'inspectedOn', order: 'desc' }).execute();
  return rows.map(toInspectionView);
}

function rectificationActions(actor: Actor, grants: Grants, r: RectRow): RectificationView['actions'] {
  const record = {
    grants,
    townId: Number(r.town_id),
    operatorOrganizationId: r.operator_organization_id === null ? null : Number(r.operator_organization_id),
    inspectorOrganizationId: Number(r.inspector_organization_id),
  };
  const out: RectificationView['actions'] = [];
  if (canMove(rectificationWorkflow, r.status, 'submit') && inspectionPolicy.can(actor, 'submitRectification', record)) out.push('submit');
  if (canMove(rectificationWorkflow, r.status, 'accept') && inspectionPolicy.can(actor, 'verifyRectification', record)) out.push('accept', 'reject');
  return out;
}

export function rectificationBase(db: Queryable) {
  return db
    .selectFrom('recycling_rectifications as r')
    .innerJoin('recycling_sites as s', 's.id', 'r.site_id')
    .innerJoin('organizations as t', 't.id', 'r.town_id')
    .innerJoin('organizations as u', 'u.id', 'r.inspector_organization_id');
}
type RectBase = ReturnType<typeof rectificationBase>;
const selectRect = (q: RectBase) =>
  q.selectAll('r').select(['s.name as site_name', 's.code as site_code', 's.operator_organization_id', 't.name as town_name', 'u.name as inspector_name']);
type RectRow = Awaited<ReturnType<ReturnType<typeof selectRect>['execute']>>[number];

function rectificationsVisibleTo(q: RectBase, actor: Actor): RectBase {
  if (actor.role === 'office' || actor.role === 'department' || actor.role === 'auditor') return q;
  if (actor.role === 'town') return q.where('r.town_id', '=', actor.organizationId ?? NOBODY);
  if (actor.role === 'recycler' || actor.role === 'enterprise') return q.where('s.operator_organization_id', '=', actor.organizationId ?? NOBODY);
  return q.where(sql<boolean>`1 = 0`);
}

function toRectificationView(r: RectRow, actor: Actor, grants: Grants, today: string): RectificationView {
  return {
    id: Number(r.id),
    inspectionId: Number(r.inspection_id),
    siteId: Number(r.site_id),
    siteName: r.site_name,
    siteCode: r.site_code,
    townId: Number(r.town_id),
    townName: r.town_name,
    inspectorOrganizationId: Number(r.inspector_organization_id),
    inspectorOrganizationName: r.inspector_name,
    dueOn: r.due_on,
    status: r.status,
    overdue: r.status !== 'closed' && r.due_on < today,
    submittedNote: r.submitted_note,
    submittedPhotos: JSON.parse(r.submitted_photos_json) as number[],
    submittedAt: r.submitted_at,
    verifiedAt: r.verified_at,
    rejectReason: r.reject_reason,
    actions: rectificationActions(actor, grants, r),
  };
}

/** Rectifications whose due date passed (Shanghai today) and that are not closed. */
export const overdueOn = (q: RectBase, today: string) => q.where('r.status', '!=', 'closed').where('r.due_on', '<', today);

export async function listRectifications(deps: AppDeps, ctx: RequestContext, q: ListRectificationsQuery): Promise<Page<RectificationView>> {
  authorize(ctx.actor, inspectionPolicy, 'list');
  const db = deps.database.db;
  const today = shanghaiDate();
  let base = rectificationsVisibleTo(rectificationBase(db), ctx.actor);
  if (q.state === 'overdue') base = overdueOn(base, today);
  else if (q.state !== 'all') base = base.where('r.status', '=', q.state);
  if (q.townId) base = base.where('r.town_id', '=', q.townId);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('s.name')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('s.code')} like ${p} escape '\\'`]));
  }
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  // Without a sort asked for, the most urgent first: the earliest due date.
  const page = await paginate(
    base,
    (b) =>
      selectRect(b)
        .orderBy(q.sort === 'site' ? 's.name' : 'r.due_on', q.sort ? q.order : 'asc')
        .orderBy('r.id'),
    q,
  );
  return { ...page, items: page.items.map((r) => toRectificationView(r, ctx.actor, grants, today)) };
}

export async function rectificationCounts(deps: AppDeps, ctx: RequestContext) {
  authorize(ctx.actor, inspectionPolicy, 'list');
  const db = deps.database.db;
  const today = shanghaiDate();
  const base = rectificationsVisibleTo(rectificationBase(db), ctx.actor);
  const count = async (q: RectBase) => Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const [open, submitted, closed, overdue] = await Promise.all([
    count(base.where('r.status', '=', 'open')),
    count(base.where('r.status', '=', 'submitted')),
    count(base.where('r.status', '=', 'closed')),
    count(overdueOn(base, today)),
  ]);
  return { open, submitted, closed, overdue };
}

export async function loadInspection(db: Queryable, ctx: RequestContext, id: number): Promise<InspectionDetailView> {
  const row = await selectInspection(inspectionBase(db)).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  authorize(
    ctx.actor,
    inspectionPolicy,
    'read',
    { townId: Number(row.town_id), operatorOrganizationId: row.operator_organization_id === null ? null : Number(row.operator_organization_id) },
    id,
  );
  const checklist = checklistVersion(row.checklist_version);
  const answers = (JSON.parse(row.answers_json) as StoredAnswer[]).map((a) => {
    const label = checklist?.items.find((i) => i.code === a.item)?.label ?? { 'zh-CN': a.item, en: a.item };
    return { item: a.item, label, answer: a.answer, note: a.note };
  });
  let rectification: InspectionDetailView['rectification'] = null;
  const rect = await selectRect(rectificationBase(db)).where('r.inspection_id', '=', id).executeTakeFirst();
  if (rect) {
    const grants = await grantsOf(db, ctx.actor, 'recycling');
    const timeline = (await timelineOf(db, rectificationWorkflow, Number(rect.id))).map((e) => ({
      at: e.at,
      action: e.action,
      from: e.fromStatus,
      to: e.toStatus,
      actorRole: e.actorRole,
      note: e.note,
    }));
    rectification = { ...toRectificationView(rect, ctx.actor, grants, shanghaiDate()), timeline };
  }
  return {
    ...toInspectionView(row),
    checklistVersion: row.checklist_version,
    answers,
    findings: row.findings,
    photos: JSON.parse(row.photos_json) as number[],
    rectification,
  };
}
