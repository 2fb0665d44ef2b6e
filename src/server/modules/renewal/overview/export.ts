import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { addSheet, newWorkbook, workbookToBuffer } from '../../../http/excel.js';
import { fenToDecimal } from '../../../../shared/money.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { overviewPolicy } from '../policies/overview.js';
import { SECTOR_EN, SECTOR_ZH, TYPE_EN, TYPE_ZH } from '../projects/labels.js';
import { overviewFigures } from './figures.js';
import type { OverviewFigures, OverviewQuery } from './schema.js';

/** 万元 with four decimals: the unit the departments' renewal statistics use; the sheets still sum in Excel. */
const wan = (fen: number) => Number(fenToDecimal(fen)) / 10_000;

const LABELS = {
  'zh-CN': {
    file: '设备更新总览',
    bySector: '按领域',
    byType: '按类型',
    byTown: '按镇街',
    byYear: '按年度',
    funding: '按资金来源',
    equipmentBySectorYear: '各领域设备投资',
    equipmentFen: '竣工设备投资（万元）',
    sector: '领域',
    type: '类型',
    town: '镇街',
    year: '年度',
    projects: '项目数',
    planned: '计划投资（万元）',
    plannedEquipment: '其中设备（万元）',
    completed: '已竣工项目数',
    completedFen: '竣工实际投资（万元）',
    completedEquipment: '其中设备（万元）',
    startedInYear: (y: number) => `${y}年开工项目数`,
    completedInYear: (y: number) => `${y}年竣工投资（万元）`,
    started: '开工项目数',
    source: '资金来源',
    requested: '申请（万元）',
    granted: '下达（万元）',
    paid: '拨付（万元）',
    total: '合计',
  },
  en: {
    file: 'Renewal overview',
    bySector: 'By sector',
    byType: 'By type',
    byTown: 'By town',
    byYear: 'By year',
    funding: 'By funding source',
    equipmentBySectorYear: 'Equipment by sector',
    equipmentFen: 'Equipment investment completed (10k yuan)',
    sector: 'Sector',
    type: 'Type',
    town: 'Town',
    year: 'Year',
    projects: 'Projects',
    planned: 'Planned investment (10k yuan)',
    plannedEquipment: 'of which equipment (10k yuan)',
    completed: 'Completed projects',
    completedFen: 'Actual investment completed (10k yuan)',
    completedEquipment: 'of which equipment (10k yuan)',
    startedInYear: (y: number) => `Started in ${y}`,
    completedInYear: (y: number) => `Completed in ${y} (10k yuan)`,
    started: 'Projects started',
    source: 'Funding source',
    requested: 'Requested (10k yuan)',
    granted: 'Granted (10k yuan)',
    paid: 'Paid (10k yuan)',
    total: 'Total',
  },
} as const;

/**
 * The overview as a workbook: by sector, type, town and year, and funding by source, amounts in 万元 so the sheets
 * read like the departments' own statistics and sum in Excel. Audited with the filters.
 */
export async function exportOverview(deps: AppDeps, ctx: RequestContext, q: OverviewQuery, db: Queryable = deps.database.db) {
  authorize(ctx.actor, overviewPolicy, 'export');
  const l = LABELS[ctx.locale];
  const sectors = ctx.locale === 'en' ? SECTOR_EN : SECTOR_ZH;
  const types = ctx.locale === 'en' ? TYPE_EN : TYPE_ZH;
  const o = await overviewFigures(db, ctx.locale, q, await deps.parameters.get('renewal.oldMachineToolYears'));
  const figures = [
    { header: l.projects, value: (r: OverviewFigures) => r.projects, width: 10 },
    { header: l.planned, value: (r: OverviewFigures) => wan(r.plannedFen), width: 18 },
    { header: l.plannedEquipment, value: (r: OverviewFigures) => wan(r.plannedEquipmentFen), width: 18 },
    { header: l.completed, value: (r: OverviewFigures) => r.completed, width: 12 },
    { header: l.completedFen, value: (r: OverviewFigures) => wan(r.completedFen), width: 20 },
    { header: l.completedEquipment, value: (r: OverviewFigures) => wan(r.completedEquipmentFen), width: 18 },
    { header: l.startedInYear(o.year), value: (r: OverviewFigures) => r.startedInYear, width: 16 },
    { header: l.completedInYear(o.year), value: (r: OverviewFigures) => wan(r.completedInYearFen), width: 20 },
  ];
  const total = { ...o.totals, label: l.total };
  const wb = newWorkbook();
  wb.creator = 'Huanxin';
  wb.created = new Date();
  addSheet(wb, {
    name: l.bySector,
    rows: [...o.bySector.map((r) => ({ ...r, label: sectors[r.sector] })), total],
    columns: [{ header: l.sector, value: (r) => r.label, width: 14 }, ...figures],
  });
  addSheet(wb, {
    name: l.byType,
    rows: [...o.byType.map((r) => ({ ...r, label: types[r.type] })), total],
    columns: [{ header: l.type, value: (r) => r.label, width: 14 }, ...figures],
  });
  addSheet(wb, {
    name: l.byTown,
    rows: [...o.byTown.map((r) => ({ ...r, label: r.townName })), total],
    columns: [{ header: l.town, value: (r) => r.label, width: 16 }, ...figures],
  });
  addSheet(wb, {
    name: l.byYear,
    rows: o.byYear,
    columns: [
      { header: l.year, value: (r) => r.year, width: 8 },
      { header: l.started, value: (r) => r.started, width: 12 },
      { header: l.completed, value: (r) => r.completed, width: 12 },
      { header: l.completedFen, value: (r) => wan(r.completedFen), width: 20 },
    ],
  });
  addSheet(wb, {
    name: l.funding,
    rows: o.funding,
    columns: [
      { header: l.source, value: (r) => r.label, width: 26 },
      { header: l.projects, value: (r) => r.count, width: 10 },
      { header: l.requested, value: (r) => wan(r.requestedFen), width: 16 },
      { header: l.granted, value: (r) => wan(r.grantedFen), width: 16 },
      { header: l.paid, value: (r) => wan(r.paidFen), width: 16 },
    ],
  });
  addSheet(wb, {
    name: l.equipmentBySectorYear,
    rows: o.equipmentBySectorYear,
    columns: [
      { header: l.sector, value: (r) => sectors[r.sector], width: 14 },
      { header: l.year, value: (r) => r.year, width: 8 },
      { header: l.equipmentFen, value: (r) => wan(r.equipmentFen), width: 20 },
    ],
  }).getColumn(3).numFmt = '#,##0.0000';
  for (const ws of wb.worksheets.slice(0, 3)) for (const c of [3, 4, 6, 7, 9]) ws.getColumn(c).numFmt = '#,##0.0000';
  wb.worksheets[3]!.getColumn(4).numFmt = '#,##0.0000';
  for (const c of [3, 4, 5]) wb.worksheets[4]!.getColumn(c).numFmt = '#,##0.0000';
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, { entity: overviewPolicy.resource, entityId: null, action: 'export', after: { filters: q } }),
  );
  return { buffer: await workbookToBuffer(wb), filename: `${l.file}-${o.year}.xlsx` };
}
