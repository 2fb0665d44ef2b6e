import type { Tx } from '../../../db/database.js';
import type { AssetSlot } from '../../../../shared/ledgers/definition.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { fromSlots, slotOf } from '../definition/slots.js';
import type { LoadedKind } from './current.js';

const CHUNK = 1000;

/**
 * Recomputes `old_from` of every asset of the kind by its current rule, in the caller's transaction, reading 1000
 * assets at a time (only the columns the rule reads) and writing the changed ones in one statement per distinct new
 * date, so a 500,000-row ledger costs a few thousand statements, not one per asset. Returns how many changed.
 */
export async function reevaluateOldFrom(tx: Tx, kind: LoadedKind): Promise<number> {
  const def = kind.definition;
  const rule = def.oldRule;
  if (!rule) {
    const cleared = await tx
      .updateTable('ledger_assets')
      .set({ old_from: null })
      .where('kind_id', '=', kind.id)
      .where('old_from', 'is not', null)
      .executeTakeFirst();
    return Number(cleared.numUpdatedRows);
  }
  const slots = [...new Set(rule.conditions.map((c) => slotOf(def, c.field)))] as AssetSlot[];
  let changed = 0;
  let after = 0;
  for (;;) {
    const rows = await tx
      .selectFrom('ledger_assets')
      .select(['id', 'old_from', ...slots])
      .where('kind_id', '=', kind.id)
      .where('id', '>', after)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.id);
    const byValue = new Map<string | null, number[]>();
    for (const row of rows) {
      const next = oldFrom(rule, fromSlots(def, row as Partial<Record<AssetSlot, unknown>>));
      if (next === row.old_from) continue;
      const ids = byValue.get(next) ?? [];
      ids.push(Number(row.id));
      byValue.set(next, ids);
    }
    for (const [value, ids] of byValue) {
      // updated_at stays: it is the asset's edit token, and nobody edited the asset.
      await tx.updateTable('ledger_assets').set({ old_from: value }).where('id', 'in', ids).execute();
      changed += ids.length;
    }
    if (rows.length < CHUNK) break;
  }
  return changed;
}
