import { Document, Packer, Paragraph, type Table } from 'docx';
import { formatNumber, type IndicatorStatus } from '../status/evaluate.js';
import type { PlanAlert } from '../supervision/alerts.js';
import { supervisionMessageList } from '../supervision/messages.js';
import { ATTENTION, STATUS_COLOR, STATUS_ZH, type BriefingData } from './data.js';
import { CHARS_PER_LINE, FONT, SIZE, blankLine, body, centred, exactLines, fontTableXml, heading1, heading2, run, sectionOf, titleLines } from './layout.js';
import { barChart, caption, colophon, dataTable, masthead } from './parts.js';
import { BRIEFING_KIND, COPIES_TO, ISSUER, ISSUER_LINES, NEXT_STEPS } from './texts.js';

export { briefingData, STATUS_ZH, type BriefingData } from './data.js';

/**
 * The monthly briefing is an official document (公文) and, like every 公文 the office issues, it is written in
 * Chinese only: the words are fixed here (texts.ts) rather than in the bilingual message catalogue.
 */

const num = (v: number | null, unit = '') => (v === null ? '—' : `${formatNumber(v)}${unit === '百分点' ? '个百分点' : unit}`);
const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五'];
const ordinal = (i: number) => ORDINALS[i] ?? String(i + 1);
/** 成文日期 in Arabic numerals without leading zeros, as GB/T 9704 writes it: 2025年3月5日. */
const chineseDate = (isoDay: string) => {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
};
const ALERT_ZH: Record<PlanAlert['colour'], string> = { red: '红色', yellow: '黄色', blue: '蓝色' };
const ALERT_ORDER: PlanAlert['colour'][] = ['red', 'yellow', 'blue'];

/** The alert's reason in the words of its message (Chinese, like the rest of the briefing). */
function alertReason(a: PlanAlert): string {
  const template = (supervisionMessageList as Record<string, { 'zh-CN': string } | undefined>)[a.reason]?.['zh-CN'];
  if (!template) return a.reason;
  const params: Record<string, string | number> = { ...a.params, title: a.title };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** 三色预警: the alerts standing on the day, counted by colour, then listed red first. */
function alertSection(alerts: readonly PlanAlert[], day: string): (Paragraph | Table)[] {
  if (!alerts.length) return [body(`截至${day}，无在督办的三色预警事项。`)];
  const count = (c: PlanAlert['colour']) => alerts.filter((a) => a.colour === c).length;
  const sorted = [...alerts].sort((a, b) => ALERT_ORDER.indexOf(a.colour) - ALERT_ORDER.indexOf(b.colour));
  return [
    body(
      `截至${day}，在督办的三色预警事项共${alerts.length}项，其中红色预警（逾期）${count('red')}项、黄色预警（滞后于序时进度）${count('yellow')}项、` +
        `蓝色预警（临近期限）${count('blue')}项。红色预警事项请责任单位立即整改、限期销号。`,
    ),
    dataTable(
      ['预警', '事项', '责任单位', '预警原因'],
      sorted.map((a) => [ALERT_ZH[a.colour], `${a.subject === 'order' ? '督办单：' : ''}${a.title}`, a.unitName ?? '—', alertReason(a)]),
      [10, 30, 18, 42],
      ['center'],
    ),
  ];
}

/** The monthly work briefing (工作简报) as a Word document laid out to GB/T 9704-2012. */
export async function monthlyBriefingDocx(data: BriefingData): Promise<Buffer> {
  const { dashboard: d, reports } = data;
  const [year, month] = data.period.split('-').map(Number) as [number, number];
  const asOfDay = new Date(Date.parse(data.asOf) - 1).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const day = chineseDate(asOfDay);
  const counts: Record<IndicatorStatus, number> = { on_track: 0, at_risk: 0, behind: 0, overdue: 0, not_started: 0 };
  for (const i of d.indicators) counts[i.status] += 1;
  const progressValues = d.indicators.map((i) => i.progress).filter((p): p is number => p !== null);
  const meanProgress = progressValues.length ? progressValues.reduce((s, p) => s + Math.min(100, Math.max(0, p)), 0) / progressValues.length : null;
  const statuses = Object.keys(STATUS_ZH) as IndicatorStatus[];
  const title = `${data.plan.title}${year}年${month}月工作进展情况`;

  const children: (Paragraph | Table)[] = [
    ...masthead(ISSUER_LINES, BRIEFING_KIND, `${year}年第${month}期`, day),
    blankLine(),
    ...titleLines(title, Math.floor((CHARS_PER_LINE * SIZE.san) / SIZE.er)).map((l) =>
      centred([run(l, { font: FONT.title, size: SIZE.er })], { spacing: { ...exactLines(), line: 700 } }),
    ),
    blankLine(),
    body(`按照《${data.plan.title}》（${data.plan.docNumber}）分工，现将截至${day}各项行动推进情况通报如下。`),

    heading1('一、总体情况'),
    body(
      `方案共设量化指标${d.indicators.length}项，截至${day}：按进度推进${counts.on_track}项，存在风险${counts.at_risk}项，` +
        `滞后${counts.behind}项，逾期未报${counts.overdue}项，尚未开始${counts.not_started}项；平均完成进度${meanProgress === null ? '—' : `${formatNumber(meanProgress)}%`}。`,
    ),
    body(
      reports.total
        ? `本期（${year}年${month}月）应报指标报告${reports.total}份，已提交待审核${reports.submitted}份，已审核通过${reports.accepted}份，退回修改${reports.returned + reports.corrected}份，` +
            `未提交${reports.pending + reports.draft}份（其中逾期${reports.overdue}份），迟报${reports.late}份。`
        : `本期（${year}年${month}月）尚未开启填报。`,
    ),
    caption('图1　各项行动指标平均完成进度'),
    barChart(
      d.cards.map((c) => ({
        label: c.title,
        value: c.meanProgress ?? 0,
        text: c.meanProgress === null ? '—' : `${formatNumber(c.meanProgress)}%`,
        color: [47, 84, 150],
      })),
      100,
    ),
    blankLine(),
    caption('图2　指标状态分布'),
    barChart(
      statuses.map((s) => ({ label: STATUS_ZH[s], value: counts[s], text: `${counts[s]}项`, color: STATUS_COLOR[s] })),
      Math.max(1, ...statuses.map((s) => counts[s])),
    ),
    blankLine(),
    dataTable(
      ['序号', '行动', '指标数', '平均进度', '滞后', '风险', '逾期'],
      d.cards.map((c, i) => [
        String(i + 1),
        c.title,
        String(c.total),
        c.meanProgress === null ? '—' : `${formatNumber(c.meanProgress)}%`,
        String(c.counts.behind),
        String(c.counts.at_risk),
        String(c.counts.overdue),
      ]),
      [8, 44, 10, 14, 8, 8, 8],
      ['center', 'left', 'center', 'right', 'center', 'center', 'center'],
    ),

    heading1('二、各项行动指标进展'),
  ];
  d.cards.forEach((card, i) => {
    const rows = d.indicators.filter((x) => x.actionId === card.actionId);
    children.push(heading2(`（${ordinal(i)}）${card.title}`));
    if (!rows.length) {
      children.push(body('本行动无量化指标。'));
      return;
    }
    children.push(
      dataTable(
        ['指标', '目标', '当前值', '序时应达', '进度', '状态'],
        rows.map((x) => [
          x.name,
          x.target === null ? '—' : `${x.targetYear}年${x.comparator}${num(x.target, x.unit)}`,
          num(x.actual, x.unit),
          num(x.expected, x.unit),
          x.progress === null ? '—' : `${formatNumber(x.progress)}%`,
          STATUS_ZH[x.status],
        ]),
        [31, 21, 13, 13, 9, 13],
        ['left', 'left', 'right', 'right', 'right', 'center'],
      ),
    );
  });

  children.push(heading1('三、三色预警情况'), ...alertSection(data.alerts, day));

  const attention = d.indicators.filter((x) => ATTENTION.includes(x.status));
  children.push(heading1('四、滞后及风险指标'));
  children.push(
    attention.length
      ? dataTable(
          ['指标', '牵头单位', '状态', '原因'],
          attention.map((x) => [x.name, x.leadUnit ?? '—', STATUS_ZH[x.status], x.reason.zh]),
          [26, 17, 15, 42],
          ['left', 'left', 'center'],
        )
      : body('本期无滞后或存在风险的指标。'),
  );

  children.push(heading1('五、逾期未报单位'));
  children.push(
    data.overdueUnits.length
      ? dataTable(
          ['单位', '逾期份数', '涉及指标'],
          data.overdueUnits.map((u) => [u.name, String(u.count), u.indicators.join('、')]),
          [22, 13, 65],
          ['left', 'center'],
        )
      : body('截至本期截止日，无逾期未报单位。'),
  );
  children.push(heading1('六、下步工作'));
  for (const p of NEXT_STEPS) children.push(body(p));

  // 版记 follows the body; GB/T 9704 puts it at the foot of the last page, which the docx lays out as it goes.
  children.push(colophon(COPIES_TO, ISSUER, day), new Paragraph({ children: [] }));

  const doc = new Document({
    creator: ISSUER,
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body }, size: SIZE.san, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: exactLines() },
        },
      },
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: { ascii: FONT.body, eastAsia: FONT.body, hAnsi: FONT.body }, size: SIZE.san },
          paragraph: { spacing: exactLines() },
        },
      ],
    },
    sections: [sectionOf(children)],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }]);
}
