import type { WorkflowEffects } from '../../../core/workflow.js';
import type { Queryable, Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';

/**
 * Counts a change to the records behind `key`, in the writing transaction: a read model computed before the commit
 * is recomputed after it. On PostgreSQL concurrent writers of one key queue on its row until they commit, which is
 * why keys are per module (a handful of writes a minute), never per request path that a rush goes through.
 */
export async function bumpDataVersion(tx: Tx, key: string): Promise<void> {
  const now = nowIso();
  await tx
    .insertInto('data_versions')
    .values({ key, version: 1, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ version: eb('data_versions.version', '+', 1), updated_at: now })))
    .execute();
}

/** The version of `key` now (0 before its first change). */
export async function readDataVersion(db: Queryable, key: string): Promise<number> {
  const row = await db.selectFrom('data_versions').select('version').where('key', '=', key).executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Workflow effects that also count every move as a change to `key` (the records a read model sums). */
export function withDataVersion(effects: WorkflowEffects, key: string): WorkflowEffects {
  return {
    ...effects,
    async appendTimeline(tx, ctx, entry) {
      await bumpDataVersion(tx, key);
      return effects.appendTimeline(tx, ctx, entry);
    },
    ...(effects.appendTimelines
      ? {
          async appendTimelines(tx, ctx, entries) {
            await bumpDataVersion(tx, key);
            return effects.appendTimelines!(tx, ctx, entries);
          },
        }
      : {}),
  };
}
