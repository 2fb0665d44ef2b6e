import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import { GRANTED_STATUSES } from '../../../../shared/enums/renewalFunding.js';
import { PROJECT_SECTORS, type ProjectSector } from '../../../../shared/enums/renewalProjects.js';
import { fundingPolicy } from '../policies/funding.js';
import { fundingSources, sourceLabel } from './sources.js';
import type { OverviewView } from './schema.js';

type Figures = OverviewView['totals'];
const zero = (): Figures => ({ count: 0, requestedFen: 0, grantedFen: 0, paidFen: 0 });
const add = (a: Figures, b: Figures) => {
  a.count += b.count;
  a.requestedFen += b.requestedFen;
  a.grantedFen += b.grantedFen;
  a.paidFen += b.paidFen;
};

/** The first four characters of a YYYY-MM-DD text: its year, the same way on both databases. */
const yearOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 4)`;

/**
 * Funding by source, by year, by sector and by town. Count and requested: applications not rejected; granted: the
 * granted ones (also when since paid); paid: the payments. By year, granted money counts in the year of its grant
 * date and paid money in the year of each payment, so a grant of December paid in January shows in both years.
 */
export async function fundingFigures(db: Queryable, locale: RequestContext['locale']): Promise<OverviewView> {
  const rows = await db
    .selectFrom('renewal_funding_applications as a')
    .innerJoin('renewal_projects as p', (j) => j.onRef('p.organization_id', '=', 'a.organization_id').onRef('p.id', '=', 'a.project_id'))
    .innerJoin('organizations as t', 't.id', 'p.town_id')
    .select(['a.source', 'p.sector', 'p.town_id', 't.name as town_name'])
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when('a.status', '<>', 'rejected').then(1).else(0).end()).as('n'),
      eb.fn.sum<number>(eb.case().when('a.status', '<>', 'rejected').then(eb.ref('a.requested_fen')).else(0).end()).as('requested'),
      eb.fn.sum<number>(eb.case().when('a.status', 'in', GRANTED_STATUSES).then(eb.ref('a.granted_fen')).else(0).end()).as('granted'),
      eb.fn.sum<number>('a.paid_fen').as('paid'),
    ])
    .groupBy(['a.source', 'p.sector', 'p.town_id', 't.name'])
    .execute();
  const sources = await fundingSources(db);
  const totals = zero();
  const bySource = new Map<string, Figures>();
  const bySector = new Map<ProjectSector, Figures>();
  const byTown = new Map<number, Figures & { townName: string }>();
  for (const r of rows) {
    const f: Figures = { count: Number(r.n ?? 0), requestedFen: Number(r.requested ?? 0), grantedFen: Number(r.granted ?? 0), paidFen: Number(r.paid ?? 0) };
    add(totals, f);
    const s = bySource.get(r.source) ?? zero();
    add(s, f);
    bySource.set(r.source, s);
    const sec = bySector.get(r.sector) ?? zero();
    add(sec, f);
    bySector.set(r.sector, sec);
    const townId = Number(r.town_id);
    const town = byTown.get(townId) ?? { ...zero(), townName: r.town_name };
    add(town, f);
    byTown.set(townId, town);
  }
  const order = (code: string) => {
    const i = sources.findIndex((s) => s.code === code);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };

  const granted = await db
    .selectFrom('renewal_funding_applications as a')
    .select(['a.source', yearOf('a.granted_on').as('year')])
    .select((eb) => eb.fn.sum<number>('a.granted_fen').as('fen'))
    .where('a.status', 'in', GRANTED_STATUSES)
    .groupBy(['a.source', yearOf('a.granted_on')])
    .execute();
  const paid = await db
    .selectFrom('renewal_funding_payments as m')
    .innerJoin('renewal_funding_applications as a', 'a.id', 'm.application_id')
    .select(['a.source', yearOf('m.paid_on').as('year')])
    .select((eb) => eb.fn.sum<number>('m.amount_fen').as('fen'))
    .groupBy(['a.source', yearOf('m.paid_on')])
    .execute();
  const years = new Map<string, OverviewView['byYear'][number]>();
  const cell = (year: string, source: string) => {
    const key = `${year}|${source}`;
    const c = years.get(key) ?? { year: Number(year), source, grantedFen: 0, paidFen: 0 };
    years.set(key, c);
    return c;
  };
  for (const g of granted) cell(g.year, g.source).grantedFen += Number(g.fen ?? 0);
  for (const p of paid) cell(p.year, p.source).paidFen += Number(p.fen ?? 0);

  return {
    totals,
    bySource: [...bySource.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([source, f]) => ({ source, label: sourceLabel(sources, source, locale), ...f })),
    byYear: [...years.values()].sort((a, b) => a.year - b.year || order(a.source) - order(b.source)),
    bySector: PROJECT_SECTORS.filter((s) => bySector.has(s)).map((sector) => ({ sector, ...bySector.get(sector)! })),
    byTown: [...byTown.entries()]
      .map(([townId, f]) => ({ townId, ...f }))
      .sort((a, b) => b.grantedFen - a.grantedFen || a.townName.localeCompare(b.townName, 'zh-CN')),
  };
}

/** The overview for 市发改局, 市财政局, the other departments, the office and auditors. */
export async function fundingOverview(deps: AppDeps, ctx: RequestContext): Promise<OverviewView> {
  authorize(ctx.actor, fundingPolicy, 'overview');
  return fundingFigures(deps.database.db, ctx.locale);
}
