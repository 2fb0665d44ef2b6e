import { AlignmentType, BorderStyle, ImageRun, LineRuleType, Paragraph, Table, TableCell, TableRow, VerticalAlign, WidthType, type IBorderOptions } from 'docx';
import { Raster, type Rgb } from './png.js';
import { CHAR_PITCH, FIXED_TABLE, FONT, RED, RULE, SIZE, TEXT_WIDTH, exactLines, run } from './layout.js';

/** The parts of a briefing outside its body: 版头 above the red line, 版记 at the end; and its tables and charts. */

const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const TABLE_LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const widthsOf = (percents: number[]) => percents.map((p) => Math.floor((TEXT_WIDTH * p) / 100));

/**
 * 发文机关标志: the office's name over two lines, justified to the same length, with 简报 beside it in large type —
 * both red 小标宋 — then the issue number and the date, and the red 版头分隔线 across the 版心.
 */
export function masthead(lines: readonly [string, string], kind: string, issue: string, date: string): (Paragraph | Table)[] {
  const [first, second] = lines;
  const nameWidth = Math.floor(TEXT_WIDTH * 0.76);
  const nameLine = (text: string) =>
    new Paragraph({
      alignment: AlignmentType.DISTRIBUTE,
      spacing: { line: 640, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(text, { font: FONT.title, size: SIZE.er, color: RED })],
    });
  const mark = new Table({
    layout: FIXED_TABLE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [nameWidth, TEXT_WIDTH - nameWidth],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: nameWidth, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            children: [nameLine(first), nameLine(second)],
          }),
          new TableCell({
            width: { size: TEXT_WIDTH - nameWidth, type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            children: [
              new Paragraph({
                alignment: AlignmentType.DISTRIBUTE,
                indent: { left: 280 },
                spacing: { line: 1280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
                children: [run(kind, { font: FONT.title, size: 96, color: RED })],
              }),
            ],
          }),
        ],
      }),
    ],
  });
  const half = Math.floor(TEXT_WIDTH / 2);
  const issueLine = new Table({
    layout: FIXED_TABLE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [half, TEXT_WIDTH - half],
    borders: { ...NO_BORDERS, bottom: RULE.red },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: half, type: WidthType.DXA },
            children: [new Paragraph({ indent: { left: Math.round(CHAR_PITCH) }, spacing: exactLines(), children: [run(issue)] })],
          }),
          new TableCell({
            width: { size: TEXT_WIDTH - half, type: WidthType.DXA },
            children: [
              new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(CHAR_PITCH) }, spacing: exactLines(), children: [run(date)] }),
            ],
          }),
        ],
      }),
    ],
  });
  return [new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [] }), mark, spacer(200), issueLine];
}

const spacer = (twips: number) =>
  new Paragraph({ spacing: { line: twips, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children: [run('', { size: 4 })] });

/**
 * 版记 (after the body, kept in one piece): 抄送 and 印发机关 with the 印发日期, in 4号仿宋 between a thick first and last line and a thin line between
 * them, one character in from either side.
 */
export function colophon(copiesTo: string, issuer: string, printedOn: string): Table {
  const indent = SIZE.si * 10;
  const cell = (children: Paragraph[], borders: { top: IBorderOptions; bottom: IBorderOptions }, columnSpan?: number) =>
    new TableCell({
      ...(columnSpan ? { columnSpan } : {}),
      borders: { ...borders, left: NONE, right: NONE },
      margins: { top: 60, bottom: 60, left: 0, right: 0 },
      verticalAlign: VerticalAlign.CENTER,
      children,
    });
  const p = (text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType], keepNext = false) =>
    new Paragraph({
      alignment: align,
      keepNext,
      indent: align === AlignmentType.RIGHT ? { right: indent } : { left: indent, hanging: 0 },
      spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [run(text, { size: SIZE.si })],
    });
  const left = Math.floor(TEXT_WIDTH * 0.62);
  return new Table({
    layout: FIXED_TABLE,

    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, TEXT_WIDTH - left],
    borders: NO_BORDERS,
    rows: [
      new TableRow({ cantSplit: true, children: [cell([p(`抄送：${copiesTo}`, AlignmentType.LEFT, true)], { top: RULE.thick, bottom: RULE.thin }, 2)] }),
      new TableRow({
        cantSplit: true,
        children: [
          cell([p(issuer, AlignmentType.LEFT)], { top: RULE.thin, bottom: RULE.thick }),
          cell([p(`${printedOn}印发`, AlignmentType.RIGHT)], { top: RULE.thin, bottom: RULE.thick }),
        ],
      }),
    ],
  });
}

/** A ruled table in 小四仿宋, its header row in 黑体 and repeated on each page it runs onto. */
export function dataTable(headers: string[], rows: string[][], percents: number[], align: ('left' | 'center' | 'right')[] = []): Table {
  const widths = widthsOf(percents);
  const alignment = (i: number, header: boolean) =>
    header || align[i] === 'center' ? AlignmentType.CENTER : align[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      children: [
        new Paragraph({
          alignment: alignment(i, header),
          spacing: { line: 340, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [run(text, { font: header ? FONT.heading : FONT.body, size: SIZE.xiaosi })],
        }),
      ],
    });
  return new Table({
    layout: FIXED_TABLE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: TABLE_LINE, bottom: TABLE_LINE, left: TABLE_LINE, right: TABLE_LINE, insideHorizontal: TABLE_LINE, insideVertical: TABLE_LINE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
    ],
  });
}

/** 图N … : a caption in 4号黑体, centred. */
export const caption = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: exactLines(), children: [run(text, { font: FONT.heading, size: SIZE.si })] });

export interface ChartBar {
  label: string;
  value: number;
  text: string;
  color: Rgb;
}

const PX_PER_MM = 96 / 25.4;
const BAR_MM = { height: 4.2, max: 72 } as const;
const solidPng = (() => {
  const cache = new Map<string, Buffer>();
  return (color: Rgb) => {
    const key = color.join(',');
    if (!cache.has(key)) {
      const r = new Raster(8, 8, color);
      cache.set(key, r.toPng());
    }
    return cache.get(key)!;
  };
})();

/**
 * A horizontal bar chart whose labels are the things themselves (行动, 状态) in the document's own type, so that
 * they read in Chinese wherever the file is opened: a table of label, bar and value, the bars drawn as solid
 * images sized to scale against an axis line.
 */
export function barChart(bars: readonly ChartBar[], max: number): Table {
  const labelWidth = Math.floor(TEXT_WIDTH * 0.4);
  const top = max > 0 ? max : 1;
  const row = (bar: ChartBar) => {
    const length = Math.max(0, Math.min(1, bar.value / top)) * BAR_MM.max;
    const children = [
      ...(length > 0.2
        ? [
            new ImageRun({
              type: 'png',
              data: solidPng(bar.color),
              transformation: { width: Math.max(1, Math.round(length * PX_PER_MM)), height: Math.round(BAR_MM.height * PX_PER_MM) },
            }),
          ]
        : []),
      run(`  ${bar.text}`, { size: SIZE.xiaosi }),
    ];
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: labelWidth, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          margins: { top: 30, bottom: 30, left: 0, right: 120 },
          borders: { top: NONE, bottom: NONE, left: NONE, right: { style: BorderStyle.SINGLE, size: 6, color: '404040' } },
          children: [
            new Paragraph({
              alignment: AlignmentType.RIGHT,
              spacing: { line: 340, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
              children: [run(bar.label, { size: SIZE.xiaosi })],
            }),
          ],
        }),
        new TableCell({
          width: { size: TEXT_WIDTH - labelWidth, type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          margins: { top: 30, bottom: 30, left: 0, right: 0 },
          borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
          children: [new Paragraph({ spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children })],
        }),
      ],
    });
  };
  return new Table({
    layout: FIXED_TABLE,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [labelWidth, TEXT_WIDTH - labelWidth],
    borders: NO_BORDERS,
    rows: bars.map(row),
  });
}
