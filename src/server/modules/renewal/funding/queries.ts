import { sql, type Selectable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { PAYABLE_STATUSES } from '../../../../shared/enums/renewalFunding.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { fundingPolicy, type FundingRecord } from '../policies/funding.js';
import type { RenewalFundingApplicationTable } from './tables.js';
import { computeSubsidy, grantedSubsidy, subsidySettings } from './subsidy.js';
import type { ApplicationDetailView, ApplicationView, ListApplicationsQuery } from './schema.js';
import { fundingWorkflow } from './workflow.js';

/** No organisation has this id: filters an enterprise account without an organisation down to nothing. */
const NOBODY = -1;

export function applicationBase(db: Queryable) {
  return db
    .selectFrom('renewal_funding_applications as a')
    .innerJoin('renewal_projects as p', (j) => j.onRef('p.organization_id', '=', 'a.organization_id').onRef('p.id', '=', 'a.project_id'))
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .leftJoin('organizations as g', 'g.id', 'a.granting_organization_id')
    .selectAll('a')
    .select([
      'p.code as project_code',
      'p.name as project_name',
      'p.organization_id',
      'p.town_id',
      'p.sector',
      'o.name as organization_name',
      't.name as town_name',
      'g.name as granting_name',
    ]);
}
type ApplicationBase = ReturnType<typeof applicationBase>;
export type ApplicationRow = Selectable<RenewalFundingApplicationTable> & {
  project_code: string;
  project_name: string;
  organization_id: number;
  town_id: number;
  sector: ApplicationView['sector'];
  organization_name: string;
  town_name: string;
  granting_name: string | null;
};

export const policyRecord = (grants: Grants, r: { organization_id: number }): FundingRecord => ({ grants, projectOrganizationId: Number(r.organization_id) });

function actionsOn(actor: Actor, grants: Grants, r: ApplicationRow): ApplicationView['actions'] {
  const record = policyRecord(grants, r);
  const out: ApplicationView['actions'] = [];
  if (fundingPolicy.can(actor, 'grant', record) && canMove(fundingWorkflow, r.status, 'grant')) out.push('grant');
  if (fundingPolicy.can(actor, 'reject', record) && canMove(fundingWorkflow, r.status, 'reject')) out.push('reject');
  if (fundingPolicy.can(actor, 'pay', record) && canMove(fundingWorkflow, r.status, 'pay')) out.push('pay');
  return out;
}

const num = (v: number | null) => (v === null ? null : Number(v));

function loanOf(r: ApplicationRow) {
  if (r.loan_principal_fen === null || r.loan_rate_bp === null || r.subsidy_points_bp === null || r.loan_from === null || r.loan_to === null) return null;
  return {
    bank: r.loan_bank,
    principalFen: Number(r.loan_principal_fen),
    annualRateBp: Number(r.loan_rate_bp),
    subsidyPointsBp: Number(r.subsidy_points_bp),
    from: r.loan_from,
    to: r.loan_to,
  };
}

/**
 * A row as the API shows it; `subsidy` is the granted one, or (while applied) the one a grant would compute now.
 * Called outside transactions (it reads the parameters).
 */
export async function toView(deps: AppDeps, db: Queryable, ctx: RequestContext, grants: Grants, r: ApplicationRow): Promise<ApplicationView> {
  const loan = loanOf(r);
  const subsidy = !loan
    ? null
    : r.subsidy_day_basis !== null && r.subsidy_computed_fen !== null
      ? grantedSubsidy(loan, Number(r.subsidy_day_basis), Number(r.subsidy_computed_fen), ctx.locale)
      : await computeSubsidy(await subsidySettings(deps), db, loan, ctx.locale, Number(r.project_id), Number(r.id));
  return {
    id: Number(r.id),
    projectId: Number(r.project_id),
    projectCode: r.project_code,
    projectName: r.project_name,
    organizationId: Number(r.organization_id),
    organizationName: r.organization_name,
    townId: Number(r.town_id),
    townName: r.town_name,
    sector: r.sector,
    source: r.source,
    status: r.status,
    requestedFen: Number(r.requested_fen),
    grantedFen: num(r.granted_fen),
    paidFen: Number(r.paid_fen),
    appliedOn: r.applied_on,
    grantedOn: r.granted_on,
    grantingOrganizationId: num(r.granting_organization_id),
    grantingOrganizationName: r.granting_name,
    grantDocument: r.grant_document,
    overRequestReason: r.over_request_reason,
    rejectionReason: r.rejection_reason,
    note: r.note,
    loan,
    subsidy,
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
    actions: actionsOn(ctx.actor, grants, r),
  };
}

/** An enterprise sees its own projects' applications; supervisors every one. */
export function visibleTo<Q extends ApplicationBase>(q: Q, actor: Actor, grants: Grants): Q {
  if (fundingPolicy.can(actor, 'listAll', { grants })) return q;
  return q.where('p.organization_id', '=', actor.organizationId ?? NOBODY) as Q;
}

const SORT_COLUMNS = {
  appliedOn: 'a.applied_on',
  grantedOn: 'a.granted_on',
  requestedFen: 'a.requested_fen',
  grantedFen: 'a.granted_fen',
  paidFen: 'a.paid_fen',
  createdAt: 'a.id',
} as const;

export function filtered(db: Queryable, actor: Actor, grants: Grants, q: Omit<ListApplicationsQuery, 'page' | 'pageSize'>) {
  let base = visibleTo(applicationBase(db), actor, grants);
  if (q.projectId) base = base.where('a.project_id', '=', q.projectId);
  if (q.source) base = base.where('a.source', '=', q.source);
  if (q.status) base = base.where('a.status', '=', q.status);
  if (q.queue === 'grant') base = base.where('a.status', '=', 'applied');
  if (q.queue === 'pay') base = base.where('a.status', 'in', PAYABLE_STATUSES);
  if (q.townId) base = base.where('p.town_id', '=', q.townId);
  if (q.sector) base = base.where('p.sector', '=', q.sector);
  if (q.year) base = base.where('a.applied_on', '>=', `${q.year}-01-01`).where('a.applied_on', '<=', `${q.year}-12-31`);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('p.name')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('p.code')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('o.name')} like ${p} escape '\\'`,
      ]),
    );
  }
  return base;
}

export const sortColumn = (q: { sort?: keyof typeof SORT_COLUMNS | undefined }) => SORT_COLUMNS[q.sort ?? 'createdAt'];

export async function listApplications(deps: AppDeps, ctx: RequestContext, q: ListApplicationsQuery): Promise<Page<ApplicationView>> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'renewal');
  authorize(ctx.actor, fundingPolicy, 'list', { grants });
  const page = await paginate(filtered(db, ctx.actor, grants, q), (b) => b.orderBy(sortColumn(q), q.order).orderBy('a.id', q.order), q);
  const items: ApplicationView[] = [];
  for (const r of page.items) items.push(await toView(deps, db, ctx, grants, r as ApplicationRow));
  return { ...page, items };
}

export async function loadApplication(deps: AppDeps, ctx: RequestContext, id: number, db: Queryable = deps.database.db): Promise<ApplicationDetailView> {
  const row = (await applicationBase(db).where('a.id', '=', id).executeTakeFirst()) as ApplicationRow | undefined;
  if (!row) throw notFound();
  const grants = await grantsOf(db, ctx.actor, 'renewal');
  authorize(ctx.actor, fundingPolicy, 'read', policyRecord(grants, row), id);
  const payments = await db.selectFrom('renewal_funding_payments').selectAll().where('application_id', '=', id).orderBy('paid_on').orderBy('id').execute();
  const history = (await timelineOf(db, fundingWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
    params: e.params,
  }));
  return {
    ...(await toView(deps, db, ctx, grants, row)),
    payments: payments.map((p) => ({
      id: Number(p.id),
      paidOn: p.paid_on,
      amountFen: Number(p.amount_fen),
      reference: p.reference,
      note: p.note,
      isDemo: Number(p.is_demo) === 1,
      createdAt: p.created_at,
    })),
    history,
  };
}
