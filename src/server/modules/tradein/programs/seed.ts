import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { seedDefaultGrants, type DefaultGrant } from '../../platform/grants/service.js';
import { DEFAULT_PROGRAMS } from './defaults.js';
import { insertProgram } from './service.js';

/** Default grants in the `tradein` domain, by the organisation's name in the reference data. */
const DEFAULT_GRANTS: readonly DefaultGrant[] = [
  { organization: '市商务局', capability: 'manage' },
  { organization: '市财政局', capability: 'confirm_payment' },
];

/**
 * Loads the default programmes that are missing (by code) and, the first time only (seedDefaultGrants), the
 * default grants — so a grant the office later withdraws is not re-granted at the next start. Safe to run at
 * every start and from several processes at once (unique codes; a losing racer's transaction fails and is ignored).
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
  await seedDefaultGrants(deps, 'tradein', DEFAULT_GRANTS);
}
