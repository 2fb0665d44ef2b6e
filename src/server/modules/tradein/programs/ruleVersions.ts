import { type Version, type VersionStore, storedVersion } from '../../../core/versioned.js';
import type { Queryable } from '../../../db/database.js';
import { categoryRuleSchema, parseRule, type CategoryRule } from './rules.js';

/** A category of a programme: the owner of a rule history (tradein_categories → tradein_rule_versions). */
export interface CategoryKey {
  programId: number;
  category: string;
}

type Row = { id: number; version: number; rule_json: string; note: string | null; created_by: number | null; created_at: string };

const toVersion = (r: Row): Version<CategoryRule> => storedVersion(r, parseRule(r.rule_json));

function versionsOf(db: Queryable, { programId, category }: CategoryKey) {
  return db.selectFrom('tradein_rule_versions as v').where('v.program_id', '=', programId).where('v.category', '=', category);
}

export const categoryRuleVersions: VersionStore<CategoryKey, CategoryRule> = {
  async current(db, key) {
    const row = await versionsOf(db, key)
      .innerJoin('tradein_categories as c', (j) =>
        j.onRef('c.current_rule_version_id', '=', 'v.id').onRef('c.program_id', '=', 'v.program_id').onRef('c.category', '=', 'v.category'),
      )
      .selectAll('v')
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db, key) {
    return (await versionsOf(db, key).selectAll('v').orderBy('v.version', 'desc').execute()).map(toVersion);
  },
  async insert(tx, { programId, category }, v) {
    const row = await tx
      .insertInto('tradein_rule_versions')
      .values({
        program_id: programId,
        category,
        version: v.version,
        // Through the schema, so the stored rule has the schema's shape whoever built the value.
        rule_json: JSON.stringify(categoryRuleSchema.parse(v.value)),
        note: v.note,
        created_by: v.createdBy,
        created_at: v.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, { programId, category }, from, to) {
    const moved = await tx
      .updateTable('tradein_categories')
      .set({ current_rule_version_id: to.id })
      .where('program_id', '=', programId)
      .where('category', '=', category)
      .where('current_rule_version_id', '=', from.id)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};
