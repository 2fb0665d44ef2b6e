import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { buildDashboard } from '../dashboard/service.js';
import type { DashboardView } from '../dashboard/schema.js';
import { metricRegistry } from '../metrics/index.js';
import { combinedObservationSource } from '../observations/source.js';
import { reportedObservationSource } from '../reporting/observations.js';
import { briefingPolicy } from '../reporting/policies/briefing.js';
import { monthlyPeriod } from '../reporting/periods/dates.js';
import { UNSUBMITTED_STATUSES, type ReportStatus } from '../reporting/tables.js';
import { formatNumber, type IndicatorStatus } from '../status/evaluate.js';
import { shanghaiDate } from '../status/time.js';
import { renderBarChart, type Bar } from './barChart.js';
import type { Rgb } from './png.js';

export const STATUS_ZH: Record<IndicatorStatus, string> = {
  on_track: '按进度推进',
  at_risk: '存在风险',
  behind: '滞后',
  overdue: '逾期未报',
  not_started: '尚未开始',
};
const STATUS_COLOR: Record<IndicatorStatus, Rgb> = {
  on_track: [56, 142, 60],
  at_risk: [245, 166, 35],
  behind: [211, 47, 47],
  overdue: [123, 31, 162],
  not_started: [158, 158, 158],
};
const ATTENTION: readonly IndicatorStatus[] = ['behind', 'at_risk', 'overdue'];

export interface BriefingData {
  plan: { id: number; title: string; docNumber: string };
  period: string;
  asOf: string;
  dashboard: DashboardView;
  reports: Record<ReportStatus, number> & { total: number; late: number; overdue: number };
  overdueUnits: { name: string; count: number; indicators: string[] }[];
}

/**
 * What the monthly briefing says, as of the period's reporting deadline (or now, if that is still ahead): the
 * dashboard's evaluation of every indicator — the plan's status functions, not a second opinion — the period's
 * reports by status, and the units with reports overdue by then (this period or earlier ones).
 */
export async function briefingData(deps: AppDeps, ctx: RequestContext, planId: number, period: string, now = Date.now()): Promise<BriefingData> {
  authorize(ctx.actor, briefingPolicy, 'generate', { planId });
  const db = deps.database.db;
  const plan = await db.selectFrom('plans').select(['id', 'title', 'doc_number']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound();
  const periodRow = await db.selectFrom('plan_reporting_periods').selectAll().where('plan_id', '=', planId).where('period', '=', period).executeTakeFirst();
  const deadlineAt = Date.parse(periodRow?.deadline_at ?? monthlyPeriod(period, 5).deadlineAt);
  const asOfMs = Math.min(now, deadlineAt);
  // The dashboard's as-of is a whole Shanghai day: the deadline day itself, or today.
  const asOfDate = shanghaiDate(asOfMs - 1);
  const dashboard = await buildDashboard(
    deps,
    ctx,
    { registry: metricRegistry, observations: combinedObservationSource(metricRegistry, reportedObservationSource) },
    { planId, asOf: asOfDate },
  );
  const reports = { total: 0, late: 0, overdue: 0, pending: 0, draft: 0, submitted: 0, returned: 0, corrected: 0, accepted: 0 };
  if (periodRow) {
    const rows = await db
      .selectFrom('plan_reports')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('late').as('late')])
      .where('period_id', '=', Number(periodRow.id))
      .groupBy('status')
      .execute();
    for (const r of rows) {
      reports[r.status] += Number(r.n);
      reports.total += Number(r.n);
      reports.late += Number(r.late ?? 0);
      if (UNSUBMITTED_STATUSES.includes(r.status) && deadlineAt <= now) reports.overdue += Number(r.n);
    }
  }
  const overdueRows = await db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
    .select(['o.id as organization_id', 'o.name', 'i.name as indicator'])
    .where('r.plan_id', '=', planId)
    .where('r.status', 'in', [...UNSUBMITTED_STATUSES])
    .where('p.deadline_at', '<=', new Date(asOfMs).toISOString())
    .where('p.period', '<=', period)
    .orderBy('o.id')
    .execute();
  const units = new Map<number, { name: string; count: number; indicators: Set<string> }>();
  for (const r of overdueRows) {
    const u = units.get(Number(r.organization_id)) ?? { name: r.name, count: 0, indicators: new Set<string>() };
    u.count += 1;
    u.indicators.add(r.indicator);
    units.set(Number(r.organization_id), u);
  }
  return {
    plan: { id: Number(plan.id), title: plan.title, docNumber: plan.doc_number },
    period,
    asOf: new Date(asOfMs).toISOString(),
    dashboard,
    reports,
    overdueUnits: [...units.values()].sort((a, b) => b.count - a.count).map((u) => ({ name: u.name, count: u.count, indicators: [...u.indicators] })),
  };
}

const FONT = 'SimSun';
const text = (t: string, opts: { bold?: boolean; size?: number } = {}) => new TextRun({ text: t, font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, ...opts });
const para = (t: string, opts: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; size?: number } = {}) =>
  new Paragraph({
    children: [text(t, { ...(opts.bold ? { bold: true } : {}), ...(opts.size ? { size: opts.size } : {}) })],
    ...(opts.align ? { alignment: opts.align } : {}),
    spacing: { after: 120 },
  });
const heading = (t: string) =>
  new Paragraph({ heading: HeadingLevel.HEADING_2, children: [text(t, { bold: true, size: 30 })], spacing: { before: 240, after: 120 } });

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
function table(headers: string[], rows: string[][], widths?: number[]): Table {
  const cell = (t: string, header: boolean, i: number) =>
    new TableCell({
      children: [new Paragraph({ children: [text(t, { size: 20, ...(header ? { bold: true } : {}) })] })],
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF7' } } : {}),
      ...(widths?.[i] ? { width: { size: widths[i]!, type: WidthType.PERCENTAGE } } : {}),
      borders: { top: border, bottom: border, left: border, right: border },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

const num = (v: number | null, unit = '') => (v === null ? '—' : `${formatNumber(v)}${unit === '百分点' ? '个百分点' : unit}`);

/** The monthly work briefing (工作简报) as a Word document. */
export async function monthlyBriefingDocx(data: BriefingData): Promise<Buffer> {
  const { dashboard: d, reports } = data;
  const [year, month] = data.period.split('-').map(Number) as [number, number];
  const counts: Record<IndicatorStatus, number> = { on_track: 0, at_risk: 0, behind: 0, overdue: 0, not_started: 0 };
  for (const i of d.indicators) counts[i.status] += 1;
  const progressValues = d.indicators.map((i) => i.progress).filter((p): p is number => p !== null);
  const meanProgress = progressValues.length ? progressValues.reduce((s, p) => s + Math.min(100, Math.max(0, p)), 0) / progressValues.length : null;

  const chartBars: Bar[] = d.cards.map((c) => ({ value: c.meanProgress ?? 0 }));
  const chart = renderBarChart(chartBars, { width: 720, height: 300, max: 100, suffix: '%' });
  const statusChart = renderBarChart(
    (Object.keys(STATUS_ZH) as IndicatorStatus[]).map((s) => ({ value: counts[s], color: STATUS_COLOR[s] })),
    { width: 720, height: 260 },
  );

  const children: (Paragraph | Table)[] = [
    para('工作简报', { bold: true, size: 52, align: AlignmentType.CENTER }),
    para(`${year}年第${month}期`, { align: AlignmentType.CENTER, size: 28 }),
    para(`工作专班办公室${'\u3000'.repeat(4)}${shanghaiDate(Date.parse(data.asOf) - 1)}`, { align: AlignmentType.CENTER }),
    para(`${data.plan.title}（${data.plan.docNumber}）${year}年${month}月工作进展`, { bold: true, align: AlignmentType.CENTER, size: 30 }),

    heading('一、总体情况'),
    para(
      `方案共设量化指标${d.indicators.length}项，截至${shanghaiDate(Date.parse(data.asOf) - 1)}：按进度推进${counts.on_track}项，存在风险${counts.at_risk}项，` +
        `滞后${counts.behind}项，逾期未报${counts.overdue}项，尚未开始${counts.not_started}项；平均完成进度${meanProgress === null ? '—' : `${formatNumber(meanProgress)}%`}。`,
    ),
    para(
      reports.total
        ? `本期（${data.period}）应报指标报告${reports.total}份，已提交待审核${reports.submitted}份，已审核通过${reports.accepted}份，退回修改${reports.returned + reports.corrected}份，` +
            `未提交${reports.pending + reports.draft}份（其中逾期${reports.overdue}份），迟报${reports.late}份。`
        : `本期（${data.period}）尚未开启填报。`,
    ),
    table(
      ['指标总数', '按进度推进', '存在风险', '滞后', '逾期未报', '尚未开始'],
      [
        [
          String(d.indicators.length),
          String(counts.on_track),
          String(counts.at_risk),
          String(counts.behind),
          String(counts.overdue),
          String(counts.not_started),
        ],
      ],
    ),
    para('图1　各项行动指标平均完成进度（%）', { bold: true, align: AlignmentType.CENTER }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: chart, transformation: { width: 600, height: 250 } })] }),
    table(
      ['序号', '行动', '指标数', '平均进度', '滞后/风险/逾期'],
      d.cards.map((c, i) => [
        String(i + 1),
        c.title,
        String(c.total),
        c.meanProgress === null ? '—' : `${formatNumber(c.meanProgress)}%`,
        `${c.counts.behind}/${c.counts.at_risk}/${c.counts.overdue}`,
      ]),
      [8, 52, 12, 14, 14],
    ),
    para('图2　指标状态分布（项）', { bold: true, align: AlignmentType.CENTER }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data: statusChart, transformation: { width: 600, height: 217 } })],
    }),
    table(
      ['序号', '状态', '指标数'],
      (Object.keys(STATUS_ZH) as IndicatorStatus[]).map((s, i) => [String(i + 1), STATUS_ZH[s], String(counts[s])]),
      [15, 55, 30],
    ),

    heading('二、各项行动指标进展'),
  ];
  const chineseOrdinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
  d.cards.forEach((card, i) => {
    const rows = d.indicators.filter((x) => x.actionId === card.actionId);
    children.push(para(`（${chineseOrdinals[i] ?? String(i + 1)}）${card.title}`, { bold: true }));
    if (!rows.length) {
      children.push(para('本行动无量化指标。'));
      return;
    }
    children.push(
      table(
        ['指标', '目标', '当前值', '按进度应达', '进度', '状态'],
        rows.map((x) => [
          x.name,
          x.target === null ? '—' : `${x.targetYear}年${x.comparator}${num(x.target, x.unit)}`,
          num(x.actual, x.unit),
          num(x.expected, x.unit),
          x.progress === null ? '—' : `${formatNumber(x.progress)}%`,
          STATUS_ZH[x.status],
        ]),
        [34, 16, 13, 13, 10, 14],
      ),
    );
  });

  const attention = d.indicators.filter((x) => ATTENTION.includes(x.status));
  children.push(heading('三、滞后及风险指标'));
  children.push(
    attention.length
      ? table(
          ['指标', '牵头单位', '状态', '原因'],
          attention.map((x) => [x.name, x.leadUnit ?? '—', STATUS_ZH[x.status], x.reason.zh]),
          [28, 18, 12, 42],
        )
      : para('本期无滞后或存在风险的指标。'),
  );

  children.push(heading('四、逾期未报单位'));
  children.push(
    data.overdueUnits.length
      ? table(
          ['单位', '逾期报告数', '涉及指标'],
          data.overdueUnits.map((u) => [u.name, String(u.count), u.indicators.join('、')]),
          [25, 15, 60],
        )
      : para('截至本期截止日，无逾期未报单位。'),
  );
  children.push(heading('五、下步工作'));
  children.push(para('请各牵头单位、配合单位和各镇（街道）、经济开发区对照滞后指标及原因，抓紧推进，按时报送下期进展；逾期未报单位请于三个工作日内补报。'));

  const doc = new Document({
    creator: 'Huanxin',
    title: `${data.plan.title} 工作简报 ${data.period}`,
    styles: { default: { document: { run: { font: { ascii: FONT, eastAsia: FONT, hAnsi: FONT }, size: 24 } } } },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1300, right: 1300 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
