import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError } from '../../../core/errors.js';
import { translate, type MessageKey } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { addDays, shanghaiInstant, shanghaiYear } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';
import { workbookBuffer, type SheetColumn } from '../../../http/excel.js';
import { grantsOf } from '../../platform/grants/service.js';
import { average, casesOpened, median, ratingsOf, responseHoursOf, salesByOrganization, type CaseFact } from './figures.js';
import { afterSalesPolicy } from './policy.js';
import type { MerchantServicePage, MerchantServiceRow, ServiceExportQuery, ServiceQuery, ServiceSort } from './schema.js';

const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** The window's first and last Shanghai days (this year by default) and its instants. */
function windowOf(q: { from?: string | undefined; to?: string | undefined }) {
  const year = shanghaiYear();
  const first = q.from ?? `${year}-01-01`;
  const last = q.to ?? `${year}-12-31`;
  if (first > last) throw fieldError('to', 'field.tradein.afterSales.windowOrder');
  return { first, last, from: shanghaiInstant(first).toISOString(), to: shanghaiInstant(addDays(last, 1)).toISOString() };
}

/** Every enterprise that has applied to a programme, with its enrolments (a merchant without sales still shows). */
async function merchantOrganizations(db: Queryable, q: string | undefined) {
  let rows = db
    .selectFrom('tradein_merchants as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .innerJoin('tradein_programs as g', 'g.id', 'm.program_id')
    .select(['m.id', 'm.organization_id', 'm.program_id', 'm.status', 'o.name', 'g.name as program_name'])
    .orderBy('m.id');
  if (q) {
    const pattern = likePattern(q);
    rows = rows.where((eb) => sql<boolean>`lower(${eb.ref('o.name')}) like lower(${pattern}) escape '\\'`);
  }
  const byOrg = new Map<number, { name: string; enrolments: MerchantServiceRow['enrolments'] }>();
  for (const r of await rows.execute()) {
    const orgId = Number(r.organization_id);
    const entry = byOrg.get(orgId) ?? { name: r.name, enrolments: [] };
    entry.enrolments.push({ id: Number(r.id), programId: Number(r.program_id), programName: r.program_name, status: r.status });
    byOrg.set(orgId, entry);
  }
  return byOrg;
}

/** The figures of every merchant in the window, before sorting and paging. */
async function serviceRows(db: Queryable, q: { from?: string | undefined; to?: string | undefined; q?: string | undefined }) {
  const w = windowOf(q);
  const [orgs, sales, cases] = await Promise.all([merchantOrganizations(db, q.q), salesByOrganization(db, w), casesOpened(db, w)]);
  const casesBy = new Map<number, CaseFact[]>();
  for (const c of cases) casesBy.set(c.organizationId, [...(casesBy.get(c.organizationId) ?? []), c]);
  const rows: MerchantServiceRow[] = [...orgs].map(([organizationId, o]) => {
    const s = sales.get(organizationId) ?? { sales: 0, online: 0 };
    const own = casesBy.get(organizationId) ?? [];
    const count = (kind: CaseFact['kind']) => own.filter((c) => c.kind === kind).length;
    const hours = responseHoursOf(own);
    const ratings = ratingsOf(own);
    return {
      organizationId,
      name: o.name,
      enrolments: o.enrolments,
      sales: s.sales,
      onlineSales: s.online,
      onlineShare: s.sales ? oneDecimal((s.online * 100) / s.sales) : null,
      returns: count('return'),
      repairs: count('repair'),
      complaints: count('complaint'),
      complaintRate: s.sales ? oneDecimal((count('complaint') * 1000) / s.sales) : null,
      medianResponseHours: oneDecimal(median(hours)),
      avgResponseHours: oneDecimal(average(hours)),
      unanswered: own.filter((c) => c.respondedAt === null).length,
      avgRating: oneDecimal(average(ratings)),
      ratings: ratings.length,
    };
  });
  return { w, rows };
}

/** Sorted by one figure; merchants without that figure (no sales, no answered case) come last either way. */
function sortRows(rows: MerchantServiceRow[], sort: ServiceSort, order: 'asc' | 'desc'): MerchantServiceRow[] {
  const dir = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort === 'name') return dir * a.name.localeCompare(b.name, 'zh-CN');
    const x = a[sort];
    const y = b[sort];
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name, 'zh-CN') : x === null ? 1 : -1;
    return dir * (x - y) || b.sales - a.sales || a.name.localeCompare(b.name, 'zh-CN');
  });
}

/**
 * 市商务局's view of merchants' after-sales service in a window: subsidised sales and the online share, cases by
 * kind, complaints per 1,000 sales, first-response hours, unanswered cases and ratings, with each merchant's
 * enrolments (which a manager may suspend). Supervisors read it.
 */
export async function merchantService(deps: AppDeps, ctx: RequestContext, q: ServiceQuery): Promise<MerchantServicePage> {
  const db = deps.database.db;
  authorize(ctx.actor, afterSalesPolicy, 'readService', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  const { w, rows } = await serviceRows(db, q);
  const sorted = sortRows(rows, q.sort ?? 'complaintRate', q.order);
  const start = (q.page - 1) * q.pageSize;
  return { items: sorted.slice(start, start + q.pageSize), total: sorted.length, page: q.page, pageSize: q.pageSize, from: w.first, to: w.last };
}

const T = (ctx: RequestContext, key: MessageKey, params?: Record<string, unknown>) => translate(ctx.locale, key, params);

/** The same figures as a workbook, every merchant, headers in the caller's language. */
export async function exportMerchantService(deps: AppDeps, ctx: RequestContext, q: ServiceExportQuery): Promise<{ filename: string; buffer: Buffer }> {
  const db = deps.database.db;
  authorize(ctx.actor, afterSalesPolicy, 'readService', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  const { w, rows } = await serviceRows(db, q);
  const h = (key: string) => T(ctx, `tradein.afterSales.export.${key}` as MessageKey);
  const columns: SheetColumn<MerchantServiceRow>[] = [
    { header: h('merchant'), width: 30, value: (r) => r.name },
    {
      header: h('enrolments'),
      width: 40,
      value: (r) => r.enrolments.map((e) => `${e.programName}：${T(ctx, `tradein.afterSales.merchantStatus.${e.status}` as MessageKey)}`).join('；'),
    },
    { header: h('sales'), value: (r) => r.sales },
    { header: h('onlineSales'), value: (r) => r.onlineSales },
    { header: h('onlineShare'), value: (r) => r.onlineShare },
    { header: h('returns'), value: (r) => r.returns },
    { header: h('repairs'), value: (r) => r.repairs },
    { header: h('complaints'), value: (r) => r.complaints },
    { header: h('complaintRate'), value: (r) => r.complaintRate },
    { header: h('medianResponseHours'), value: (r) => r.medianResponseHours },
    { header: h('avgResponseHours'), value: (r) => r.avgResponseHours },
    { header: h('unanswered'), value: (r) => r.unanswered },
    { header: h('avgRating'), value: (r) => r.avgRating },
    { header: h('ratings'), value: (r) => r.ratings },
  ];
  const buffer = await workbookBuffer({ name: h('sheet'), columns, rows: sortRows(rows, q.sort ?? 'complaintRate', q.order) });
  return { filename: T(ctx, 'tradein.afterSales.export.filename', { from: w.first, to: w.last }), buffer };
}
