import { type Version, type VersionStore, storedVersion } from '../../../core/versioned.js';
import type { Queryable } from '../../../db/database.js';
import { carRuleSchema, parseCarRule, type CarRule } from './rules.js';

type Row = { id: number; version: number; rule_json: string; note: string | null; created_by: number | null; created_at: string };

const toVersion = (r: Row): Version<CarRule> => storedVersion(r, parseCarRule(r.rule_json));

const versionsOf = (db: Queryable, programId: number) => db.selectFrom('cartradein_rule_versions as v').where('v.program_id', '=', programId);

/** A car programme's rule history, keyed by the programme id (cartradein_programs → cartradein_rule_versions). */
export const carRuleVersions: VersionStore<number, CarRule> = {
  async current(db, programId) {
    const row = await versionsOf(db, programId)
      .innerJoin('cartradein_programs as p', (j) => j.onRef('p.current_rule_version_id', '=', 'v.id').onRef('p.id', '=', 'v.program_id'))
      .selectAll('v')
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db, programId) {
    return (await versionsOf(db, programId).selectAll('v').orderBy('v.version', 'desc').execute()).map(toVersion);
  },
  async insert(tx, programId, v) {
    const row = await tx
      .insertInto('cartradein_rule_versions')
      // Through the schema, so the stored rule has the schema's shape whoever built the value.
      .values({
        program_id: programId,
        version: v.version,
        rule_json: JSON.stringify(carRuleSchema.parse(v.value)),
        note: v.note,
        created_by: v.createdBy,
        created_at: v.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, programId, from, to) {
    const moved = await tx
      .updateTable('cartradein_programs')
      .set({ current_rule_version_id: to.id, updated_at: to.createdAt })
      .where('id', '=', programId)
      .where('current_rule_version_id', '=', from.id)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};
