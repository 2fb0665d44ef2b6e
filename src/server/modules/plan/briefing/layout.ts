import {
  AlignmentType,
  BorderStyle,
  Footer,
  LineRuleType,
  PageNumber,
  Paragraph,
  TableLayoutType,
  TextRun,
  type IBorderOptions,
  type IParagraphOptions,
  type ISectionOptions,
} from 'docx';

/**
 * The page and type of GB/T 9704-2012 (党政机关公文格式), which officials expect a briefing to follow: A4, 天头 37 mm,
 * 订口 28 mm, a 156 × 225 mm 版心 of 22 lines × 28 characters in 3号仿宋, page numbers in 4号半角宋体 as "— 1 —"
 * outside the 版心 (odd pages right, even pages left, one character in from the edge).
 */

const MM = 1440 / 25.4; // twips per millimetre
const twips = (mm: number) => Math.round(mm * MM);

export const PAGE = { width: twips(210), height: twips(297) } as const;
export const MARGIN = { top: twips(37), left: twips(28), right: twips(210 - 28 - 156), bottom: twips(297 - 37 - 225) } as const;
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
/** 225 mm ÷ 22 lines, rounded down so that 22 lines always fit: 28.95 pt, the pitch Word templates of 公文 use. */
export const LINE_PITCH = Math.floor((PAGE.height - MARGIN.top - MARGIN.bottom) / LINES_PER_PAGE);
/** 156 mm ÷ 28 characters, in twips. */
export const CHAR_PITCH = TEXT_WIDTH / CHARS_PER_LINE;

/** Font sizes by their Chinese names, in half-points as Word stores them. */
export const SIZE = { chu: 84, er: 44, san: 32, si: 28, xiaosi: 24, wu: 21 } as const;
/**
 * 28 characters of 3号 (16 pt) need 448 pt, the 版心 gives 442 pt: each character is drawn 0.25 pt closer (in
 * twentieths of a point). Word's character grid (docGrid charSpace) would do the same, but LibreOffice lays that
 * grid out at about half the density, so the squeeze is on the text itself and the grid only fixes the lines.
 */
export const BODY_TRACKING = Math.floor(CHAR_PITCH - SIZE.san * 10);

/** The typefaces the standard names. Where one is missing the font table offers the Windows face, then Noto. */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading: '黑体',
  subheading: '楷体_GB2312',
  song: '宋体',
} as const;
type FontName = (typeof FONT)[keyof typeof FONT];

export const RED = 'FF0000';

const FALLBACKS: Record<FontName, { alt: string; family: 'roman' | 'modern' | 'script' | 'swiss'; panose: string }> = {
  方正小标宋简体: { alt: '宋体', family: 'roman', panose: '02000000000000000000' },
  仿宋_GB2312: { alt: '仿宋', family: 'modern', panose: '02010609030101010101' },
  黑体: { alt: 'SimHei', family: 'modern', panose: '02010609060101010101' },
  楷体_GB2312: { alt: '楷体', family: 'modern', panose: '02010609030101010101' },
  宋体: { alt: 'SimSun', family: 'roman', panose: '02010600030101010101' },
};

/**
 * word/fontTable.xml naming each face with its GB2312 charset, family and the alternative Word takes when the face
 * is not installed (仿宋_GB2312 → 仿宋, shipped with Windows). LibreOffice resolves the names through fontconfig,
 * where test/documents/fonts.conf maps them onto Noto CJK.
 */
export function fontTableXml(): string {
  const fonts = (Object.keys(FALLBACKS) as FontName[])
    .map((name) => {
      const f = FALLBACKS[name];
      return (
        `<w:font w:name="${name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/>` +
        `<w:family w:val="${f.family}"/><w:pitch w:val="${f.family === 'roman' ? 'variable' : 'fixed'}"/></w:font>`
      );
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

export interface RunStyle {
  font?: FontName;
  size?: number;
  bold?: boolean;
  color?: string;
}

export const run = (text: string, s: RunStyle = {}) => {
  const font = s.font ?? FONT.body;
  return new TextRun({
    text,
    font: { ascii: font, eastAsia: font, hAnsi: font, cs: font },
    size: s.size ?? SIZE.san,
    ...(s.bold ? { bold: true } : {}),
    ...(s.color ? { color: s.color } : {}),
    ...((s.size ?? SIZE.san) === SIZE.san ? { characterSpacing: BODY_TRACKING } : {}),
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
  });
};

/** Exactly one grid line per text line: what keeps the page at 22 lines whatever the fonts' own heights. */
export const exactLines = (n = 1) => ({ line: LINE_PITCH * n, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** A body paragraph: 3号仿宋, two characters' first-line indent, justified. */
export const body = (text: string | TextRun[], options: Partial<IParagraphOptions> = {}) =>
  new Paragraph({
    children: typeof text === 'string' ? [run(text)] : text,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(CHAR_PITCH * 2) },
    spacing: exactLines(),
    ...options,
  });

/** 一级标题 "一、" in 3号黑体; 二级 "（一）" in 3号楷体; both indented like body text. */
export const heading1 = (text: string) => body([run(text, { font: FONT.heading })], { keepNext: true, alignment: AlignmentType.LEFT });
export const heading2 = (text: string) => body([run(text, { font: FONT.subheading })], { keepNext: true, alignment: AlignmentType.LEFT });

export const centred = (runs: TextRun[], options: Partial<IParagraphOptions> = {}) =>
  new Paragraph({ children: runs, alignment: AlignmentType.CENTER, spacing: exactLines(), ...options });

export const blankLine = () => new Paragraph({ children: [run('')], spacing: exactLines() });

/**
 * Splits a title into lines of at most `perLine` characters, as even as it can (标题回行 "长短适宜、排列对称"),
 * never inside a run of Latin letters or digits such as a year.
 */
export function titleLines(title: string, perLine: number): string[] {
  const chars = [...title];
  if (chars.length <= perLine) return [title];
  const count = Math.ceil(chars.length / perLine);
  const target = Math.ceil(chars.length / count);
  const lines: string[] = [];
  let at = 0;
  while (at < chars.length) {
    let end = Math.min(chars.length, at + target);
    while (end < chars.length && end > at + 1 && /[0-9A-Za-z]/.test(chars[end]!) && /[0-9A-Za-z]/.test(chars[end - 1]!)) end -= 1;
    lines.push(chars.slice(at, end).join(''));
    at = end;
  }
  return lines;
}

const line = (size: number, color = '000000'): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color, space: 1 });
/** Border widths are eighths of a point: 0.35 mm ≈ 1 pt for 版记's outer lines, 0.25 mm ≈ 0.75 pt inside. */
export const RULE = { thick: line(8), thin: line(6), red: line(12, RED) } as const;

const pageNumber = (align: Align) =>
  new Paragraph({
    alignment: align,
    indent: align === AlignmentType.RIGHT ? { right: SIZE.si * 10 } : { left: SIZE.si * 10 },
    children: [
      new TextRun({
        children: ['— ', PageNumber.CURRENT, ' —'],
        font: { ascii: FONT.song, eastAsia: FONT.song, hAnsi: FONT.song },
        size: SIZE.si,
      }),
    ],
  });

/** The section: page, margins, the 22 × 28 grid and the outside page numbers. */
export function sectionOf(children: ISectionOptions['children']): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        // The page number's 一字线 sits 7 mm below the 版心: the footer's baseline is about 25 mm up the page.
        margin: { ...MARGIN, header: twips(15), footer: twips(25), gutter: 0 },
      },
      // The pitch is recorded, the grid left off: every paragraph sets it exactly itself, while a grid that is on
      // makes LibreOffice snap table text to 28.95 pt lines too.
      grid: { linePitch: LINE_PITCH },
    },
    footers: { default: new Footer({ children: [pageNumber(AlignmentType.RIGHT)] }), even: new Footer({ children: [pageNumber(AlignmentType.LEFT)] }) },
    children,
  };
}

export const FIXED_TABLE = TableLayoutType.FIXED;
