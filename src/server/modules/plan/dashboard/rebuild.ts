import type { Kysely } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import { inTransaction } from '../../../db/database.js';
import { rebuildMaintainedObservations } from './migrations.js';

/**
 * Refills the dashboard's maintained observations from the reports, in one transaction, and bumps the data
 * version so every running server drops what it keeps in memory. The triggers keep them up to date; this is for
 * a repair (rows lost, a restore from a partial backup) and what `plan:dashboard-rebuild` runs.
 */
export async function rebuildDashboard(deps: AppDeps): Promise<{ observations: number; overdue: number; version: number }> {
  return inTransaction(deps.database, async (tx) => {
    await rebuildMaintainedObservations(tx as unknown as Kysely<unknown>);
    const count = async (table: 'plan_dashboard_observations' | 'plan_dashboard_overdue') =>
      Number(
        (
          await tx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const state = await tx.selectFrom('plan_dashboard_state').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
    return { observations: await count('plan_dashboard_observations'), overdue: await count('plan_dashboard_overdue'), version: Number(state.version) };
  });
}
