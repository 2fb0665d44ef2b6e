import type { ScheduledJob } from '../../../core/jobs.js';
import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { notify } from '../../platform/notifications/service.js';
import { EXPIRY_ACTOR } from './confirm.js';
import { onlineOrderWorkflow } from './workflow.js';

/** Orders expired per transaction: a backlog after a stop is worked off in short transactions. */
const BATCH = 500;

/**
 * Marks the orders left unconfirmed past their time expired, a batch at a time (one conditional update per batch,
 * so an order confirmed meanwhile is left alone), with a timeline entry and an audit record each, and tells the
 * resident the voucher is still theirs. Running again finds nothing more to do. Returns how many expired.
 */
export async function expireDueOrders(deps: AppDeps, now: Date): Promise<number> {
  const at = now.toISOString();
  const ctx = systemContext(EXPIRY_ACTOR);
  const { effects, kind } = onlineOrderWorkflow;
  let total = 0;
  for (;;) {
    const batch = await inTransaction(deps.database, async (tx) => {
      const due = await tx
        .selectFrom('tradein_online_orders')
        .select('id')
        .where('status', '=', 'awaiting_confirmation')
        .where('expires_at', '<=', at)
        .orderBy('id')
        .limit(BATCH)
        .execute();
      if (!due.length) return { due: 0, expired: 0 };
      const rows = await tx
        .updateTable('tradein_online_orders')
        .set({ status: 'expired', decided_at: at, updated_at: at })
        .where(
          'id',
          'in',
          due.map((d) => Number(d.id)),
        )
        .where('status', '=', 'awaiting_confirmation')
        .returning(['id', 'organization_id', 'holder_user_id', 'order_number'])
        .execute();
      const entries = rows.map((r) => ({
        timeline: {
          entity: kind,
          entityId: Number(r.id),
          action: 'expire',
          from: 'awaiting_confirmation',
          to: 'expired',
          organizationId: Number(r.organization_id),
          note: null,
          reasons: [],
          params: {},
        },
        audit: {
          entity: kind,
          entityId: Number(r.id),
          action: 'expire',
          organizationId: Number(r.organization_id),
          before: { status: 'awaiting_confirmation' },
          after: { status: 'expired' },
        },
      }));
      if (entries.length) {
        await effects.appendTimelines!(
          tx,
          ctx,
          entries.map((e) => e.timeline),
        );
        await effects.appendAudits!(
          tx,
          ctx,
          entries.map((e) => e.audit),
        );
      }
      for (const r of rows)
        await notify(tx, {
          userId: Number(r.holder_user_id),
          kind: 'tradein_online_order_expired',
          params: { orderNumber: r.order_number },
          link: '/tradein/my/orders',
          dedupeKey: `tradein-online-order-expired:${Number(r.id)}`,
        });
      return { due: due.length, expired: rows.length };
    });
    total += batch.expired;
    if (batch.due < BATCH) return total;
  }
}

/** Expires online orders the resident did not confirm in time (the voucher stays theirs). */
export const onlineOrderExpiryJob: ScheduledJob = {
  name: 'tradein.onlineOrders.expire',
  schedule: { 'zh-CN': '每 10 分钟', en: 'Every 10 minutes' },
  runKey: (now) => String(Math.floor(now.getTime() / 600_000)),
  run: async (deps, now) => {
    await expireDueOrders(deps, now);
  },
};
