import { type Version, type VersionStore, storedVersion } from '../../../core/versioned.js';
import type { Queryable } from '../../../db/database.js';
import { ledgerDefinition, type LedgerDefinition } from '../../../../shared/ledgers/definition.js';

type Row = { id: number; version: number; definition_json: string; note: string | null; created_by: number | null; created_at: string };

// Stored definitions went through the schema when written, so parse (not safeParse) is the honest check.
const toVersion = (r: Row): Version<LedgerDefinition> => storedVersion(r, ledgerDefinition.parse(JSON.parse(r.definition_json)));

const versionsOf = (db: Queryable, kindId: number) => db.selectFrom('ledger_kind_versions as v').where('v.kind_id', '=', kindId);

/** A ledger kind's definitions, keyed by the kind id; ledger_kinds.version names the current one by its number. */
export const kindVersions: VersionStore<number, LedgerDefinition> = {
  async current(db, kindId) {
    const row = await versionsOf(db, kindId)
      .innerJoin('ledger_kinds as k', (j) => j.onRef('k.id', '=', 'v.kind_id').onRef('k.version', '=', 'v.version'))
      .selectAll('v')
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db, kindId) {
    return (await versionsOf(db, kindId).selectAll('v').orderBy('v.version', 'desc').execute()).map(toVersion);
  },
  async insert(tx, kindId, v) {
    const row = await tx
      .insertInto('ledger_kind_versions')
      .values({
        kind_id: kindId,
        version: v.version,
        // Through the schema, so the stored definition has its defaults whoever built the value.
        definition_json: JSON.stringify(ledgerDefinition.parse(v.value)),
        note: v.note,
        created_by: v.createdBy,
        created_at: v.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, kindId, from, to) {
    const moved = await tx
      .updateTable('ledger_kinds')
      .set({ version: to.version, updated_at: to.createdAt })
      .where('id', '=', kindId)
      .where('version', '=', from.version)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};
