import { type Version, type VersionStore, storedVersion } from '../../../core/versioned.js';
import type { Queryable } from '../../../db/database.js';
import type { RiskRuleAction, RiskRuleCode } from '../tables.js';

/** What a version of a risk rule holds: whether it is on, what it does, how much it weighs, its thresholds. */
export interface RiskRuleSetting {
  enabled: boolean;
  action: RiskRuleAction;
  score: number;
  params: Record<string, number>;
}

type Row = {
  id: number;
  version: number;
  enabled: number;
  action: RiskRuleAction;
  score: number;
  params_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
};

const toVersion = (r: Row): Version<RiskRuleSetting> =>
  storedVersion(r, { enabled: r.enabled === 1, action: r.action, score: r.score, params: JSON.parse(r.params_json) as Record<string, number> });

const columnsOf = (s: RiskRuleSetting) => ({ enabled: s.enabled ? 1 : 0, action: s.action, score: s.score, params_json: JSON.stringify(s.params) });

const versionsOf = (db: Queryable, code: RiskRuleCode) => db.selectFrom('tradein_risk_rule_versions as v').where('v.code', '=', code);

/**
 * A risk rule's history, keyed by its code. The current setting is also copied into tradein_risk_rules, which the
 * assessment of every sale reads, and that row names the current version by its number.
 */
export const riskRuleVersions: VersionStore<RiskRuleCode, RiskRuleSetting> = {
  async current(db, code) {
    const row = await versionsOf(db, code)
      .innerJoin('tradein_risk_rules as r', (j) => j.onRef('r.code', '=', 'v.code').onRef('r.version', '=', 'v.version'))
      .selectAll('v')
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db, code) {
    return (await versionsOf(db, code).selectAll('v').orderBy('v.version', 'desc').execute()).map(toVersion);
  },
  async insert(tx, code, v) {
    const row = await tx
      .insertInto('tradein_risk_rule_versions')
      .values({ code, version: v.version, ...columnsOf(v.value), note: v.note, created_by: v.createdBy, created_at: v.createdAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, code, from, to) {
    const moved = await tx
      .updateTable('tradein_risk_rules')
      .set({ ...columnsOf(to.value), version: to.version, updated_by: to.createdBy, updated_at: to.createdAt })
      .where('code', '=', code)
      .where('version', '=', from.version)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};
