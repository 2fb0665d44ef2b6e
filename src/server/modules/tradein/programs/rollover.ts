import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays } from '../../../core/time.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit, appendAuditMany } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { programPolicy } from '../policies/program.js';
import type { ProgramView, RolloverProgramInput } from './schema.js';
import { insertProgram, loadProgramView } from './service.js';

/**
 * Carries a programme into its next window (usually the next year) as a new programme: its categories with their
 * current rules, daily quotas, release time, voucher validity, rounding and budget split are copied, then edited
 * before it is activated. The old programme is not touched: its vouchers, redemptions, settlement and rule
 * history stay its own. Each copied rule starts the new programme's history with a note naming the version it
 * came from. Merchants approved for the old programme are approved for the new one with the same categories,
 * stores and bank account (unless the manager asks for fresh applications), so a city's shops need not re-apply.
 */
export async function rolloverProgram(deps: AppDeps, ctx: RequestContext, sourceId: number, input: RolloverProgramInput): Promise<ProgramView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, programPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'tradein') }, sourceId);
    const source = await loadProgramView(tx, sourceId).catch(() => {
      throw notFound();
    });
    const validFrom = input.validFrom ?? addDays(source.validTo, 1);
    // Two live windows of one programme line would let a resident take the per-person limit twice.
    if (validFrom <= source.validTo) throw fieldError('validFrom', 'field.tradein.rolloverOverlap', { date: source.validTo });
    const categories = source.categories.map((c) => ({ category: c.category, name: c.name, dailyQuota: c.dailyQuota, rule: c.rule }));
    const versionOf = new Map(source.categories.map((c) => [c.category, c.ruleVersion]));
    const newId = await insertProgram(
      tx,
      {
        code: input.code,
        name: input.name,
        kind: source.kind,
        status: 'draft',
        validFrom,
        validTo: input.validTo,
        budget: input.budget ?? { centralFen: source.budget.centralFen, provincialFen: source.budget.provincialFen, cityFen: source.budget.cityFen },
        voucherValidDays: source.voucherValidDays,
        releaseTime: source.releaseTime,
        rounding: source.rounding,
        isExample: source.isExample,
        ...(source.sourceNote ? { sourceNote: source.sourceNote } : {}),
        categories,
      },
      ctx.actor.userId,
      {
        rolledOverFromId: sourceId,
        ruleNote: (category) => `沿用 ${source.code} 第 ${versionOf.get(category)} 版规则 · carried over from ${source.code} v${versionOf.get(category)}`,
      },
    );
    const merchants = input.carryMerchants ? await carryApprovedMerchants(tx, ctx, sourceId, newId, new Set(categories.map((c) => c.category))) : [];
    await appendAudit(tx, ctx, {
      entity: 'tradein_program',
      entityId: newId,
      action: 'rollover',
      after: { from: { id: sourceId, code: source.code }, ...input, validFrom, merchantsCarried: merchants.length },
    });
    return newId;
  });
  return loadProgramView(deps.database.db, id);
}

/** Approved enrolments of the old programme, approved again for the new one; returns the new enrolment ids. */
async function carryApprovedMerchants(tx: Tx, ctx: RequestContext, fromId: number, toId: number, categories: Set<string>): Promise<number[]> {
  const approved = await tx
    .selectFrom('tradein_merchants')
    .selectAll()
    .where('program_id', '=', fromId)
    .where('status', '=', 'approved')
    .orderBy('id')
    .execute();
  const now = nowIso();
  const carried: number[] = [];
  const audit: Parameters<typeof appendAuditMany>[2] = [];
  for (const m of approved) {
    const cats = (await tx.selectFrom('tradein_merchant_categories').select('category').where('merchant_id', '=', m.id).execute())
      .map((c) => c.category)
      .filter((c) => categories.has(c));
    if (cats.length === 0) continue;
    const row = await tx
      .insertInto('tradein_merchants')
      .values({
        organization_id: m.organization_id,
        program_id: toId,
        status: 'approved',
        bank_name: m.bank_name,
        account_name: m.account_name,
        bank_account_enc: m.bank_account_enc,
        bank_account_hash: m.bank_account_hash,
        bank_account_mask: m.bank_account_mask,
        review_note: `沿用上一期审核结果（${Number(m.id)}号） · approval carried over from enrolment ${Number(m.id)}`,
        reviewed_by: ctx.actor.userId,
        reviewed_at: now,
        applied_by: m.applied_by,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const merchantId = Number(row.id);
    await tx
      .insertInto('tradein_merchant_categories')
      .values(cats.map((category) => ({ merchant_id: merchantId, category })))
      .execute();
    const stores = await tx.selectFrom('tradein_stores').select(['name', 'town_id', 'address']).where('merchant_id', '=', m.id).execute();
    if (stores.length)
      await tx
        .insertInto('tradein_stores')
        .values(stores.map((s) => ({ merchant_id: merchantId, ...s })))
        .execute();
    carried.push(merchantId);
    audit.push({
      ctx,
      entry: {
        entity: 'tradein_merchant',
        entityId: merchantId,
        action: 'carryOver',
        organizationId: Number(m.organization_id),
        after: { programId: toId, from: Number(m.id), categories: cats },
      },
    });
  }
  await appendAuditMany(tx, 'main', audit);
  return carried;
}
