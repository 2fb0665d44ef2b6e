import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { appendVersion, versionHistory, type Version } from '../../../core/versioned.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { creditPolicy } from '../policies/credit.js';
import { computeGrade, creditRuleVersions, lookbackStart, RULE_SET_CODE, type ComputedGrade, type CreditRules } from './rules.js';
import type { PublishRulesInput, RuleHistoryView } from './schema.js';

export async function currentRules(db: Queryable): Promise<Version<CreditRules>> {
  const v = await creditRuleVersions.current(db, RULE_SET_CODE);
  // The migration writes version 1; a database without it was not migrated.
  if (!v) throw new Error('recycling credit rules have no version');
  return v;
}

/**
 * The grades of some dealers today under the current rules: computed when read (the look-back window moves every
 * day and a new version applies at once), each naming the version that produced it.
 */
export async function gradesOf(db: Queryable, dealerIds: readonly number[], rules?: Version<CreditRules>): Promise<Map<number, ComputedGrade>> {
  const r = rules ?? (await currentRules(db));
  const today = shanghaiDate();
  const rows = dealerIds.length
    ? await db
        .selectFrom('recycling_dealer_violations')
        .select(['dealer_id', 'type', 'occurred_on'])
        .where('dealer_id', 'in', [...dealerIds])
        .where('status', '=', 'in_force')
        .where('occurred_on', '>=', lookbackStart(r.value, today))
        .execute()
    : [];
  const by = new Map<number, { type: (typeof rows)[number]['type']; occurred_on: string }[]>();
  for (const row of rows) by.set(Number(row.dealer_id), [...(by.get(Number(row.dealer_id)) ?? []), row]);
  return new Map(dealerIds.map((id) => [id, computeGrade(r, by.get(id) ?? [], today)]));
}

async function publishers(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'o.name'])
    .where('u.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** The rules now and every version before, newest first, with the unit that published each (public). */
export async function ruleHistory(deps: AppDeps, ctx: RequestContext): Promise<RuleHistoryView> {
  authorize(ctx.actor, creditPolicy, 'readRules');
  const db = deps.database.db;
  const versions = await versionHistory(db, creditRuleVersions, RULE_SET_CODE);
  const units = await publishers(db, [...new Set(versions.flatMap((v) => (v.createdBy === null ? [] : [v.createdBy])))]);
  const views = versions.map((v) => ({
    version: v.version,
    rules: v.value,
    note: v.note,
    publishedBy: v.createdBy === null ? null : (units.get(v.createdBy) ?? null),
    publishedAt: v.createdAt,
    current: v.current,
  }));
  return { current: views.find((v) => v.current)!, versions: views };
}

/** 市商务局 (or the office) publishes a new version of the rules; grades follow it at once. Audited. */
export async function publishRules(deps: AppDeps, ctx: RequestContext, input: PublishRulesInput): Promise<RuleHistoryView> {
  const { baseVersion, note, ...rules } = input;
  const t = rules.thresholds;
  if (!(t.B < t.C && t.C < t.D)) throw badRequest([{ path: 'thresholds', reason: 'field.recycling.rulesThresholdOrder' }]);
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, creditPolicy, 'publishRules', { grants: await grantsOf(tx, ctx.actor, 'recycling') });
    const result = await appendVersion(tx, creditRuleVersions, RULE_SET_CODE, { value: rules, baseVersion, note, by: ctx.actor.userId });
    // The same rules published again make no version (and no audit record).
    if (!result.created) return;
    await appendAudit(tx, ctx, {
      entity: 'recycling_credit_rules',
      entityId: result.current.version,
      action: 'publish',
      before: result.previous ? { version: result.previous.version, rules: result.previous.value } : null,
      after: { version: result.current.version, rules, note },
    });
  });
  return ruleHistory(deps, ctx);
}
