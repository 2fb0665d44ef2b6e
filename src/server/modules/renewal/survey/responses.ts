import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, invalidState, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { DIGITAL_RD_TOOL_DICTIONARY } from '../../../../shared/enums/renewalSurvey.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { surveyPolicy } from '../policies/survey.js';
import { loadRow, registerIdOf } from './queries.js';
import type { RegisterRowView, ResponseAnswers } from './schema.js';
import { surveyWorkflow } from './workflow.js';

/**
 * Responses: the enterprise of a register row saves and submits its answers (the manager does it for an enterprise
 * without an account, marked on_behalf); the row's town checks or returns them with a reason. Each in one
 * transaction with its policy check and its timeline and audit record.
 */

async function rowFor(tx: Tx, ctx: RequestContext, registerId: number, action: 'respond' | 'check') {
  const row = await tx
    .selectFrom('renewal_survey_register as g')
    .innerJoin('renewal_survey_rounds as rd', 'rd.id', 'g.round_id')
    .leftJoin('renewal_survey_responses as r', 'r.register_id', 'g.id')
    .select(['g.id', 'g.organization_id', 'g.town_id', 'rd.status as round_status', 'r.id as response_id', 'r.status'])
    .where('g.id', '=', registerId)
    .executeTakeFirst();
  const grants = await grantsOf(tx, ctx.actor, 'renewal');
  if (!row) {
    authorize(ctx.actor, surveyPolicy, action, { grants });
    throw notFound();
  }
  const organizationId = row.organization_id === null ? null : Number(row.organization_id);
  authorize(ctx.actor, surveyPolicy, action, { grants, organizationId, townId: Number(row.town_id) }, registerId);
  return { ...row, organizationId };
}

const roundClosed = () => new AppError(409, 'SURVEY_ROUND_CLOSED', 'error.SURVEY_ROUND_CLOSED');

async function answerIssues(tx: Tx, a: ResponseAnswers): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  if (a.hasRdTools && a.rdTools.length === 0) issues.push({ path: 'rdTools', reason: 'field.renewal.surveyToolsRequired' });
  if (!a.hasRdTools && a.rdTools.length > 0) issues.push({ path: 'rdTools', reason: 'field.renewal.surveyToolsWithoutUse' });
  for (const [i, code] of a.rdTools.entries())
    if (!(await isCodeOffered(tx, DIGITAL_RD_TOOL_DICTIONARY, code))) issues.push({ path: `rdTools.${i}`, reason: 'field.renewal.surveyToolUnknown' });
  if (new Set(a.rdTools).size !== a.rdTools.length) issues.push({ path: 'rdTools', reason: 'field.renewal.surveyToolTwice' });
  if (a.cncProcesses > a.keyProcesses) issues.push({ path: 'cncProcesses', reason: 'field.renewal.surveyCncAboveKey', params: { key: a.keyProcesses } });
  if (a.transformed && !a.transformationNote) issues.push({ path: 'transformationNote', reason: 'field.renewal.surveyTransformationNote' });
  if (a.app5gCount > 0 && !a.app5gNames) issues.push({ path: 'app5gNames', reason: 'field.renewal.survey5gNames' });
  return issues;
}

const columns = (a: ResponseAnswers) => ({
  has_rd_tools: a.hasRdTools ? 1 : 0,
  rd_tools_json: JSON.stringify(a.hasRdTools ? a.rdTools : []),
  key_processes: a.keyProcesses,
  cnc_processes: a.cncProcesses,
  transformed: a.transformed ? 1 : 0,
  transformation_note: a.transformationNote || null,
  app_5g_count: a.app5gCount,
  app_5g_names: a.app5gCount > 0 ? a.app5gNames || null : null,
});

/** Saves the answers of a row's response: a new draft, or the draft or returned response edited in place. */
export async function saveResponse(deps: AppDeps, ctx: RequestContext, registerId: number, answers: ResponseAnswers): Promise<RegisterRowView> {
  await inTransaction(deps.database, async (tx) => {
    const row = await rowFor(tx, ctx, registerId, 'respond');
    if (row.round_status !== 'open') throw roundClosed();
    const issues = await answerIssues(tx, answers);
    if (issues.length) throw badRequest(issues);
    const now = nowIso();
    if (row.response_id === null) {
      const created = await tx
        .insertInto('renewal_survey_responses')
        .values({
          register_id: registerId,
          round_id: (await tx.selectFrom('renewal_survey_register').select('round_id').where('id', '=', registerId).executeTakeFirstOrThrow()).round_id,
          status: 'draft',
          ...columns(answers),
          on_behalf: row.organizationId === null ? 1 : 0,
          return_reason: null,
          submitted_at: null,
          checked_at: null,
          checked_by: null,
          created_by: ctx.actor.userId,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((err: unknown) => {
          // A second tab saved first: the answer is there, say so rather than fail with a 500.
          if (isUniqueViolation(err)) throw invalidState('draft');
          throw err;
        });
      await enter(tx, ctx, surveyWorkflow, {
        id: Number(created.id),
        action: 'save',
        organizationId: row.organizationId,
        params: { onBehalf: row.organizationId === null },
        audit: { after: answers },
      });
      return;
    }
    if (row.status !== 'draft' && row.status !== 'returned') throw invalidState(row.status!);
    const res = await tx
      .updateTable('renewal_survey_responses')
      .set({ ...columns(answers), updated_at: now })
      .where('id', '=', row.response_id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw invalidState(row.status);
    await appendAudit(tx, ctx, {
      entity: surveyWorkflow.kind,
      entityId: Number(row.response_id),
      action: 'update',
      organizationId: row.organizationId,
      after: answers,
    });
  });
  return loadRow(deps.database.db, ctx.actor, registerId);
}

export async function submitResponse(deps: AppDeps, ctx: RequestContext, responseId: number): Promise<RegisterRowView> {
  const registerId = await registerIdOf(deps.database.db, responseId);
  await inTransaction(deps.database, async (tx) => {
    const row = await rowFor(tx, ctx, registerId, 'respond');
    if (row.round_status !== 'open') throw roundClosed();
    await move(tx, ctx, surveyWorkflow, {
      id: responseId,
      action: 'submit',
      from: row.status!,
      set: { submitted_at: nowIso(), return_reason: null },
      organizationId: row.organizationId,
    });
  });
  return loadRow(deps.database.db, ctx.actor, registerId);
}

/** The row's town checks a submitted response: from then on it counts in the results and the metrics. */
export async function checkResponse(deps: AppDeps, ctx: RequestContext, responseId: number, note?: string): Promise<RegisterRowView> {
  const registerId = await registerIdOf(deps.database.db, responseId);
  await inTransaction(deps.database, async (tx) => {
    const row = await rowFor(tx, ctx, registerId, 'check');
    await move(tx, ctx, surveyWorkflow, {
      id: responseId,
      action: 'check',
      from: row.status!,
      set: { checked_at: nowIso(), checked_by: ctx.actor.userId },
      note: note ?? null,
      organizationId: row.organizationId,
    });
  });
  return loadRow(deps.database.db, ctx.actor, registerId);
}

/** The row's town returns a submitted response with its reason; the enterprise corrects it and submits again. */
export async function returnResponse(deps: AppDeps, ctx: RequestContext, responseId: number, reason: string): Promise<RegisterRowView> {
  const registerId = await registerIdOf(deps.database.db, responseId);
  await inTransaction(deps.database, async (tx) => {
    const row = await rowFor(tx, ctx, registerId, 'check');
    await move(tx, ctx, surveyWorkflow, {
      id: responseId,
      action: 'return',
      from: row.status!,
      set: { return_reason: reason },
      note: reason,
      reasons: [reason],
      organizationId: row.organizationId,
      audit: { after: { reason } },
      notify: (moved) =>
        row.organizationId === null
          ? null
          : {
              organizationId: row.organizationId,
              kind: 'renewal_survey_returned',
              params: { reason },
              link: '/renewal/survey/mine',
              dedupeKey: `renewal_survey_returned:${moved.timelineId}`,
            },
    });
  });
  return loadRow(deps.database.db, ctx.actor, registerId);
}
