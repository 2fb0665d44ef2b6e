import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { surveyPolicy } from '../policies/survey.js';
import { roundView } from './queries.js';
import type { RegisterInput, RoundInput, RoundView } from './schema.js';

/**
 * Rounds and their registers, kept by 市工信局 (renewal `manage`) and the office: open a year's round, close it, add
 * or remove single register rows, copy the previous round's register.
 */

async function authorizeManager(tx: Tx, ctx: RequestContext, action: 'manageRounds' | 'manageRegister') {
  authorize(ctx.actor, surveyPolicy, action, { grants: await grantsOf(tx, ctx.actor, 'renewal') });
}

export async function openRound(deps: AppDeps, ctx: RequestContext, input: RoundInput): Promise<RoundView> {
  const id = await inTransaction(deps.database, async (tx) => {
    await authorizeManager(tx, ctx, 'manageRounds');
    const now = nowIso();
    const row = await tx
      .insertInto('renewal_survey_rounds')
      .values({
        year: input.year,
        status: 'open',
        deadline: input.deadline,
        opened_by: ctx.actor.userId,
        closed_at: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw badRequest([{ path: 'year', reason: 'field.renewal.surveyYearExists', params: { year: input.year } }]);
        throw err;
      });
    await appendAudit(tx, ctx, { entity: 'renewal_survey_round', entityId: Number(row.id), action: 'open', after: input });
    return Number(row.id);
  });
  return roundView(deps.database.db, id);
}

/** Closes (or reopens) a round: closed, enterprises no longer edit or submit; towns still check what was submitted. */
export async function setRoundOpen(deps: AppDeps, ctx: RequestContext, id: number, open: boolean): Promise<RoundView> {
  await inTransaction(deps.database, async (tx) => {
    await authorizeManager(tx, ctx, 'manageRounds');
    const r = await tx.selectFrom('renewal_survey_rounds').select('status').where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    const from = open ? 'closed' : 'open';
    const res = await tx
      .updateTable('renewal_survey_rounds')
      .set({ status: open ? 'open' : 'closed', closed_at: open ? null : nowIso(), updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw invalidState(r.status);
    await appendAudit(tx, ctx, { entity: 'renewal_survey_round', entityId: id, action: open ? 'reopen' : 'close', before: { status: from } });
  });
  return roundView(deps.database.db, id);
}

async function roundExists(tx: Tx, id: number) {
  const r = await tx.selectFrom('renewal_survey_rounds').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

/** The enterprise organisation with that credit code, when one has registered (so its account can answer). */
export async function enterpriseByCode(tx: Tx, creditCode: string): Promise<number | null> {
  const o = await tx.selectFrom('organizations').select('id').where('credit_code', '=', creditCode).where('kind', '=', 'enterprise').executeTakeFirst();
  return o ? Number(o.id) : null;
}

export async function isTown(tx: Tx, id: number): Promise<boolean> {
  return !!(await tx.selectFrom('organizations').select('id').where('id', '=', id).where('kind', '=', 'town').executeTakeFirst());
}

export async function addRegisterRow(deps: AppDeps, ctx: RequestContext, roundId: number, input: RegisterInput): Promise<number> {
  return inTransaction(deps.database, async (tx) => {
    await authorizeManager(tx, ctx, 'manageRegister');
    await roundExists(tx, roundId);
    const issues = [];
    if (!(await isTown(tx, input.townId))) issues.push({ path: 'townId', reason: 'field.renewal.surveyTownUnknown' as const });
    if (!(await isCodeOffered(tx, 'industry', input.industry))) issues.push({ path: 'industry', reason: 'field.renewal.surveyIndustryUnknown' as const });
    if (issues.length) throw badRequest(issues);
    const row = await tx
      .insertInto('renewal_survey_register')
      .values({
        round_id: roundId,
        credit_code: input.creditCode,
        name: input.name,
        town_id: input.townId,
        industry: input.industry,
        organization_id: await enterpriseByCode(tx, input.creditCode),
        is_demo: 0,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw badRequest([{ path: 'creditCode', reason: 'field.renewal.surveyRegisterDuplicate' }]);
        throw err;
      });
    await appendAudit(tx, ctx, { entity: 'renewal_survey_register', entityId: Number(row.id), action: 'add', after: { roundId, ...input } });
    return Number(row.id);
  });
}

/** Removes a register row that has no response yet (an answered enterprise stays: its answer is on record). */
export async function removeRegisterRow(deps: AppDeps, ctx: RequestContext, id: number): Promise<void> {
  await inTransaction(deps.database, async (tx) => {
    await authorizeManager(tx, ctx, 'manageRegister');
    const row = await tx.selectFrom('renewal_survey_register').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    const answered = await tx.selectFrom('renewal_survey_responses').select('status').where('register_id', '=', id).executeTakeFirst();
    if (answered) throw invalidState(answered.status);
    await tx.deleteFrom('renewal_survey_register').where('id', '=', id).execute();
    await appendAudit(tx, ctx, { entity: 'renewal_survey_register', entityId: id, action: 'remove', before: row });
  });
}

/** Copies another round's register rows into this one (those whose credit code is not there yet). */
export async function copyRegister(deps: AppDeps, ctx: RequestContext, roundId: number, fromRoundId: number): Promise<{ copied: number }> {
  return inTransaction(deps.database, async (tx) => {
    await authorizeManager(tx, ctx, 'manageRegister');
    await roundExists(tx, roundId);
    if (fromRoundId === roundId) throw badRequest([{ path: 'fromRoundId', reason: 'field.renewal.surveyCopySame' }]);
    await roundExists(tx, fromRoundId);
    const have = new Set(
      (await tx.selectFrom('renewal_survey_register').select('credit_code').where('round_id', '=', roundId).execute()).map((r) => r.credit_code),
    );
    const rows = (await tx.selectFrom('renewal_survey_register').selectAll().where('round_id', '=', fromRoundId).orderBy('id').execute()).filter(
      (r) => !have.has(r.credit_code),
    );
    const now = nowIso();
    for (const r of rows)
      await tx
        .insertInto('renewal_survey_register')
        .values({
          round_id: roundId,
          credit_code: r.credit_code,
          name: r.name,
          town_id: r.town_id,
          industry: r.industry,
          // Linked afresh: an enterprise may have registered since the previous round.
          organization_id: r.organization_id ?? (await enterpriseByCode(tx, r.credit_code)),
          is_demo: r.is_demo,
          created_at: now,
        })
        .execute();
    await appendAudit(tx, ctx, { entity: 'renewal_survey_round', entityId: roundId, action: 'copyRegister', after: { fromRoundId, copied: rows.length } });
    return { copied: rows.length };
  });
}
