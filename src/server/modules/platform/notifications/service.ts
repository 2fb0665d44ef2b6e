import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate, type Page } from '../../../http/pagination.js';
import { isMessageKey, translate } from '../../../core/messages.js';
import { notificationPolicy } from '../policies/notification.js';

export interface NewNotification {
  /** To one user, or (userId null) to every active member of an organisation, each getting a row of their own. */
  userId?: number | null;
  organizationId?: number | null;
  /** A message key suffix: the text is `notification.<kind>` in the reader's language. */
  kind: string;
  params?: Record<string, string | number>;
  link?: string | null;
  /** The same key never notifies the same user twice, so jobs may run again (or on several processes) safely. */
  dedupeKey: string;
}

/**
 * Who is told. An organisation-wide notification fans out to one row per active member (20261203_1800): every row
 * then names its reader, so notifications live on their readers' shards (Citus, issue 15) and the bell is one
 * single-shard count. Each member reads and marks their own copy.
 */
async function members(db: Queryable, organizationId: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('organization_id', '=', organizationId).where('status', '=', 'active').orderBy('id').execute();
  return rows.map((m) => Number(m.id));
}

/**
 * An organisation is told once per dedupe key, whoever its members are: organization_notifications remembers it
 * (with no member at all too), and only the first time are its members given their copies.
 */
async function toldOrganizationNow(db: Queryable, organizationId: number, n: NewNotification, createdAt: string): Promise<boolean> {
  const result = await db
    .insertInto('organization_notifications')
    .values({
      organization_id: organizationId,
      dedupe_key: n.dedupeKey,
      kind: n.kind,
      params_json: JSON.stringify(n.params ?? {}),
      link: n.link ?? null,
      created_at: createdAt,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Each reader's copy, unless they have one with this dedupe key; how many were added. */
async function addCopies(db: Queryable, to: readonly number[], n: NewNotification, createdAt: string): Promise<number> {
  if (!to.length) return 0;
  const result = await db
    .insertInto('notifications')
    .values(
      to.map((userId) => ({
        user_id: userId,
        organization_id: n.organizationId ?? null,
        kind: n.kind,
        params_json: JSON.stringify(n.params ?? {}),
        link: n.link ?? null,
        dedupe_key: n.dedupeKey,
        created_at: createdAt,
        read_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** Adds a notification unless its reader (or, organisation-wide, the organisation) had this dedupe key; returns whether it was new. */
export async function notify(db: Queryable, n: NewNotification): Promise<boolean> {
  const createdAt = nowIso();
  if (n.userId != null) return (await addCopies(db, [n.userId], n, createdAt)) === 1;
  const organizationId = n.organizationId;
  if (organizationId == null) return false; // addressed to no one
  // The organisation's record and its members' copies together, or neither (a job may call this outside a transaction).
  const tell = async (tx: Queryable) => {
    if (!(await toldOrganizationNow(tx, organizationId, n, createdAt))) return false;
    await addCopies(tx, await members(tx, organizationId), n, createdAt);
    return true;
  };
  return db.isTransaction ? tell(db) : db.transaction().execute(tell);
}

export interface NotificationView {
  id: number;
  kind: string;
  message: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

// Every notification names its reader (organisation-wide ones are fanned out), so mine is one user's rows.
function mine(db: Queryable, ctx: RequestContext) {
  return db.selectFrom('notifications').where('user_id', '=', ctx.actor.userId ?? -1);
}

export async function listMyNotifications(
  deps: AppDeps,
  ctx: RequestContext,
  q: { page: number; pageSize: number; unread?: boolean | undefined },
): Promise<Page<NotificationView> & { unread: number }> {
  authorize(ctx.actor, notificationPolicy, 'list');
  const db = deps.database.db;
  let base = mine(db, ctx);
  if (q.unread) base = base.where('read_at', 'is', null);
  const page = await paginate(base, (qb) => qb.selectAll().orderBy('id', 'desc'), q);
  return {
    ...page,
    unread: await unreadCount(db, ctx),
    items: page.items.map((r) => {
      const params = JSON.parse(r.params_json) as Record<string, unknown>;
      const key = `notification.${r.kind}`;
      return {
        id: Number(r.id),
        kind: r.kind,
        message: isMessageKey(key) ? translate(ctx.locale, key, params) : r.kind,
        params,
        link: r.link,
        createdAt: r.created_at,
        readAt: r.read_at,
      };
    }),
  };
}

/** How many of my notifications are unread: polled by every signed-in page's bell, served by (user_id, read_at). */
async function unreadCount(db: Queryable, ctx: RequestContext): Promise<number> {
  if (ctx.actor.userId === null) return 0;
  const r = await mine(db, ctx)
    .where('read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function myUnreadCount(deps: AppDeps, ctx: RequestContext): Promise<{ unread: number }> {
  authorize(ctx.actor, notificationPolicy, 'list');
  return { unread: await unreadCount(deps.database.db, ctx) };
}

export async function markNotificationRead(deps: AppDeps, ctx: RequestContext, id: number): Promise<void> {
  const db = deps.database.db;
  const r = await db.selectFrom('notifications').select(['user_id', 'organization_id', 'read_at']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  authorize(
    ctx.actor,
    notificationPolicy,
    'markRead',
    { user_id: Number(r.user_id), organization_id: r.organization_id === null ? null : Number(r.organization_id) },
    id,
  );
  if (r.read_at) throw invalidState('read');
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', Number(r.user_id)).where('id', '=', id).execute();
}

export async function markAllNotificationsRead(deps: AppDeps, ctx: RequestContext): Promise<number> {
  authorize(ctx.actor, notificationPolicy, 'list');
  const ids = (await mine(deps.database.db, ctx).select('id').where('read_at', 'is', null).execute()).map((r) => r.id);
  if (!ids.length) return 0;
  await deps.database.db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('user_id', '=', ctx.actor.userId ?? -1)
    .where('id', 'in', ids)
    .execute();
  return ids.length;
}
