import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { seedDefaultGrants, type DefaultGrant } from '../../platform/grants/service.js';
import { seedShippedCalendars } from '../calendar/seed.js';
import { DEFAULT_CAR_PROGRAMS } from './defaults.js';
import { insertCarProgram } from './service.js';

/** Default grants in the `cartradein` domain, by the organisation's name in the reference data. */
const DEFAULT_GRANTS: readonly DefaultGrant[] = [
  { organization: '市商务局', capability: 'manage' },
  { organization: '市财政局', capability: 'confirm_payment' },
];

/**
 * Loads the default car programmes that are missing (by code) and, the first time only, the default grants
 * (seedDefaultGrants) and each shipped year of the working-day calendar (calendar/seed.ts) — so a grant the
 * office withdraws or an exception it deletes is not put back at the next start. Safe at every start and from
 * several processes at once (unique codes and keys; a losing racer's transaction fails and is ignored).
 */
export async function seedCarTradeinReference(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const ctx = systemContext('seed');
  const existing = new Set((await db.selectFrom('cartradein_programs').select('code').execute()).map((r) => r.code));
  for (const p of DEFAULT_CAR_PROGRAMS) {
    if (existing.has(p.code)) continue;
    try {
      await inTransaction(deps.database, async (tx) => {
        const id = await insertCarProgram(
          tx,
          {
            code: p.code,
            name: p.name,
            kind: p.kind,
            // The national rules start active; the example replacement programme waits for the office's edit.
            status: p.isExample ? 'draft' : 'active',
            validFrom: p.validFrom,
            validTo: p.validTo,
            isExample: p.isExample,
            sourceNote: p.sourceNote,
            rule: p.rule,
          },
          null,
        );
        await appendAudit(tx, ctx, { entity: 'cartradein_program', entityId: id, action: 'seed', after: { code: p.code } });
      });
    } catch (e) {
      if (!(await db.selectFrom('cartradein_programs').select('id').where('code', '=', p.code).executeTakeFirst())) throw e;
    }
  }
  await seedDefaultGrants(deps, 'cartradein', DEFAULT_GRANTS);
  await seedShippedCalendars(deps);
}
