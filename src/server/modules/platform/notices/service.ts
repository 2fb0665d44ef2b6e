import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize, hasRole } from '../../../core/policy.js';
import { actionsFrom, enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { appendAudit } from '../audit/auditTrail.js';
import { timelineOf } from '../timeline/timeline.js';
import { addressedOrganizations, noticeRecord, noticeRows, visibleTo, type NoticeRow, type NoticeRowsQuery } from './access.js';
import { noticePolicy } from './policy.js';
import type { NoticeDetailView, NoticeInput, NoticeListQuery, NoticeSortKey, NoticeView } from './schema.js';
import { NOTICE_STATUSES } from './tables.js';
import { noticeWorkflow } from './workflow.js';

const readsAll = hasRole('office', 'auditor');

function noticeView(r: NoticeRow, awaits: boolean): NoticeView {
  return {
    id: Number(r.id),
    title: r.title,
    kind: r.kind,
    audience: r.audience,
    status: r.status,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at ?? null,
    awaitsMyConfirmation: awaits && !r.confirmed_at,
    demo: r.is_demo === 1,
  };
}

function sortedBy(qb: NoticeRowsQuery, sort: NoticeSortKey | undefined, order: 'asc' | 'desc'): NoticeRowsQuery {
  switch (sort) {
    case undefined:
      // Drafts (no publication time) first for the office, then the newest published.
      return qb.orderBy('n.published_at', (ob) => ob.desc().nullsFirst()).orderBy('n.id', 'desc');
    case 'publishedAt':
      qb = qb.orderBy('n.published_at', (ob) => (order === 'asc' ? ob.asc() : ob.desc()).nullsLast());
      break;
    case 'createdAt':
      qb = qb.orderBy('n.created_at', order);
      break;
    case 'title':
      qb = qb.orderBy('n.title', order);
      break;
    case 'status':
      qb = qb.orderBy((eb) => {
        let c = eb.case().when('n.status', '=', NOTICE_STATUSES[0]).then(0);
        for (const [i, s] of NOTICE_STATUSES.entries()) if (i > 0) c = c.when('n.status', '=', s).then(i);
        return c.end();
      }, order);
      break;
  }
  return qb.orderBy('n.id', order);
}

export async function listNotices(deps: AppDeps, ctx: RequestContext, q: NoticeListQuery): Promise<Page<NoticeView>> {
  authorize(ctx.actor, noticePolicy, 'list');
  const db = deps.database.db;
  let base = visibleTo(noticeRows(db, ctx), ctx);
  if (q.status) base = base.where('n.status', '=', q.status);
  if (q.kind) base = base.where('n.kind', '=', q.kind);
  if (q.audience) base = base.where('n.audience', '=', q.audience);
  if (q.confirmed !== undefined) base = q.confirmed === 'true' ? base.where('r.confirmed_at', 'is not', null) : base.where('r.confirmed_at', 'is', null);
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('n.title', 'like', like), eb('n.body', 'like', like)]));
  }
  const page = await paginate(base, (qb) => sortedBy(qb, q.sort, q.order), q);
  const items: NoticeView[] = [];
  for (const r of page.items) {
    const record = await noticeRecord(db, ctx, { id: Number(r.id), audience: r.audience, status: r.status });
    items.push(noticeView(r, record.published && record.confirmable));
  }
  return { ...page, items };
}

async function loadRow(db: Queryable, ctx: RequestContext, id: number): Promise<NoticeRow> {
  const r = await noticeRows(db, ctx).where('n.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export async function getNotice(deps: AppDeps, ctx: RequestContext, id: number): Promise<NoticeDetailView> {
  const db = deps.database.db;
  const r = await loadRow(db, ctx, id);
  const record = await noticeRecord(db, ctx, { id, audience: r.audience, status: r.status });
  // A notice the caller may not read is answered as missing: its existence is not theirs to know.
  if (!noticePolicy.can(ctx.actor, 'read', record)) throw notFound();
  const recipients = await db
    .selectFrom('notice_recipients as nr')
    .innerJoin('organizations as o', 'o.id', 'nr.organization_id')
    .select(['o.id', 'o.name'])
    .where('nr.notice_id', '=', id)
    .orderBy('o.id')
    .execute();
  let confirmations: NoticeDetailView['confirmations'] = null;
  if (readsAll(ctx.actor) && r.audience !== 'public') {
    const addressed = await addressedOrganizations(db, { id, audience: r.audience })
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const confirmed = await db
      .selectFrom('notice_reads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notice_id', '=', id)
      .executeTakeFirstOrThrow();
    confirmations = { addressed: Number(addressed.n), confirmed: Number(confirmed.n) };
  }
  const actions: string[] = actionsFrom(noticeWorkflow, r.status).filter((a) => a !== 'create' && noticePolicy.can(ctx.actor, a, record));
  if (record.published && record.confirmable && !r.confirmed_at && noticePolicy.can(ctx.actor, 'confirm', record)) actions.push('confirm');
  const timeline = readsAll(ctx.actor) ? await timelineOf(db, noticeWorkflow, id) : [];
  return {
    ...noticeView(r, record.published && record.confirmable),
    body: r.body,
    recipients: recipients.map((o) => ({ id: Number(o.id), name: o.name })),
    withdrawnAt: r.withdrawn_at,
    withdrawReason: r.withdraw_reason,
    confirmedBy: r.confirmed_by ?? null,
    confirmations,
    actions,
    timeline: timeline.map((e) => ({ id: e.id, action: e.action, toStatus: e.toStatus, note: e.note, at: e.at })),
  };
}

/** Checks the organisations chosen: active departments and towns, named once each; every bad one at once. */
async function checkRecipients(tx: Tx, input: NoticeInput): Promise<number[]> {
  if (input.audience !== 'units') return [];
  const ids = [...new Set(input.organizationIds)];
  if (!ids.length) throw badRequest([{ path: 'organizationIds', reason: 'field.notice.recipientsRequired' }]);
  const ok = new Set(
    (
      await tx
        .selectFrom('organizations')
        .select('id')
        .where('id', 'in', ids)
        .where('kind', 'in', ['department', 'town'])
        .where('status', '=', 'active')
        .execute()
    ).map((o) => Number(o.id)),
  );
  const issues: FieldIssue[] = [];
  ids.forEach((id, i) => {
    if (!ok.has(id)) issues.push({ path: `organizationIds.${i}`, reason: 'field.notice.recipientNotUnit' });
  });
  if (issues.length) throw badRequest(issues);
  return ids;
}

async function replaceRecipients(tx: Tx, id: number, ids: number[]): Promise<void> {
  await tx.deleteFrom('notice_recipients').where('notice_id', '=', id).execute();
  if (ids.length)
    await tx
      .insertInto('notice_recipients')
      .values(ids.map((organization_id) => ({ notice_id: id, organization_id })))
      .execute();
}

export async function createNotice(deps: AppDeps, ctx: RequestContext, input: NoticeInput, isDemo = false): Promise<NoticeDetailView> {
  authorize(ctx.actor, noticePolicy, 'create');
  const id = await inTransaction(deps.database, async (tx) => {
    const recipients = await checkRecipients(tx, input);
    const now = nowIso();
    const row = await tx
      .insertInto('notices')
      .values({
        title: input.title,
        kind: input.kind,
        body: input.body,
        audience: input.audience,
        status: 'draft',
        published_at: null,
        published_by: null,
        withdrawn_at: null,
        withdraw_reason: null,
        created_by: ctx.actor.userId,
        is_demo: isDemo ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const noticeId = Number(row.id);
    await replaceRecipients(tx, noticeId, recipients);
    await enter(tx, ctx, noticeWorkflow, {
      id: noticeId,
      action: 'create',
      audit: { after: { title: input.title, kind: input.kind, audience: input.audience, recipients } },
    });
    return noticeId;
  });
  return getNotice(deps, ctx, id);
}

export async function editNotice(deps: AppDeps, ctx: RequestContext, id: number, input: NoticeInput): Promise<NoticeDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, ctx, id);
    authorize(ctx.actor, noticePolicy, 'edit', await noticeRecord(tx, ctx, r), id);
    const recipients = await checkRecipients(tx, input);
    await move(tx, ctx, noticeWorkflow, {
      id,
      action: 'edit',
      from: r.status,
      set: { title: input.title, kind: input.kind, body: input.body, audience: input.audience },
      audit: { before: { title: r.title, audience: r.audience }, after: { title: input.title, audience: input.audience, recipients } },
    });
    await replaceRecipients(tx, id, recipients);
  });
  return getNotice(deps, ctx, id);
}

/** Publishes a draft: every organisation addressed is told in the same transaction. */
export async function publishNotice(deps: AppDeps, ctx: RequestContext, id: number): Promise<NoticeDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, ctx, id);
    authorize(ctx.actor, noticePolicy, 'publish', await noticeRecord(tx, ctx, r), id);
    const addressed = await addressedOrganizations(tx, { id, audience: r.audience }).execute();
    await move(tx, ctx, noticeWorkflow, {
      id,
      action: 'publish',
      from: r.status,
      set: { published_at: nowIso(), published_by: ctx.actor.userId },
      params: { addressed: addressed.length },
      audit: { after: { addressed: addressed.length } },
      notify: addressed.map((o) => ({
        organizationId: Number(o.id),
        kind: r.kind === 'policy' ? 'notice_policy_published' : 'notice_published',
        params: { title: r.title },
        link: `/notices/${id}`,
        dedupeKey: `notice-published:${id}:${Number(o.id)}`,
      })),
    });
  });
  return getNotice(deps, ctx, id);
}

export async function withdrawNotice(deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<NoticeDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, ctx, id);
    authorize(ctx.actor, noticePolicy, 'withdraw', await noticeRecord(tx, ctx, r), id);
    await move(tx, ctx, noticeWorkflow, {
      id,
      action: 'withdraw',
      from: r.status,
      set: { withdrawn_at: nowIso(), withdraw_reason: reason },
      note: reason,
      reasons: [reason],
      audit: { after: { reason } },
    });
  });
  return getNotice(deps, ctx, id);
}

/** A unit confirms it has read a notice addressed to it (签阅); once per organisation, a second time changes nothing. */
export async function confirmNotice(deps: AppDeps, ctx: RequestContext, id: number): Promise<NoticeDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, ctx, id);
    const record = await noticeRecord(tx, ctx, r);
    if (!noticePolicy.can(ctx.actor, 'read', record)) throw notFound();
    authorize(ctx.actor, noticePolicy, 'confirm', record, id);
    if (r.confirmed_at) return;
    const at = nowIso();
    const inserted = await tx
      .insertInto('notice_reads')
      .values({ notice_id: id, organization_id: ctx.actor.organizationId!, user_id: ctx.actor.userId!, confirmed_at: at })
      .onConflict((oc) => oc.columns(['notice_id', 'organization_id']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1)
      await appendAudit(tx, ctx, { entity: 'notice', entityId: id, action: 'confirm', before: null, after: { confirmedAt: at } });
  });
  return getNotice(deps, ctx, id);
}
