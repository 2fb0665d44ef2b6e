import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, invalidState, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import type { ShowroomStatus } from '../../../../shared/enums/tradein.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { isOwnBusiness } from '../policies/common.js';
import { showroomPolicy } from './policy.js';
import type { ListShowroomsQuery, ShowroomInput, ShowroomView } from './schema.js';

/**
 * Smart-home showrooms and home-renovation sample rooms (plan 二(二)3) a business registers, offline with a town and
 * an address or online with a web address, and the programmes it shows them under. The residents' finder of them
 * is finder.ts; the officials' Excel is exportFile.ts.
 */

/** A web address a resident can open: http or https with a host, nothing else (no javascript:, no file:). */
export function isWebAddress(text: string): boolean {
  try {
    const u = new URL(text);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

export function showroomBase(db: Queryable) {
  return db
    .selectFrom('tradein_showrooms as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .leftJoin('organizations as t', 't.id', 's.town_id');
}

const VIEW_COLUMNS = [
  's.id',
  's.organization_id',
  'o.name as organization_name',
  's.kind',
  's.channel',
  's.name',
  's.town_id',
  't.name as town_name',
  's.address',
  's.url',
  's.opening_hours',
  's.description',
  's.status',
  's.created_at',
  's.updated_at',
] as const;

const SORT = {
  name: 's.name',
  kind: 's.kind',
  town: 't.name',
  organization: 'o.name',
  createdAt: 's.created_at',
  updatedAt: 's.updated_at',
} as const;

type ViewRow = Awaited<ReturnType<ReturnType<typeof viewQuery>['execute']>>[number];
const viewQuery = (db: Queryable) => showroomBase(db).select(VIEW_COLUMNS);

/** Every programme of the showrooms, in the order they started. */
async function programsOf(db: Queryable, ids: number[]) {
  if (ids.length === 0) return new Map<number, ShowroomView['programs']>();
  const rows = await db
    .selectFrom('tradein_showroom_programs as sp')
    .innerJoin('tradein_programs as g', 'g.id', 'sp.program_id')
    .select(['sp.showroom_id', 'g.id', 'g.name', 'g.kind', 'g.status', 'g.valid_to'])
    .where('sp.showroom_id', 'in', ids)
    .orderBy('g.valid_from')
    .orderBy('g.id')
    .execute();
  const out = new Map<number, ShowroomView['programs']>();
  for (const r of rows) {
    const list = out.get(Number(r.showroom_id)) ?? [];
    list.push({ id: Number(r.id), name: r.name, kind: r.kind, status: r.status, validTo: r.valid_to });
    out.set(Number(r.showroom_id), list);
  }
  return out;
}

export async function toViews(db: Queryable, rows: ViewRow[]): Promise<ShowroomView[]> {
  const programs = await programsOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    organizationId: Number(r.organization_id),
    organizationName: r.organization_name,
    kind: r.kind,
    channel: r.channel,
    name: r.name,
    townId: r.town_id === null ? null : Number(r.town_id),
    townName: r.town_name,
    address: r.address,
    url: r.url,
    openingHours: r.opening_hours,
    description: r.description,
    status: r.status,
    programs: programs.get(Number(r.id)) ?? [],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function loadShowroom(db: Queryable, id: number): Promise<ShowroomView> {
  const row = await viewQuery(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const [view] = await toViews(db, [row]);
  return view!;
}

/**
 * The list's scope and filters: a business sees its own whatever it asks; supervisors every business's. Checked
 * here, so the list and its export can never differ in what they let out.
 */
export async function scopedShowrooms(deps: AppDeps, ctx: RequestContext, q: Omit<ListShowroomsQuery, 'page' | 'pageSize'>, action: 'list' | 'export') {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'tradein');
  const business = isOwnBusiness(ctx.actor);
  authorize(ctx.actor, showroomPolicy, action, business ? { grants, organization_id: ctx.actor.organizationId ?? -1 } : { grants });
  let base = showroomBase(db);
  if (business) base = base.where('s.organization_id', '=', ctx.actor.organizationId ?? -1);
  else if (q.organizationId) base = base.where('s.organization_id', '=', q.organizationId);
  if (q.kind) base = base.where('s.kind', '=', q.kind);
  if (q.channel) base = base.where('s.channel', '=', q.channel);
  if (q.status) base = base.where('s.status', '=', q.status);
  if (q.townId) base = base.where('s.town_id', '=', q.townId);
  if (q.q) {
    const pattern = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('s.name')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('s.address')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('o.name')} like ${pattern} escape '\\'`,
      ]),
    );
  }
  const sort = SORT[q.sort ?? 'updatedAt'];
  return { db, base, sorted: (b: typeof base) => b.select(VIEW_COLUMNS).orderBy(sort, q.order).orderBy('s.id', q.order) };
}

export async function listShowrooms(deps: AppDeps, ctx: RequestContext, q: ListShowroomsQuery): Promise<Page<ShowroomView>> {
  const { db, base, sorted } = await scopedShowrooms(deps, ctx, q, 'list');
  const page = await paginate(base, sorted, q);
  return { ...page, items: await toViews(db, page.items) };
}

interface Checked {
  town_id: number | null;
  address: string | null;
  url: string | null;
  description: string | null;
  programIds: number[];
}

/** Everything about the input that depends on the channel or the database, every wrong field named at once. */
async function checkInput(tx: Tx, organizationId: number, input: ShowroomInput): Promise<Checked> {
  const issues: FieldIssue[] = [];
  const address = input.address ? input.address : null;
  const url = input.url ? input.url : null;
  if (input.channel === 'offline') {
    if (input.townId === null) issues.push({ path: 'townId', reason: 'field.tradein.showroom.townRequired' });
    if (address === null || address.length < 4) issues.push({ path: 'address', reason: 'field.tradein.showroom.addressRequired' });
  } else if (url === null) issues.push({ path: 'url', reason: 'field.tradein.showroom.urlRequired' });
  if (url !== null && !isWebAddress(url)) issues.push({ path: 'url', reason: 'field.tradein.showroom.url' });
  if (input.townId !== null) {
    const town = await tx
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', input.townId)
      .where('kind', '=', 'town')
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!town) issues.push({ path: 'townId', reason: 'field.town.unknown' });
  }
  const enrolled = new Set(
    (
      await tx
        .selectFrom('tradein_merchants')
        .select('program_id')
        .where('organization_id', '=', organizationId)
        .where('status', 'in', ['pending', 'approved'])
        .where('program_id', 'in', input.programIds)
        .execute()
    ).map((m) => Number(m.program_id)),
  );
  input.programIds.forEach((id, i) => {
    if (!enrolled.has(id)) issues.push({ path: `programIds.${i}`, reason: 'field.tradein.showroom.programNotEnrolled' });
  });
  if (issues.length) throw badRequest(issues);
  return { town_id: input.townId, address, url, description: input.description ? input.description : null, programIds: [...new Set(input.programIds)] };
}

async function linkPrograms(tx: Tx, showroomId: number, programIds: number[]): Promise<void> {
  await tx.deleteFrom('tradein_showroom_programs').where('showroom_id', '=', showroomId).execute();
  await tx
    .insertInto('tradein_showroom_programs')
    .values(programIds.map((program_id) => ({ showroom_id: showroomId, program_id })))
    .execute();
}

const audited = (input: ShowroomInput, c: Checked) => ({
  kind: input.kind,
  channel: input.channel,
  name: input.name,
  townId: c.town_id,
  address: c.address,
  url: c.url,
  openingHours: input.openingHours,
  description: c.description,
  programIds: c.programIds,
});

/** A business registers a showroom or sample room; it is open at once. */
export async function createShowroom(deps: AppDeps, ctx: RequestContext, input: ShowroomInput): Promise<ShowroomView> {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, showroomPolicy, 'create', { organization_id: orgId });
  const id = await inTransaction(deps.database, async (tx) => {
    const org = await tx.selectFrom('organizations').select(['status']).where('id', '=', orgId).executeTakeFirst();
    if (org?.status !== 'active') throw new AppError(403, 'ORGANIZATION_INACTIVE', 'error.ORGANIZATION_INACTIVE');
    const checked = await checkInput(tx, orgId, input);
    const now = nowIso();
    const row = await tx
      .insertInto('tradein_showrooms')
      .values({
        organization_id: orgId,
        kind: input.kind,
        channel: input.channel,
        name: input.name,
        town_id: checked.town_id,
        address: checked.address,
        url: checked.url,
        opening_hours: input.openingHours,
        description: checked.description,
        status: 'open',
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const showroomId = Number(row.id);
    await linkPrograms(tx, showroomId, checked.programIds);
    await appendAudit(tx, ctx, { entity: 'tradein_showroom', entityId: showroomId, action: 'create', after: audited(input, checked) });
    return showroomId;
  });
  return loadShowroom(deps.database.db, id);
}

async function loadOwn(tx: Tx, ctx: RequestContext, id: number, action: 'update' | 'setStatus') {
  const before = await viewQuery(tx).where('s.id', '=', id).executeTakeFirst();
  if (!before) throw notFound();
  authorize(ctx.actor, showroomPolicy, action, { organization_id: Number(before.organization_id) }, id);
  return before;
}

/** The business changes everything of a showroom but its status; its programmes are replaced by those given. */
export async function updateShowroom(deps: AppDeps, ctx: RequestContext, id: number, input: ShowroomInput): Promise<ShowroomView> {
  await inTransaction(deps.database, async (tx) => {
    const [before] = await toViews(tx, [await loadOwn(tx, ctx, id, 'update')]);
    const checked = await checkInput(tx, before!.organizationId, input);
    await tx
      .updateTable('tradein_showrooms')
      .set({
        kind: input.kind,
        channel: input.channel,
        name: input.name,
        town_id: checked.town_id,
        address: checked.address,
        url: checked.url,
        opening_hours: input.openingHours,
        description: checked.description,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await linkPrograms(tx, id, checked.programIds);
    const { status: _status, createdAt: _c, updatedAt: _u, programs, ...rest } = before!;
    await appendAudit(tx, ctx, {
      entity: 'tradein_showroom',
      entityId: id,
      action: 'update',
      before: { ...rest, programIds: programs.map((p) => p.id) },
      after: audited(input, checked),
    });
  });
  return loadShowroom(deps.database.db, id);
}

/** Closed, a showroom leaves the residents' finder at once; reopened, it is back while its programmes run. */
export async function setShowroomStatus(deps: AppDeps, ctx: RequestContext, id: number, status: ShowroomStatus): Promise<ShowroomView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadOwn(tx, ctx, id, 'setStatus');
    if (before.status === status) throw invalidState(before.status);
    await tx.updateTable('tradein_showrooms').set({ status, updated_at: nowIso() }).where('id', '=', id).where('status', '=', before.status).execute();
    await appendAudit(tx, ctx, {
      entity: 'tradein_showroom',
      entityId: id,
      action: status === 'closed' ? 'close' : 'reopen',
      before: { status: before.status },
      after: { status },
      organizationId: Number(before.organization_id),
    });
  });
  return loadShowroom(deps.database.db, id);
}
