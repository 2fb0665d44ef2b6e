import type { AppDeps } from '../../../../core/deps.js';
import type { RequestContext } from '../../../../core/context.js';
import { authorize } from '../../../../core/policy.js';
import { workbookBuffer, type SheetSpec } from '../../../../http/excel.js';
import { planReportPolicy } from '../policies/report.js';
import { EDITABLE_STATUSES, type ReportRole, type ReportStatus } from '../tables.js';
import type { ReportExportQuery, ReportView } from './schema.js';
import { evidenceOf } from './evidence.js';
import { filtered, reportRows, reportView, scopedTo, sortedBy } from './service.js';

export const STATUS_LABELS: Record<ReportStatus, string> = {
  pending: '待填报',
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  corrected: '修改中',
  accepted: '已通过',
};
export const ROLE_LABELS: Record<ReportRole, string> = { lead: '牵头单位', co: '配合单位', town: '镇街分解' };

/**
 * The columns of the fill-in template, in order. The import finds columns by their header, so a unit may hide or
 * move the informative ones; `报告编号` ties a row to its report and must not be changed.
 */
export const TEMPLATE_HEADERS = {
  reportId: '报告编号',
  period: '报告期',
  deadline: '截止日期',
  indicatorCode: '指标编码',
  indicatorName: '指标名称',
  unit: '计量单位',
  role: '填报口径',
  status: '当前状态',
  value: '本期数值',
  baselineValue: '基期数值',
  narrative: '情况说明',
} as const;

const MAX_EXPORT_ROWS = 100_000;

function valueHint(r: ReportView): string {
  if (r.indicator.kind === 'growth' && r.indicator.unit === '%') return '（填本期实际发生额，不填增长率）';
  return '';
}

/** The reports a unit can still fill in, pre-filled with what it has entered so far. */
export async function reportTemplate(deps: AppDeps, ctx: RequestContext, q: { periodId?: number | undefined }): Promise<Buffer> {
  authorize(ctx.actor, planReportPolicy, 'template');
  const db = deps.database.db;
  let qb = scopedTo(reportRows(db), ctx)
    .where('r.status', 'in', [...EDITABLE_STATUSES])
    .where('p.status', '=', 'open');
  if (q.periodId !== undefined) qb = qb.where('r.period_id', '=', q.periodId);
  const rows = (await qb.orderBy('p.period').orderBy('i.position').orderBy('r.id').execute()).map((r) => reportView(r, []));
  const h = TEMPLATE_HEADERS;
  const fill: SheetSpec<ReportView> = {
    name: '填报',
    columns: [
      { header: h.reportId, width: 10, value: (r) => r.id },
      { header: h.period, width: 10, value: (r) => r.period },
      { header: h.deadline, width: 12, value: (r) => r.deadlineDate },
      { header: h.indicatorCode, width: 12, value: (r) => r.indicator.code },
      { header: h.indicatorName, width: 40, value: (r) => r.indicator.name + valueHint(r) },
      { header: h.unit, width: 10, value: (r) => r.indicator.unit },
      { header: h.role, width: 10, value: (r) => ROLE_LABELS[r.role] },
      { header: h.status, width: 10, value: (r) => STATUS_LABELS[r.status] },
      { header: h.value, width: 12, value: (r) => r.value },
      { header: h.baselineValue, width: 12, value: (r) => (r.needsBaseline ? r.baselineValue : '—') },
      { header: h.narrative, width: 60, value: (r) => r.narrative },
    ],
    rows,
  };
  const notes: SheetSpec<string> = {
    name: '填写说明',
    columns: [{ header: '填写说明', width: 100, value: (s) => s }],
    rows: [
      '只填写“本期数值”“基期数值”“情况说明”三列；不要修改“报告编号”。',
      '百分比填 0–100 之间的数（不带 % 号）；个、座、台、部、场、项等数量填不小于 0 的整数；金额等填不小于 0 的数。',
      '“基期数值”只在显示为空白时需要填写（增长类指标的基期年份数值，只报一次）；显示“—”的行不需要填写。',
      '上传后，文件中所有行一起检查：全部正确才导入，导入的报告保存为草稿（已退回的为“修改中”），请在系统中补充佐证材料后逐项提交；',
      '只要有一处错误，整个文件都不导入，并按行、列列出全部错误。未填写任何内容的行会被跳过。',
    ],
  };
  return workbookBuffer(fill as SheetSpec<unknown>, notes as SheetSpec<unknown>);
}

/** Reports as a spreadsheet for the office (all) or a unit (its own), with the list's filters. */
export async function exportReports(deps: AppDeps, ctx: RequestContext, f: ReportExportQuery): Promise<Buffer> {
  authorize(ctx.actor, planReportPolicy, 'export');
  const db = deps.database.db;
  const rows = await sortedBy(filtered(scopedTo(reportRows(db), ctx), f), f.sort, f.order)
    .limit(MAX_EXPORT_ROWS)
    .execute();
  const evidence = await evidenceOf(db, rows.length <= 5000 ? rows.map((r) => Number(r.id)) : []);
  const views = rows.map((r) => reportView(r, evidence.get(Number(r.id)) ?? []));
  const yes = (b: boolean) => (b ? '是' : '');
  return workbookBuffer<ReportView>({
    name: '指标报告',
    columns: [
      { header: '报告编号', width: 10, value: (r) => r.id },
      { header: '报告期', width: 10, value: (r) => r.period },
      { header: '截止日期', width: 12, value: (r) => r.deadlineDate },
      { header: '指标编码', width: 12, value: (r) => r.indicator.code },
      { header: '指标名称', width: 36, value: (r) => r.indicator.name },
      { header: '计量单位', width: 10, value: (r) => r.indicator.unit },
      { header: '填报单位', width: 20, value: (r) => r.organization.name },
      { header: '填报口径', width: 10, value: (r) => ROLE_LABELS[r.role] },
      { header: '状态', width: 10, value: (r) => STATUS_LABELS[r.status] },
      { header: '本期数值', width: 12, value: (r) => r.value },
      { header: '基期数值', width: 12, value: (r) => r.baselineValue },
      { header: '情况说明', width: 50, value: (r) => r.narrative },
      { header: '佐证材料', width: 30, value: (r) => r.evidence.map((e) => e.filename).join('；') },
      { header: '迟报', width: 8, value: (r) => yes(r.late) },
      { header: '逾期未报', width: 10, value: (r) => yes(r.overdue) },
      { header: '提交次数', width: 10, value: (r) => r.submissionCount },
      { header: '首次提交时间', width: 22, value: (r) => r.firstSubmittedAt },
      { header: '退回原因', width: 30, value: (r) => r.returnReason },
      { header: '通过时间', width: 22, value: (r) => r.acceptedAt },
    ],
    rows: views,
  });
}
