import type { Queryable } from '../../../db/database.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import type { MatterDetailView } from './schema.js';
import { planMatterWorkflow } from './workflow.js';

/** A matter's timeline with the names of who acted, oldest first. */
export async function matterTimeline(db: Queryable, id: number): Promise<MatterDetailView['timeline']> {
  const entries = await timelineOf(db, planMatterWorkflow, id);
  const userIds = [...new Set(entries.map((e) => e.actorUserId).filter((u): u is number => u !== null))];
  const names = new Map(
    userIds.length
      ? (await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()).map((u) => [Number(u.id), u.display_name])
      : [],
  );
  return entries.map((e) => ({
    id: e.id,
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorName: e.actorUserId === null ? null : (names.get(e.actorUserId) ?? null),
    note: e.note,
    at: e.at,
  }));
}
