import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, invalidState, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { FUNDING_SOURCE_DICTIONARY } from '../../../../shared/enums/renewalFunding.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { fundingPolicy } from '../policies/funding.js';
import { FUNDABLE_PROJECT_STATUSES } from './projects.js';
import { loadApplication, policyRecord } from './queries.js';
import { isInterestSource } from './sources.js';
import { chargeInterestSubsidy, computeSubsidy, subsidySettings } from './subsidy.js';
import type { ApplicationDetailView, ApplyInput, GrantInput, LoanInput } from './schema.js';
import { fundingWorkflow } from './workflow.js';

/** Dates of a step: not in the future, not before the step it follows. */
function dateIssues(path: string, value: string, today: string, notBefore?: { date: string; reason: FieldIssue['reason'] }): FieldIssue[] {
  if (value > today) return [{ path, reason: 'field.renewal.fundingDateFuture' }];
  if (notBefore && value < notBefore.date) return [{ path, reason: notBefore.reason, params: { date: notBefore.date } }];
  return [];
}

/** A loan's own coherence: a period that runs forward, points no higher than the rate they subsidise. */
function loanIssues(loan: LoanInput, prefix: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (loan.to <= loan.from) issues.push({ path: `${prefix}.to`, reason: 'field.renewal.fundingLoanPeriod' });
  if (loan.subsidyPointsBp > loan.annualRateBp) issues.push({ path: `${prefix}.subsidyPointsBp`, reason: 'field.renewal.fundingPointsAboveRate' });
  return issues;
}

const loanColumns = (loan: LoanInput | null) => ({
  loan_bank: loan?.bank || null,
  loan_principal_fen: loan?.principalFen ?? null,
  loan_rate_bp: loan?.annualRateBp ?? null,
  subsidy_points_bp: loan?.subsidyPointsBp ?? null,
  loan_from: loan?.from ?? null,
  loan_to: loan?.to ?? null,
});

const openTwice = (err: unknown): never => {
  if (isUniqueViolation(err)) throw badRequest([{ path: 'source', reason: 'field.renewal.fundingOpenExists' }]);
  throw err;
};

async function projectFor(db: Queryable, id: number) {
  return db.selectFrom('renewal_projects').select(['id', 'organization_id', 'status']).where('id', '=', id).executeTakeFirst();
}

/**
 * The project's enterprise applies to one source (the managers may record one for a public body without an
 * account). A 贴息 source takes the loan and, unless the enterprise states an amount, requests the subsidy the
 * server computes; every other source takes an amount and no loan.
 */
export async function applyForFunding(deps: AppDeps, ctx: RequestContext, input: ApplyInput): Promise<ApplicationDetailView> {
  const today = shanghaiDate();
  const settings = await subsidySettings(deps);
  const id = await inTransaction(deps.database, async (tx) => {
    const project = await projectFor(tx, input.projectId);
    const grants = await grantsOf(tx, ctx.actor, 'renewal');
    if (!project) {
      authorize(ctx.actor, fundingPolicy, 'apply', { grants });
      throw badRequest([{ path: 'projectId', reason: 'field.renewal.fundingProjectUnknown' }]);
    }
    authorize(ctx.actor, fundingPolicy, 'apply', policyRecord(grants, project));
    const issues: FieldIssue[] = [];
    if (!(FUNDABLE_PROJECT_STATUSES as readonly string[]).includes(project.status))
      issues.push({ path: 'projectId', reason: 'field.renewal.fundingProjectNotInLibrary' });
    const offered = await isCodeOffered(tx, FUNDING_SOURCE_DICTIONARY, input.source);
    if (!offered) issues.push({ path: 'source', reason: 'field.renewal.fundingSourceUnknown' });
    const interest = offered && (await isInterestSource(tx, input.source));
    if (interest && !input.loan) issues.push({ path: 'loan', reason: 'field.renewal.fundingLoanRequired' });
    if (offered && !interest && input.loan) issues.push({ path: 'loan', reason: 'field.renewal.fundingLoanInterestOnly' });
    if (input.loan) issues.push(...loanIssues(input.loan, 'loan'));
    if (offered && !interest && input.requestedFen === undefined) issues.push({ path: 'requestedFen', reason: 'field.renewal.fundingRequestedRequired' });
    const appliedOn = input.appliedOn ?? today;
    issues.push(...dateIssues('appliedOn', appliedOn, today));
    if (issues.length) throw badRequest(issues);
    let requested = input.requestedFen;
    if (requested === undefined && input.loan) {
      requested = (await computeSubsidy(settings, tx, input.loan, ctx.locale, input.projectId)).subsidyFen;
      if (requested <= 0) throw badRequest([{ path: 'loan', reason: 'field.renewal.fundingSubsidyNone' }]);
    }
    const now = nowIso();
    const row = await tx
      .insertInto('renewal_funding_applications')
      .values({
        organization_id: Number(project.organization_id),
        project_id: input.projectId,
        source: input.source,
        status: 'applied',
        requested_fen: requested!,
        granted_fen: null,
        paid_fen: 0,
        applied_on: appliedOn,
        granted_on: null,
        granting_organization_id: null,
        grant_document: null,
        over_request_reason: null,
        rejection_reason: null,
        note: input.note || null,
        ...loanColumns(input.loan ?? null),
        subsidy_day_basis: null,
        subsidy_computed_fen: null,
        applied_by: ctx.actor.userId,
        decided_by: null,
        decided_at: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch(openTwice);
    const newId = Number(row.id);
    await enter(tx, ctx, fundingWorkflow, {
      id: newId,
      action: 'apply',
      organizationId: Number(project.organization_id),
      params: { source: input.source, requestedFen: requested },
      audit: { after: { ...input, requestedFen: requested, appliedOn } },
    });
    return newId;
  });
  return loadApplication(deps, ctx, id);
}

async function loadForDecision(tx: Tx, ctx: RequestContext, id: number, action: 'grant' | 'reject') {
  const row = await tx.selectFrom('renewal_funding_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const grants = await grantsOf(tx, ctx.actor, 'renewal');
  authorize(ctx.actor, fundingPolicy, action, policyRecord(grants, row), id);
  return row;
}

/**
 * The `manage` department grants (下达) an application: the amount, the date, the granting unit (a department;
 * the caller's own by default) and the document. More than was requested only with a stated reason (a CHECK holds
 * it too): a request is the enterprise's estimate, and the granting unit's allocation rules or a corrected loan
 * can lawfully come out higher — but then the record says why. A 贴息 grant is computed from the loan (as the bank
 * confirmed it) with the day basis in force and the project's cap, and may not exceed that.
 */
export async function grantFunding(deps: AppDeps, ctx: RequestContext, id: number, input: GrantInput): Promise<ApplicationDetailView> {
  const today = shanghaiDate();
  const settings = await subsidySettings(deps);
  await inTransaction(deps.database, async (tx) => {
    const a = await loadForDecision(tx, ctx, id, 'grant');
    if (a.status !== 'applied') throw invalidState(a.status);
    const issues: FieldIssue[] = [];
    const grantedOn = input.grantedOn ?? today;
    issues.push(...dateIssues('grantedOn', grantedOn, today, { date: a.applied_on, reason: 'field.renewal.fundingGrantBeforeApply' }));
    const unitId = input.grantingOrganizationId ?? ctx.actor.organizationId;
    const unit = unitId === null ? undefined : await tx.selectFrom('organizations').select(['kind', 'status']).where('id', '=', unitId).executeTakeFirst();
    if (unit?.kind !== 'department' || unit.status !== 'active')
      issues.push({ path: 'grantingOrganizationId', reason: 'field.renewal.fundingUnitNotDepartment' });
    const storedLoan =
      a.loan_principal_fen === null
        ? null
        : {
            bank: a.loan_bank ?? undefined,
            principalFen: Number(a.loan_principal_fen),
            annualRateBp: Number(a.loan_rate_bp),
            subsidyPointsBp: Number(a.subsidy_points_bp),
            from: a.loan_from!,
            to: a.loan_to!,
          };
    if (input.loan && !storedLoan) issues.push({ path: 'loan', reason: 'field.renewal.fundingLoanInterestOnly' });
    const loan = storedLoan ? (input.loan ?? storedLoan) : null;
    if (input.loan) issues.push(...loanIssues(input.loan, 'loan'));
    if (!loan && input.grantedFen === undefined) issues.push({ path: 'grantedFen', reason: 'field.renewal.fundingGrantedRequired' });
    if (issues.length) throw badRequest(issues);
    const subsidy = loan ? await computeSubsidy(settings, tx, loan, ctx.locale, Number(a.project_id), id) : null;
    const granted = input.grantedFen ?? subsidy!.subsidyFen;
    if (subsidy && granted > subsidy.subsidyFen)
      throw badRequest([{ path: 'grantedFen', reason: 'field.renewal.fundingAboveSubsidy', params: { subsidy: subsidy.formula } }]);
    if (granted <= 0) throw badRequest([{ path: 'loan', reason: 'field.renewal.fundingSubsidyNone' }]);
    const requested = Number(a.requested_fen);
    if (granted > requested && !input.overRequestReason) throw badRequest([{ path: 'overRequestReason', reason: 'field.renewal.fundingOverRequestReason' }]);
    // The cap is the database's to decide when two grants for one project race (the preview above read it).
    if (loan) await chargeInterestSubsidy(tx, settings, { id: Number(a.project_id), organizationId: Number(a.organization_id) }, granted);
    const now = nowIso();
    await move(tx, ctx, fundingWorkflow, {
      id,
      action: 'grant',
      from: 'applied',
      set: {
        granted_fen: granted,
        granted_on: grantedOn,
        granting_organization_id: unitId!,
        grant_document: input.grantDocument || null,
        over_request_reason: granted > requested ? input.overRequestReason! : null,
        ...(loan ? { ...loanColumns(loan), subsidy_day_basis: subsidy!.dayBasis, subsidy_computed_fen: subsidy!.subsidyFen } : {}),
        decided_by: ctx.actor.userId,
        decided_at: now,
      },
      note: input.note ?? null,
      organizationId: Number(a.organization_id),
      params: {
        grantedFen: granted,
        grantedOn,
        ...(input.grantDocument ? { document: input.grantDocument } : {}),
        ...(subsidy ? { formula: subsidy.formula } : {}),
      },
      audit: {
        before: { requestedFen: requested, loan: storedLoan },
        after: {
          grantedFen: granted,
          grantedOn,
          grantingOrganizationId: unitId,
          grantDocument: input.grantDocument,
          overRequestReason: input.overRequestReason,
          loan,
          subsidy,
        },
      },
    });
  });
  return loadApplication(deps, ctx, id);
}

/** The `manage` department rejects an application with its reason; nothing can be paid on it. */
export async function rejectFunding(deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<ApplicationDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const a = await loadForDecision(tx, ctx, id, 'reject');
    await move(tx, ctx, fundingWorkflow, {
      id,
      action: 'reject',
      from: a.status,
      set: { rejection_reason: reason, decided_by: ctx.actor.userId, decided_at: nowIso() },
      note: reason,
      reasons: [reason],
      organizationId: Number(a.organization_id),
      audit: { after: { reason } },
    });
  });
  return loadApplication(deps, ctx, id);
}
