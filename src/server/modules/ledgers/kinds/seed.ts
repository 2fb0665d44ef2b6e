import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { appendVersion } from '../../../core/versioned.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { ledgerDefinition, type LedgerDefinition } from '../../../../shared/ledgers/definition.js';
import { assignSlots, definitionProblems } from '../../../../shared/ledgers/problems.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { KEEPER_KINDS } from './service.js';
import { SHIPPED_KINDS, type ShippedKind } from './shipped/index.js';
import { kindVersions } from './store.js';

/** A shipped kind's definition with its co-keepers' ids (those that exist) and slots; a bad one is a bug here. */
export function shippedDefinition(kind: ShippedKind, orgIds: ReadonlyMap<string, number>): LedgerDefinition {
  const coKeepers = (kind.coKeepers ?? []).flatMap((name) => (orgIds.has(name) ? [orgIds.get(name)!] : []));
  const def = ledgerDefinition.parse({ ...kind.definition, coKeepers });
  const problems = definitionProblems(def, null);
  if (problems.length) throw new Error(`shipped ledger kind ${kind.code}: ${JSON.stringify(problems)}`);
  const slotted = assignSlots(def, null);
  if ('problem' in slotted) throw new Error(`shipped ledger kind ${kind.code}: ${JSON.stringify(slotted.problem)}`);
  return slotted.definition;
}

/**
 * The ledger kinds the platform ships, created once each: a kind whose code exists is left as officials left it
 * (its definition is theirs from then on), and one whose keeper organisation is missing is skipped. Safe from
 * several processes at once: the unique code decides, the loser writes nothing.
 */
export async function seedShippedKinds(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const existing = new Set((await db.selectFrom('ledger_kinds').select('code').execute()).map((r) => r.code));
  const missing = SHIPPED_KINDS.filter((k) => !existing.has(k.code));
  if (!missing.length) return;
  const orgs = await db.selectFrom('organizations').select(['id', 'name']).where('kind', 'in', KEEPER_KINDS).execute();
  const orgIds = new Map(orgs.map((o) => [o.name, Number(o.id)]));
  const ctx = systemContext('seed');
  for (const kind of missing) {
    const keeper = orgIds.get(kind.keeper);
    if (keeper === undefined) continue;
    const definition = shippedDefinition(kind, orgIds);
    await inTransaction(deps.database, async (tx) => {
      const now = nowIso();
      const row = await tx
        .insertInto('ledger_kinds')
        .values({ code: kind.code, keeper_organization_id: keeper, version: 1, shipped: 1, created_by: null, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return;
      const id = Number(row.id);
      await appendVersion(tx, kindVersions, id, { value: definition, baseVersion: 0, note: null, by: null });
      await appendAudit(tx, ctx, { entity: 'ledger_kind', entityId: id, action: 'seed', after: { code: kind.code, keeperOrganizationId: keeper, version: 1 } });
    });
  }
}
