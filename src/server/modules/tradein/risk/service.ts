import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { appendVersion, currentVersion, versionHistory } from '../../../core/versioned.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { isMessageKey, translate, type MessageKey } from '../../../core/messages.js';
// This module's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';
import type { Locale } from '../../../../shared/roles.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { riskReviewPolicy } from '../policies/riskReview.js';
import { riskRulePolicy } from '../policies/riskRule.js';
import type { RiskRuleCode } from '../tables.js';
import { RISK_RULE_CODES, ruleParamsSchemas } from './rules.js';
import { riskRuleVersions } from './ruleVersions.js';
import type { DecideInput, ListReviewsQuery, RiskReviewView, RiskRuleView, UpdateRiskRuleInput } from './schema.js';
import { move, nextStatus } from '../../../core/workflow.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { oldItemProofOf } from './proofEvidence.js';
import { riskReviewWorkflow } from './reviewWorkflow.js';

function text(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  return isMessageKey(key) ? translate(locale, key as MessageKey, params) : key;
}

// ---- rules (configuration with history) ----

export async function listRiskRules(deps: AppDeps, ctx: RequestContext): Promise<RiskRuleView[]> {
  const db = deps.database.db;
  authorize(ctx.actor, riskRulePolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  const rows = await db.selectFrom('tradein_risk_rules').selectAll().execute();
  return rows
    .filter((r) => RISK_RULE_CODES.includes(r.code))
    .sort((a, b) => RISK_RULE_CODES.indexOf(a.code) - RISK_RULE_CODES.indexOf(b.code))
    .map((r) => ({
      code: r.code,
      description: text(ctx.locale, `risk.rule.${r.code}`),
      enabled: r.enabled === 1,
      action: r.action,
      score: r.score,
      params: JSON.parse(r.params_json) as Record<string, number>,
      version: r.version,
      updatedBy: r.updated_by === null ? null : Number(r.updated_by),
      updatedAt: r.updated_at,
    }));
}

/**
 * A change of thresholds is a new version: the old one stays in the history, flags name the version they used.
 * Two officials saving at once: the version moves once, the slower one gets 409 VERSION_CONFLICT (core/versioned.ts).
 */
export async function updateRiskRule(deps: AppDeps, ctx: RequestContext, code: RiskRuleCode, input: UpdateRiskRuleInput): Promise<RiskRuleView> {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, riskRulePolicy, 'update', { grants: await grantsOf(tx, ctx.actor, 'tradein') }, code);
    const parsed = ruleParamsSchemas[code].safeParse(input.params);
    if (!parsed.success)
      throw badRequest(parsed.error.issues.map((i) => ({ path: ['params', ...i.path.map(String)].join('.'), reason: 'field.invalid' as const })));
    // Only the shipped rules exist; the kernel would start a history for any other code.
    if (!(await currentVersion(tx, riskRuleVersions, code))) throw notFound();
    const setting = { enabled: input.enabled, action: input.action, score: input.score, params: parsed.data as Record<string, number> };
    const { created, current, previous } = await appendVersion(tx, riskRuleVersions, code, {
      value: setting,
      baseVersion: input.baseVersion,
      note: input.note,
      by: ctx.actor.userId,
    });
    if (!created || !previous) return;
    await appendAudit(tx, ctx, {
      entity: 'tradein_risk_rule',
      entityId: code,
      action: 'update',
      before: { version: previous.version, ...previous.value },
      after: { version: current.version, ...setting, note: input.note },
    });
  });
  const rules = await listRiskRules(deps, ctx);
  return rules.find((r) => r.code === code)!;
}

export async function riskRuleHistory(deps: AppDeps, ctx: RequestContext, code: RiskRuleCode) {
  const db = deps.database.db;
  authorize(ctx.actor, riskRulePolicy, 'readHistory', { grants: await grantsOf(db, ctx.actor, 'tradein') }, code);
  const versions = await versionHistory(db, riskRuleVersions, code);
  return versions.map((v) => ({ code, ...v.value, version: v.version, note: v.note, createdBy: v.createdBy, createdAt: v.createdAt, current: v.current }));
}

// ---- review queue ----

function reviewBase(db: Queryable) {
  return db
    .selectFrom('tradein_risk_reviews as w')
    .innerJoin('tradein_redemptions as r', 'r.id', 'w.redemption_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id');
}

const reviewColumns = [
  'w.redemption_id',
  'w.status',
  'w.score',
  'w.flagged_at',
  'w.decided_by',
  'w.decided_at',
  'w.note',
  'r.program_id',
  'r.category',
  'r.organization_id',
  'o.name as merchant_name',
  'r.product_id',
  'r.serial_number',
  'r.price_fen',
  'r.subsidy_fen',
  'r.status as redemption_status',
  'r.settlement_batch_id',
  'r.created_at',
] as const;

type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReview>['executeTakeFirstOrThrow']>>;
function selectReview(db: Queryable) {
  return reviewBase(db).select(reviewColumns);
}

async function toViews(db: Queryable, locale: Locale, rows: ReviewRow[]): Promise<RiskReviewView[]> {
  const ids = rows.map((r) => Number(r.redemption_id));
  const flags = ids.length
    ? await db.selectFrom('tradein_risk_flags').selectAll().where('redemption_id', 'in', ids).orderBy('score', 'desc').orderBy('id').execute()
    : [];
  return rows.map((r) => ({
    redemptionId: Number(r.redemption_id),
    status: r.status,
    score: r.score,
    flaggedAt: r.flagged_at,
    decidedBy: r.decided_by === null ? null : Number(r.decided_by),
    decidedAt: r.decided_at,
    note: r.note,
    redemption: {
      programId: Number(r.program_id),
      category: r.category,
      organizationId: Number(r.organization_id),
      merchantName: r.merchant_name,
      productId: Number(r.product_id),
      serialNumber: r.serial_number,
      price: Number(r.price_fen),
      subsidy: Number(r.subsidy_fen),
      status: r.redemption_status,
      settlementBatchId: r.settlement_batch_id === null ? null : Number(r.settlement_batch_id),
      createdAt: r.created_at,
    },
    flags: flags
      .filter((f) => Number(f.redemption_id) === Number(r.redemption_id))
      .map((f) => {
        const params = JSON.parse(f.params_json) as Record<string, string | number>;
        return {
          ruleCode: f.rule_code,
          ruleVersion: f.rule_version,
          score: f.score,
          reasonKey: f.reason_key,
          reason: text(locale, f.reason_key, params),
          params,
        };
      }),
  }));
}

export async function listReviews(deps: AppDeps, ctx: RequestContext, q: ListReviewsQuery) {
  const db = deps.database.db;
  authorize(ctx.actor, riskReviewPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  let base = reviewBase(db);
  if (q.status) base = base.where('w.status', '=', q.status);
  if (q.programId) base = base.where('w.program_id', '=', q.programId);
  if (q.organizationId) base = base.where('w.organization_id', '=', q.organizationId);
  if (q.from) base = base.where('w.flagged_at', '>=', new Date(q.from).toISOString());
  if (q.to) base = base.where('w.flagged_at', '<', new Date(q.to).toISOString());
  if (q.minScore !== undefined) base = base.where('w.score', '>=', q.minScore);
  const ruleCode = q.ruleCode;
  if (ruleCode)
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('tradein_risk_flags as f')
          .select('f.id')
          .whereRef('f.redemption_id', '=', 'w.redemption_id')
          .where('f.rule_code', '=', ruleCode as RiskRuleCode),
      ),
    );
  const total = Number(((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()) as { n: number | string } | undefined)?.n ?? 0);
  const sortColumn = q.sort === 'score' ? 'w.score' : 'w.flagged_at';
  const rows = await base
    .select(reviewColumns)
    .orderBy(sortColumn, q.order)
    .orderBy('w.redemption_id', q.order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: await toViews(db, ctx.locale, rows), total, page: q.page, pageSize: q.pageSize };
}

async function loadReview(db: Queryable, locale: Locale, redemptionId: number, userId: number | null) {
  const row = await selectReview(db).where('w.redemption_id', '=', redemptionId).executeTakeFirst();
  if (!row) throw notFound();
  const [view] = await toViews(db, locale, [row]);
  const decisions = await timelineOf(db, riskReviewWorkflow, redemptionId);
  return {
    ...view!,
    oldItemProof: await oldItemProofOf(db, redemptionId, userId),
    decisions: decisions.map((d) => ({
      decision: d.action as DecideInput['decision'],
      fromStatus: d.fromStatus!,
      toStatus: d.toStatus,
      note: d.note ?? '',
      decidedBy: d.actorUserId,
      decidedAt: d.at,
    })),
  };
}

export async function getReview(deps: AppDeps, ctx: RequestContext, redemptionId: number) {
  const db = deps.database.db;
  authorize(ctx.actor, riskReviewPolicy, 'read', { grants: await grantsOf(db, ctx.actor, 'tradein') }, redemptionId);
  return loadReview(db, ctx.locale, redemptionId, ctx.actor.userId);
}

/** A decision on a flagged sale moves its review (reviewWorkflow.ts) and the sale with it, in one transaction. */
export async function decideReview(deps: AppDeps, ctx: RequestContext, redemptionId: number, input: DecideInput) {
  await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, riskReviewPolicy, 'decide', { grants: await grantsOf(tx, ctx.actor, 'tradein') }, redemptionId);
    const review = await tx.selectFrom('tradein_risk_reviews').selectAll().where('redemption_id', '=', redemptionId).executeTakeFirst();
    if (!review) throw notFound();
    const r = await tx.selectFrom('tradein_redemptions').selectAll().where('id', '=', redemptionId).executeTakeFirstOrThrow();
    // A returned sale is out of the queue's hands; a settled one can only be reversed (claw-back), not reviewed.
    if (r.status === 'reversed' || r.status === 'rejected') throw invalidState(r.status);
    if (r.settlement_batch_id !== null) throw invalidState('settled');
    const now = nowIso();
    const redemptionStatus = ({ hold: 'held', clear: 'accepted', reject: 'rejected' } as const)[input.decision];
    const { to } = await move(tx, ctx, riskReviewWorkflow, {
      id: redemptionId,
      action: input.decision,
      from: review.status,
      set: { decided_by: ctx.actor.userId, decided_at: now, note: input.note, updated_at: now },
      note: input.note,
      organizationId: Number(r.organization_id),
      audit: {
        action: `risk_${input.decision}`,
        before: { review: review.status, status: r.status },
        after: { review: nextStatus(riskReviewWorkflow, review.status, input.decision), status: redemptionStatus, note: input.note },
      },
      notify:
        input.decision === 'reject'
          ? {
              organizationId: Number(r.organization_id),
              kind: 'tradein_redemption_rejected',
              params: { serial: r.serial_number, note: input.note },
              link: null,
              dedupeKey: `tradein-risk-reject:${redemptionId}`,
            }
          : null,
    });
    const changed = await tx
      .updateTable('tradein_redemptions')
      .set({ status: redemptionStatus, updated_at: now })
      .where('id', '=', redemptionId)
      .where('status', '=', r.status)
      .where('settlement_batch_id', 'is', null)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) throw invalidState(r.status);
    if (to === 'rejected')
      await tx
        .updateTable('tradein_programs')
        .set((eb) => ({ budget_used_fen: eb('budget_used_fen', '-', Number(r.subsidy_fen)) }))
        .where('id', '=', r.program_id)
        .execute();
  });
  return loadReview(deps.database.db, ctx.locale, redemptionId, ctx.actor.userId);
}
