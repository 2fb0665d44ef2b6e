import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { DEFAULT_PROGRAMS } from './defaults.js';
import { insertProgram } from './service.js';

/** Default management grants, by the organisation's name in the reference data. */
const DEFAULT_GRANTS = [
  { organization: '市商务局', capability: 'manage' as const },
  { organization: '市财政局', capability: 'confirm_payment' as const },
];

/**
 * Loads the default programmes that are missing (by code) and, the first time only, the default grants — so a
 * grant the office later withdraws is not re-granted at the next start. Safe to run at every start and from
 * several processes at once (unique codes; a losing racer's transaction fails and is ignored).
 */
export async function seedTradeinReference(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const ctx = systemContext('seed');
  const existing = new Set((await db.selectFrom('tradein_programs').select('code').execute()).map((r) => r.code));
  for (const p of DEFAULT_PROGRAMS) {
    if (existing.has(p.code)) continue;
    try {
      await inTransaction(deps.database, async (tx) => {
        const id = await insertProgram(
          tx,
          {
            code: p.code,
            name: p.name,
            kind: p.kind,
            // The national rules start active; the example renovation programme waits for the office's edit.
            status: p.isExample ? 'draft' : 'active',
            validFrom: p.validFrom,
            validTo: p.validTo,
            budget: { centralFen: p.budgetCentralFen, provincialFen: p.budgetProvincialFen, cityFen: p.budgetCityFen },
            voucherValidDays: p.voucherValidDays,
            releaseTime: p.releaseTime,
            rounding: p.rounding,
            isExample: p.isExample,
            sourceNote: p.sourceNote,
            categories: p.categories,
          },
          null,
        );
        await appendAudit(tx, ctx, { entity: 'tradein_program', entityId: id, action: 'seed', after: { code: p.code } });
      });
    } catch (e) {
      // Another process seeded it first.
      if (!(await db.selectFrom('tradein_programs').select('id').where('code', '=', p.code).executeTakeFirst())) throw e;
    }
  }
  await inTransaction(deps.database, async (tx) => {
    const marker = await tx
      .insertInto('job_runs')
      .values({ name: 'seed', run_key: 'tradein-grants', started_at: nowIso(), finished_at: nowIso() })
      .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
      .executeTakeFirst();
    if (Number(marker.numInsertedOrUpdatedRows ?? 0) !== 1) return;
    for (const g of DEFAULT_GRANTS) {
      const org = await tx.selectFrom('organizations').select('id').where('name', '=', g.organization).where('kind', '=', 'department').executeTakeFirst();
      if (!org) continue;
      await tx
        .insertInto('tradein_managers')
        .values({ organization_id: Number(org.id), capability: g.capability, granted_by: null, granted_at: nowIso() })
        .onConflict((oc) => oc.columns(['organization_id', 'capability']).doNothing())
        .execute();
    }
  });
}
