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
  /** To one user, or (userId null) to every member of an organisation. */
  userId?: number | null;
  organizationId?: number | null;
  /** A message key suffix: the text is `notification.<kind>` in the reader's language. */
  kind: string;
  params?: Record<string, string | number>;
  link?: string | null;
  /** The same key never notifies twice, so jobs may run again (or on several processes) safely. */
  dedupeKey: string;
}

/** Adds a notification unless one with the same dedupe key exists; returns whether it was new. */
export async function notify(db: Queryable, n: NewNotification): Promise<boolean> {
  const result = await db
    .insertInto('notifications')
    .values({
      user_id: n.userId ?? null,
      organization_id: n.organizationId ?? null,
      kind: n.kind,
      params_json: JSON.stringify(n.params ?? {}),
      link: n.link ?? null,
      dedupe_key: n.dedupeKey,
      created_at: nowIso(),
      read_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
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

function mine(db: Queryable, ctx: RequestContext) {
  return db
    .selectFrom('notifications')
    .where((eb) =>
      eb.or([eb('user_id', '=', ctx.actor.userId ?? -1), eb.and([eb('user_id', 'is', null), eb('organization_id', '=', ctx.actor.organizationId ?? -1)])]),
    );
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

/**
 * How many of my notifications are unread: polled by every signed-in page's bell, so it is two counts each served
 * by its own index, (user_id, read_at) and (organization_id, read_at), rather than one OR over both.
 */
async function unreadCount(db: Queryable, ctx: RequestContext): Promise<number> {
  const unreadOf = (column: 'user_id' | 'organization_id', id: number) => db.selectFrom('notifications').where(column, '=', id).where('read_at', 'is', null);
  const count = (qb: ReturnType<typeof unreadOf>) => qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const [own, org] = await Promise.all([
    ctx.actor.userId === null ? { n: 0 } : count(unreadOf('user_id', ctx.actor.userId)),
    ctx.actor.organizationId === null ? { n: 0 } : count(unreadOf('organization_id', ctx.actor.organizationId).where('user_id', 'is', null)),
  ]);
  return Number(own.n) + Number(org.n);
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
    { user_id: r.user_id === null ? null : Number(r.user_id), organization_id: r.organization_id === null ? null : Number(r.organization_id) },
    id,
  );
  if (r.read_at) throw invalidState('read');
  await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).execute();
}

export async function markAllNotificationsRead(deps: AppDeps, ctx: RequestContext): Promise<number> {
  authorize(ctx.actor, notificationPolicy, 'list');
  const ids = (await mine(deps.database.db, ctx).select('id').where('read_at', 'is', null).execute()).map((r) => r.id);
  if (!ids.length) return 0;
  await deps.database.db.updateTable('notifications').set({ read_at: nowIso() }).where('id', 'in', ids).execute();
  return ids.length;
}
