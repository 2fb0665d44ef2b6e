import { z } from 'zod';
import { type Version, type VersionStore, storedVersion } from '../../../core/versioned.js';
import { addDays } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { CREDIT_GRADES, VIOLATION_TYPES, type CreditGrade, type ViolationType } from '../../../../shared/enums/recyclingDealers.js';

/** The one rule set of the city (a key, so that a second one — another city, a pilot — is a row, not a migration). */
export const RULE_SET_CODE = 'jinjiang';

/**
 * A credit rule set: points per violation type for the violations in force that occurred within the look-back
 * window, and the points at which a dealer drops to grade B, C and D (below B's threshold it is A).
 */
export const creditRulesSchema = z
  .object({
    lookbackDays: z.number().int().min(30).max(3650).describe('Violations that occurred within this many days before today count'),
    points: z.object(Object.fromEntries(VIOLATION_TYPES.map((t) => [t, z.number().int().min(0).max(100)])) as Record<ViolationType, z.ZodNumber>).strict(),
    thresholds: z
      .object({ B: z.number().int().min(1).max(1000), C: z.number().int().min(1).max(1000), D: z.number().int().min(1).max(1000) })
      .strict()
      .describe('Points from which the grade is B, C, D; strictly increasing'),
  })
  .strict();
export type CreditRules = z.infer<typeof creditRulesSchema>;

/** What the platform ships, as public policy commonly weighs these (to be confirmed by 市商务局). */
export const DEFAULT_CREDIT_RULES: CreditRules = {
  lookbackDays: 730,
  points: { unlicensed_trading: 40, odometer_tampering: 30, concealed_history: 30, data_not_wiped: 20, false_advertising: 10, other: 5 },
  thresholds: { B: 1, C: 20, D: 40 },
};

export interface ComputedGrade {
  grade: CreditGrade;
  points: number;
  /** The in-force violations that counted. */
  counted: number;
  ruleVersion: number;
  /** The Shanghai date it was computed for (the look-back window ends there). */
  asOf: string;
}

/** The first day a violation still counts on `today` under `rules`. */
export const lookbackStart = (rules: CreditRules, today: string) => addDays(today, -rules.lookbackDays + 1);

/** The grade for the violations that count (in force, occurred within the window up to today). */
export function computeGrade(rules: Version<CreditRules>, violations: readonly { type: ViolationType; occurred_on: string }[], today: string): ComputedGrade {
  const from = lookbackStart(rules.value, today);
  const counting = violations.filter((v) => v.occurred_on >= from && v.occurred_on <= today);
  const points = counting.reduce((n, v) => n + (rules.value.points[v.type] ?? 0), 0);
  const t = rules.value.thresholds;
  const grade: CreditGrade = points >= t.D ? 'D' : points >= t.C ? 'C' : points >= t.B ? 'B' : 'A';
  return { grade, points, counted: counting.length, ruleVersion: rules.version, asOf: today };
}

export const GRADES = CREDIT_GRADES;

type Row = { id: number; version: number; rules_json: string; note: string | null; created_by: number | null; created_at: string };

const toVersion = (r: Row): Version<CreditRules> => storedVersion(r, creditRulesSchema.parse(JSON.parse(r.rules_json)));

const versions = (db: Queryable) => db.selectFrom('recycling_credit_rule_versions as v');

/** The rule set's history; its row in recycling_credit_rule_sets names the current version by its number. */
export const creditRuleVersions: VersionStore<string, CreditRules> = {
  async current(db, code) {
    const row = await versions(db)
      .innerJoin('recycling_credit_rule_sets as s', 's.version', 'v.version')
      .where('s.code', '=', code)
      .selectAll('v')
      .executeTakeFirst();
    return row && toVersion(row);
  },
  async list(db) {
    return (await versions(db).selectAll('v').orderBy('v.version', 'desc').execute()).map(toVersion);
  },
  async insert(tx, _code, v) {
    const row = await tx
      .insertInto('recycling_credit_rule_versions')
      .values({
        version: v.version,
        rules_json: JSON.stringify(creditRulesSchema.parse(v.value)),
        note: v.note,
        created_by: v.createdBy,
        created_at: v.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  },
  async advance(tx, code, from, to) {
    const moved = await tx
      .updateTable('recycling_credit_rule_sets')
      .set({ version: to.version, updated_at: to.createdAt })
      .where('code', '=', code)
      .where('version', '=', from.version)
      .executeTakeFirst();
    return Number(moved.numUpdatedRows) === 1;
  },
};
