/**
 * From quantities to indicators: each quantity takes its subject (the words since the previous quantity or clause
 * break), its year (到2026年 in its sentence, else the year the paragraph gave once, else the plan's end year), a
 * baseline year for growth (较2023年), its kind, and whether the plan only strives for it (力争). Two quantities of
 * one thing at two dates (到2025年40部，到2027年累计60部) become one indicator with two targets.
 */
import { findFullCoverage, findQuantities, type IntakeComparator, type Quantity } from './quantities.js';

export type IndicatorKind = 'cumulative' | 'annual' | 'level' | 'growth' | 'share';

export interface ExtractedIndicator {
  name: string;
  /** The clause, verbatim from the compact text. */
  text: string;
  unit: string;
  kind: IndicatorKind;
  comparator: IntakeComparator;
  baselineYear: number | null;
  yearOnYear: boolean;
  targets: { year: number; value: number }[];
  isEffort: boolean;
  /** Compact-text span of the clause (subject through quantity). */
  start: number;
  end: number;
  confidence: number;
  /** Message keys of what the reader should check. */
  doubts: IntakeDoubt[];
}

export type IntakeDoubt =
  'rangeTaken' | 'yearAssumed' | 'nameBorrowed' | 'inWords' | 'decrease' | 'noBaseline' | 'lessOrEqual' | 'chineseNumeral' | 'shortName';

export interface Period {
  startYear: number;
  endYear: number;
}

const SENTENCE_END = /[。；！!;]/;
const CLAUSE_BREAK = /[，。；：！,;:]/;
const YEAR_MARK = /(?:力争|争取)?(?:到|至|截至|截止)(\d{4})年(?:底|末)?(?:前)?|(\d{4})年(?:底前|前|以前)|(?:^|(?<=[，。；：]))(\d{4})年(?=[，,])/g;
const BASELINE = /(?:较|比|相比|与)(\d{4})年(?:底|末)?(?:相比)?/;
const EACH_YEAR = /每年|年均|逐年|每年度/;
const ANNUAL_SUBJECT = /^年|年(?:销售|产|交易|接待|营业|收入|客流|用电|用气|处理|回收|出口|进口|引进|新增)/;
const SHARE_SUBJECT = /(?:占比|比重|份额|所占比例)$/;
const RATE_SUBJECT = /(?:率|比例|水平|指数|覆盖面)$/;

interface YearMark {
  year: number;
  start: number;
  end: number;
}

function yearMarks(text: string, from: number, to: number): YearMark[] {
  const out: YearMark[] = [];
  for (const m of text.slice(from, to).matchAll(YEAR_MARK)) {
    const y = Number(m[1] ?? m[2] ?? m[3]);
    out.push({ year: y, start: from + m.index, end: from + m.index + m[0].length });
  }
  return out;
}

function sentenceStartOf(text: string, pos: number, floor: number): number {
  for (let i = pos - 1; i >= floor; i--) if (SENTENCE_END.test(text[i]!)) return i + 1;
  return floor;
}

/** The thing counted, cleaned of the year, comparator and verb words around it. */
function cleanSubject(raw: string): string {
  let s = raw
    .replace(/^[、，,；;：:和及与并]+/, '')
    .replace(/(?:力争|争取)?(?:到|至|截至|截止)\d{4}年(?:底|末)?(?:前)?[，,]?/g, '')
    .replace(/\d{4}年(?:底前|前|以前)[，,]?/g, '')
    .replace(/(?:较|比|相比|与)\d{4}年(?:底|末)?(?:相比)?/g, '')
    .replace(/^(?:力争|争取|确保)/, '')
    .replace(/^(?:全市|全县|全区|全省|全镇|市级|县级)/, '')
    .replace(/^(?:每年|年均|逐年|累计)+/, '');
  s = s.replace(
    /(?:不超过|不高于|控制在|低于|少于|不少于|不低于|至少|达到|达|突破|超过|超出|高于|超|约|大约|接近|近|为|在|保持|稳定|提高到|提升到|提升至|提高至|增长到|增加到|降至|下降到)+$/,
    '',
  );
  s = s.replace(/(?:增长|提高|提升|增加|扩大|下降|降低|减少|压减)(?:了)?$/, '');
  s = s.replace(/^(?:组织实施|组织开展|组织|完成|实施|开展|推动|推进|实现|力争|累计|建成|达到)(?=.{3,})/, '');
  return s.replace(/[、，,；;：:“”"]+$/, '').trim();
}

function nameFor(subject: string, q: Quantity, kind: IndicatorKind): string {
  if (kind === 'growth') {
    if (q.unit === '百分点') return `${subject}提高幅度`;
    return /率$/.test(subject) ? `${subject}增长` : `${subject}增长率`;
  }
  if (q.unit === '%' || q.unit === '‰') return subject;
  if (/平方米|亩|平方公里/.test(q.unit)) return /面积$/.test(subject) ? subject : `${subject}面积`;
  if (/元$/.test(q.unit)) return subject;
  if (/公里|千米|米/.test(q.unit)) return /里程|长度$/.test(subject) ? subject : `${subject}里程`;
  if (/场|次/.test(q.unit)) return /场次|次数$/.test(subject) ? subject : `${subject}场次`;
  if (/辆$/.test(q.unit)) return /量|数$/.test(subject) ? subject : `${subject}数量`;
  return /[数量]$/.test(subject) ? subject : `${subject}数`;
}

/** Indicators of one block (an action's paragraph or a task), in the order the plan writes them. */
export function extractIndicators(text: string, from: number, to: number, period: Period, paragraphYear: number | null): ExtractedIndicator[] {
  const marks = yearMarks(text, from, to);
  const quantities = findQuantities(text, from, to);
  const out: (ExtractedIndicator & { sentence: number; q: Quantity; explicitYear: boolean })[] = [];
  let previousEnd = from;

  for (const q of quantities) {
    const sentence = sentenceStartOf(text, q.start, from);
    let clauseStart = q.start;
    while (clauseStart > from && !CLAUSE_BREAK.test(text[clauseStart - 1]!)) clauseStart--;
    let subjectStart = Math.max(clauseStart, previousEnd);
    while (subjectStart < q.start && /[、，,；;：:和及与并]/.test(text[subjectStart]!)) subjectStart++;
    const rawSubject = text.slice(subjectStart, q.start);
    const sentenceText = text.slice(sentence, q.start);
    const doubts: IntakeDoubt[] = [];

    const own = marks.filter((m) => m.end <= q.start && m.start >= sentence).pop();
    const earlier = marks.filter((m) => m.end <= q.start).pop();
    const year = own?.year ?? earlier?.year ?? paragraphYear ?? period.endYear;
    const clauseText = text.slice(clauseStart, q.start);
    const baseline = BASELINE.exec(clauseText);
    // 每年 carries over the clauses of its sentence (每年组织…1200场，带动消费500亿元) unless a clause names its own year.
    const ownInClause = marks.some((m) => m.start >= clauseStart && m.end <= q.start);
    const eachYear = EACH_YEAR.test(clauseText) || (!ownInClause && EACH_YEAR.test(sentenceText));
    if (!own && !earlier && paragraphYear === null && !eachYear) doubts.push('yearAssumed');
    let subject = cleanSubject(rawSubject);
    const isGrowth = !!baseline || (q.growthVerb && (q.unit === '%' || q.unit === '百分点'));
    let kind: IndicatorKind;
    if (isGrowth) kind = 'growth';
    else if (eachYear || ANNUAL_SUBJECT.test(subject)) kind = 'annual';
    else if ((q.unit === '%' || q.unit === '‰') && SHARE_SUBJECT.test(subject)) kind = 'share';
    else if (q.unit === '%' || q.unit === '‰' || RATE_SUBJECT.test(subject)) kind = 'level';
    else kind = 'cumulative';
    const yearOnYear = kind === 'growth' && !baseline && (eachYear || /同比/.test(clauseText));
    let baselineYear = baseline ? Number(baseline[1]) : null;
    if (kind === 'growth' && baselineYear === null && !yearOnYear) {
      baselineYear = period.startYear - 1;
      doubts.push('noBaseline');
    }

    if (subject.length === 0) {
      const prev = out[out.length - 1];
      if (prev && prev.sentence === sentence) {
        subject = prev.name.replace(/(?:增长率|提高幅度)$/, '');
        doubts.push('nameBorrowed');
      }
    }
    const name = nameFor(subject || q.unit, q, kind);
    if (subject.length < 2) doubts.push('shortName');
    if (q.rangeTo !== null) doubts.push('rangeTaken');
    if (q.implicit) doubts.push('inWords');
    if (q.decrease) doubts.push('decrease');
    if (q.comparator === '≤') doubts.push('lessOrEqual');
    if (q.chinese && !q.implicit) doubts.push('chineseNumeral');

    const isEffort = /力争|争取/.test(sentenceText);
    const years = kind === 'annual' && eachYear ? range(period.startYear, period.endYear) : yearOnYear ? range(period.startYear, period.endYear) : [year];
    const targets = years.map((y) => ({ year: y, value: q.value }));

    // 到2025年40部，到2027年累计60部: the same thing counted at a later date.
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.sentence === sentence &&
      prev.unit === q.unit &&
      own &&
      prev.explicitYear &&
      prev.targets.length === 1 &&
      prev.targets[0]!.year < year &&
      (/累计/.test(text.slice(clauseStart, q.start)) || overlap(prev.name, name) >= 0.5)
    ) {
      prev.targets.push({ year, value: q.value });
      prev.end = q.end;
      prev.text = text.slice(prev.start, q.end);
      prev.kind = 'cumulative';
      previousEnd = q.end;
      continue;
    }

    out.push({
      name,
      text: text.slice(subjectStart, q.end),
      unit: q.unit,
      kind,
      comparator: q.comparator,
      baselineYear: kind === 'growth' ? baselineYear : null,
      yearOnYear,
      targets,
      isEffort,
      start: subjectStart,
      end: q.end,
      confidence: confidenceOf(doubts, q.comparatorWritten),
      doubts,
      sentence,
      q,
      explicitYear: !!own,
    });
    previousEnd = q.end;
  }

  for (const c of findFullCoverage(text, from, to)) {
    if (out.some((o) => o.start < c.end && c.start < o.end)) continue;
    const sentence = sentenceStartOf(text, c.start, from);
    const own = marks.filter((m) => m.end <= c.end && m.start >= sentence).pop();
    const earlier = marks.filter((m) => m.end <= c.end).pop();
    const year = own?.year ?? earlier?.year ?? paragraphYear ?? period.endYear;
    const doubts: IntakeDoubt[] = ['inWords'];
    out.push({
      name: c.subject,
      text: text.slice(c.start, c.end),
      unit: '%',
      kind: 'level',
      comparator: '≥',
      baselineYear: null,
      yearOnYear: false,
      targets: [{ year, value: 100 }],
      isEffort: /力争|争取/.test(text.slice(sentence, c.end)),
      start: c.start,
      end: c.end,
      confidence: confidenceOf(doubts, true),
      doubts,
      sentence,
      q: null as unknown as Quantity,
      explicitYear: !!own,
    });
  }
  return out.sort((a, b) => a.start - b.start).map(({ sentence: _s, q: _q, explicitYear: _e, ...rest }) => rest);
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/** Share of the shorter name's character pairs found in the other. */
export function overlap(a: string, b: string): number {
  const pairs = (s: string) => new Set([...s].slice(0, -1).map((c, i) => c + s[i + 1]));
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.size === 0 || pb.size === 0) return 0;
  let common = 0;
  for (const p of pa) if (pb.has(p)) common++;
  return common / Math.min(pa.size, pb.size);
}

const PENALTY: Record<IntakeDoubt, number> = {
  rangeTaken: 0.35,
  yearAssumed: 0.15,
  nameBorrowed: 0.2,
  inWords: 0.3,
  decrease: 0.25,
  noBaseline: 0.3,
  lessOrEqual: 0.2,
  chineseNumeral: 0.05,
  shortName: 0.25,
};

function confidenceOf(doubts: IntakeDoubt[], comparatorWritten: boolean): number {
  let c = comparatorWritten ? 0.95 : 0.85;
  for (const d of doubts) c -= PENALTY[d];
  return Math.max(0.05, Math.round(c * 100) / 100);
}
