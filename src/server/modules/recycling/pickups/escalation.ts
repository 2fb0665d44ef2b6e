import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import { shanghaiHourKey } from '../../../core/time.js';
import { move } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { notifyManagers } from '../../platform/grants/notifyManagers.js';
import { pickupWorkflow } from './workflow.js';

/**
 * Bookings no recycler took within `recycling.pickupEscalationHours` go to 市商务局 (the recycling managers and
 * the office), once per opening: the move is on the resident's timeline, the notice is keyed by the booking and
 * its opening, so a run again (or on another process) tells nobody twice. Returns how many were escalated.
 */
export async function escalateUnacceptedPickups(deps: AppDeps, now = new Date()): Promise<number> {
  const hours = await deps.parameters.get('recycling.pickupEscalationHours');
  const before = new Date(now.getTime() - hours * 3600_000).toISOString();
  const due = await deps.database.db
    .selectFrom('recycling_pickups as p')
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .select(['p.id', 'p.open_since', 't.name as town'])
    .where('p.status', '=', 'booked')
    .where('p.escalated_at', 'is', null)
    .where('p.open_since', '<=', before)
    .orderBy('p.id')
    .limit(500)
    .execute();
  const ctx = systemContext('recycling.pickup-escalation');
  let escalated = 0;
  for (const p of due)
    await inTransaction(deps.database, async (tx) => {
      // Re-read under the transaction: a recycler may have taken it since the list was read.
      const still = await tx
        .selectFrom('recycling_pickups')
        .select('id')
        .where('id', '=', p.id)
        .where('status', '=', 'booked')
        .where('escalated_at', 'is', null)
        .executeTakeFirst();
      if (!still) return;
      await move(tx, ctx, pickupWorkflow, { id: Number(p.id), action: 'escalate', from: 'booked', set: { escalated_at: nowIso() }, params: { hours } });
      await notifyManagers(tx, 'recycling', {
        kind: 'recycling_pickup_escalated',
        params: { id: Number(p.id), town: p.town, hours },
        link: '/recycling/pickups/all',
        dedupeKey: `recycling:pickup:${p.id}:escalated:${p.open_since}`,
      });
      escalated++;
    });
  return escalated;
}

export const pickupEscalationJob: ScheduledJob = {
  name: 'recycling.pickup-escalation',
  schedule: { 'zh-CN': '每小时（北京时间整点）', en: 'Hourly (Shanghai time)' },
  runKey: (now) => shanghaiHourKey(now),
  run: async (deps, now, log) => {
    const n = await escalateUnacceptedPickups(deps, now);
    if (n > 0) log.info({ escalated: n }, 'unaccepted pickup bookings escalated to the recycling managers');
  },
};
