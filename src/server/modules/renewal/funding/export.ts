import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { addSheet, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { fenToDecimal } from '../../../../shared/money.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { fundingPolicy } from '../policies/funding.js';
import { fundingLabels } from './labels.js';
import { fundingFigures } from './overview.js';
import { filtered, sortColumn, type ApplicationRow } from './queries.js';
import type { ListApplicationsQuery } from './schema.js';
import { fundingSources, sourceLabel } from './sources.js';

const yuan = (fen: number | null) => (fen === null ? null : Number(fenToDecimal(fen)));

/**
 * The overview as a workbook (by source, by year, by sector, by town) with the applications the filters select
 * (every one the caller may read): amounts in 元 with two decimals, so the sheets sum in Excel. Audited.
 */
export async function exportFunding(deps: AppDeps, ctx: RequestContext, q: Omit<ListApplicationsQuery, 'page' | 'pageSize'>) {
  authorize(ctx.actor, fundingPolicy, 'export');
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'renewal');
  const l = fundingLabels(ctx.locale);
  const figures = await fundingFigures(db, ctx.locale);
  const sources = await fundingSources(db);
  const rows = (await filtered(db, ctx.actor, grants, q)
    .orderBy(sortColumn(q), q.sort ? q.order : 'asc')
    .orderBy('a.id')
    .limit(50_000)
    .execute()) as ApplicationRow[];
  const money = [
    { header: l.count, value: (r: { count: number }) => r.count, width: 10 },
    { header: l.requested, value: (r: { requestedFen: number }) => yuan(r.requestedFen), width: 16 },
    { header: l.granted, value: (r: { grantedFen: number }) => yuan(r.grantedFen), width: 16 },
    { header: l.paid, value: (r: { paidFen: number }) => yuan(r.paidFen), width: 16 },
  ];
  const wb = newWorkbook();
  wb.creator = 'Huanxin';
  wb.created = new Date();
  addSheet(wb, {
    name: l.bySource,
    rows: [...figures.bySource, { ...figures.totals, label: l.total, source: '' }],
    columns: [{ header: l.source, value: (r) => r.label, width: 26 }, ...money],
  });
  addSheet(wb, {
    name: l.byYear,
    rows: figures.byYear,
    columns: [
      { header: l.year, value: (r) => r.year, width: 8 },
      { header: l.source, value: (r) => sourceLabel(sources, r.source, ctx.locale), width: 26 },
      { header: l.grantedInYear, value: (r) => yuan(r.grantedFen), width: 18 },
      { header: l.paidInYear, value: (r) => yuan(r.paidFen), width: 18 },
    ],
  });
  addSheet(wb, { name: l.bySector, rows: figures.bySector, columns: [{ header: l.sector, value: (r) => l.sectors[r.sector], width: 14 }, ...money] });
  addSheet(wb, { name: l.byTown, rows: figures.byTown, columns: [{ header: l.town, value: (r) => r.townName, width: 16 }, ...money] });
  const detail = addSheet(wb, {
    name: l.applications,
    rows,
    columns: [
      { header: l.projectCode, value: (r) => r.project_code, width: 18 },
      { header: l.project, value: (r) => r.project_name, width: 30 },
      { header: l.enterprise, value: (r) => r.organization_name, width: 26 },
      { header: l.town, value: (r) => r.town_name, width: 12 },
      { header: l.sector, value: (r) => l.sectors[r.sector], width: 10 },
      { header: l.source, value: (r) => sourceLabel(sources, r.source, ctx.locale), width: 22 },
      { header: l.status, value: (r) => l.statuses[r.status], width: 10 },
      { header: l.appliedOn, value: (r) => r.applied_on, width: 12 },
      { header: l.requested, value: (r) => yuan(Number(r.requested_fen)), width: 16 },
      { header: l.grantedOn, value: (r) => r.granted_on, width: 12 },
      { header: l.granted, value: (r) => yuan(r.granted_fen === null ? null : Number(r.granted_fen)), width: 16 },
      { header: l.paid, value: (r) => yuan(Number(r.paid_fen)), width: 16 },
      { header: l.unit, value: (r) => r.granting_name, width: 14 },
      { header: l.document, value: (r) => r.grant_document, width: 20 },
      { header: l.demo, value: (r) => (Number(r.is_demo) === 1 ? l.demo : ''), width: 8 },
    ],
  });
  for (const c of [9, 11, 12]) detail.getColumn(c).numFmt = '#,##0.00';
  for (const ws of wb.worksheets.slice(0, 4)) for (const c of [3, 4, 5]) ws.getColumn(c).numFmt = '#,##0.00';
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, { entity: fundingPolicy.resource, entityId: null, action: 'export', after: { filters: q, lines: rows.length } }),
  );
  return { buffer: await workbookToBuffer(wb), filename: `${l.file}.xlsx` };
}
