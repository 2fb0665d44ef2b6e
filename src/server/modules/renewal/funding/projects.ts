import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { GRANTED_STATUSES } from '../../../../shared/enums/renewalFunding.js';
import type { ProjectStatus } from '../../../../shared/enums/renewalProjects.js';
import { grantsOf } from '../../platform/grants/service.js';
import { fundingPolicy } from '../policies/funding.js';
import { remainingCapFen, subsidySettings } from './subsidy.js';
import type { FundingProjectsQuery, FundingProjectView } from './schema.js';

/** A project may apply for funding once it is in the project library (入库), and while it is built and after. */
export const FUNDABLE_PROJECT_STATUSES = ['in_library', 'under_construction', 'completed'] as const satisfies readonly ProjectStatus[];

/**
 * The projects whose funding the caller keeps: an enterprise its own, supervisors every one — each with what its
 * applications asked for, were granted and were paid. Read here (not through the projects pages) so the funding
 * pages stand on their own.
 */
export async function listFundingProjects(deps: AppDeps, ctx: RequestContext, q: FundingProjectsQuery): Promise<Page<FundingProjectView>> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'renewal');
  authorize(ctx.actor, fundingPolicy, 'listProjects', { grants });
  let base = db
    .selectFrom('renewal_projects as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .where('p.status', 'not in', ['draft']);
  if (!fundingPolicy.can(ctx.actor, 'listAll', { grants })) base = base.where('p.organization_id', '=', ctx.actor.organizationId ?? -1);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('p.name')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('p.code')} like ${p} escape '\\'`]));
  }
  const page = await paginate(
    base,
    (b) =>
      b
        .select([
          'p.id',
          'p.code',
          'p.name',
          'p.sector',
          'p.status',
          'p.year',
          'p.planned_investment_fen',
          'p.is_demo',
          'o.name as organization_name',
          't.name as town_name',
        ])
        .select((eb) => [
          eb
            .selectFrom('renewal_funding_applications as a')
            .select((sb) => sb.fn.countAll<number>().as('n'))
            .whereRef('a.project_id', '=', 'p.id')
            .as('applications'),
          eb
            .selectFrom('renewal_funding_applications as a')
            .select((sb) => sb.fn.coalesce(sb.fn.sum<number>('a.requested_fen'), sb.lit(0)).as('s'))
            .whereRef('a.project_id', '=', 'p.id')
            .where('a.status', '<>', 'rejected')
            .as('requested'),
          eb
            .selectFrom('renewal_funding_applications as a')
            .select((sb) => sb.fn.coalesce(sb.fn.sum<number>('a.granted_fen'), sb.lit(0)).as('s'))
            .whereRef('a.project_id', '=', 'p.id')
            .where('a.status', 'in', GRANTED_STATUSES)
            .as('granted'),
          eb
            .selectFrom('renewal_funding_applications as a')
            .select((sb) => sb.fn.coalesce(sb.fn.sum<number>('a.paid_fen'), sb.lit(0)).as('s'))
            .whereRef('a.project_id', '=', 'p.id')
            .as('paid'),
        ])
        .orderBy('p.year', 'desc')
        .orderBy('p.id', 'desc'),
    q,
  );
  return {
    ...page,
    items: page.items.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      organizationName: r.organization_name,
      townName: r.town_name,
      sector: r.sector,
      status: r.status,
      year: Number(r.year),
      plannedInvestmentFen: Number(r.planned_investment_fen),
      applications: Number(r.applications ?? 0),
      requestedFen: Number(r.requested ?? 0),
      grantedFen: Number(r.granted ?? 0),
      paidFen: Number(r.paid ?? 0),
      mayApply: (FUNDABLE_PROJECT_STATUSES as readonly string[]).includes(r.status),
      isDemo: Number(r.is_demo) === 1,
    })),
  };
}

/** What the grant and apply forms need: the departments that may be named as granting unit, the 贴息 basis and cap. */
export async function fundingOptions(deps: AppDeps, ctx: RequestContext) {
  const db = deps.database.db;
  authorize(ctx.actor, fundingPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'renewal') });
  const units = await db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('kind', '=', 'department')
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const settings = await subsidySettings(deps);
  return {
    grantingUnits: units.map((u) => ({ id: Number(u.id), name: u.name })),
    dayBasis: settings.dayBasis,
    capFen: await remainingCapFen(settings, db, undefined),
  };
}
