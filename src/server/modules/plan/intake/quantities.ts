/**
 * Quantities in a stretch of plan text: a number with its unit as written and the words around it that make it a
 * target — comparator (以上 ≥, 超过 >, 约/左右 ≈, 以内/不超过 ≤), growth against a year (较2023年增长), each year
 * (每年, 年均), ranges (20%—30%) and the few targets written in words (增加一倍, 翻一番, 全覆盖).
 */
import { MEASURE_UNITS, NOT_TARGET_AFTER } from './dictionary.js';
import { NUMBER_SOURCE, parseNumber } from './numerals.js';

export type IntakeComparator = '≥' | '>' | '≈' | '≤';

export interface Quantity {
  /** Compact-text positions of the number through its comparator suffix. */
  start: number;
  end: number;
  value: number;
  unit: string;
  comparator: IntakeComparator;
  /** The comparator was written (以上, 超过, …) rather than assumed. */
  comparatorWritten: boolean;
  chinese: boolean;
  /** 20%—30%: the upper end. */
  rangeTo: number | null;
  /** Written in words (一倍, 全覆盖): value and unit were inferred. */
  implicit: boolean;
  /** Growth verb right before the number (增长25%, 提高5个百分点). */
  growthVerb: boolean;
  /** 下降/降低/减少. */
  decrease: boolean;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\%]/g, (c) => (c === '%' ? '%' : `\\${c}`));
const UNITS_SOURCE = `(?:[万亿千]?(?:${MEASURE_UNITS.map(escape).join('|')})|万|亿)`;
const QUANTITY = new RegExp(
  `(${NUMBER_SOURCE})(?:(${UNITS_SOURCE})?[—–~～至到-]{1,2}(${NUMBER_SOURCE}))?(${UNITS_SOURCE})(及以上|以上|以下|以内|左右|多)?`,
  'g',
);

// Order matters: 不少于 before 少于, 不超过 before 超过.
const PREFIX_COMPARATORS: [RegExp, IntakeComparator][] = [
  [/(?:不少于|不低于|至少|达到|达)$/, '≥'],
  [/(?:不超过|不高于|控制在|低于|少于|压减至|下降到|降至|降低到|压缩至|压缩到)$/, '≤'],
  [/(?:超过|超出|高于|突破|超)$/, '>'],
  [/(?:约|大约|近|接近|约为)$/, '≈'],
];
const SUFFIX_COMPARATORS: Record<string, IntakeComparator> = { 以上: '≥', 及以上: '≥', 多: '≥', 以下: '≤', 以内: '≤', 左右: '≈' };
const GROWTH_VERB = /(?:增长|提高|提升|增加|扩大|下降|降低|减少|压减)(?:了)?(?:约|超过|超|达|不少于|不低于)?$/;
const DECREASE_VERB = /(?:下降|降低|减少|压减)(?:了)?(?:约|超过|超|达|不少于|不低于)?$/;

/** Quantities in text[from, to), positions in the compact text. */
export function findQuantities(text: string, from: number, to: number): Quantity[] {
  const out: Quantity[] = [];
  const slice = text.slice(from, to);
  QUANTITY.lastIndex = 0;
  for (const m of slice.matchAll(QUANTITY)) {
    const at = from + m.index;
    const before = text.slice(Math.max(0, at - 8), at);
    const afterUnit = text.slice(at + m[0].length, at + m[0].length + 2);
    const num = parseNumber(m[1]!);
    if (!num || num.value === 0) continue; // 零部件 is not a count of nothing
    const unit = m[4]!;
    // Descriptions, not targets: 第六人民医院, 前10名, A级, 5G, 10千伏, a year.
    if (/[第前A-Za-z]$/.test(before) || /\d$/.test(before)) continue;
    // A bare scale before a time word is an age or a period (服役十万年 never happens; 3万年 would be wrong).
    if ((unit === '万' || unit === '亿') && NOT_TARGET_AFTER.test(afterUnit)) continue;
    if (num.chinese && num.value === 1 && unit !== '倍' && !/[万亿]/.test(unit)) continue; // 一个、一件事、一批: phrasing, not a figure
    const range = m[3] ? parseNumber(m[3]) : null;
    if (m[2] && m[2] !== unit && m[3]) continue; // 5个—10台: two different things
    const written = m[5] ? SUFFIX_COMPARATORS[m[5]] : undefined;
    const prefix = PREFIX_COMPARATORS.find(([re]) => re.test(before))?.[1];
    let comparator: IntakeComparator = prefix === '>' || prefix === '≤' || prefix === '≈' ? prefix : (written ?? prefix ?? '≥');
    if (range) comparator = '≥';
    let value = num.value;
    let finalUnit = unit;
    if (unit === '倍') {
      // 增加一倍 is growth of 100 %; 增长1.5倍 of 150 %.
      value = num.value * 100;
      finalUnit = '%';
    }
    out.push({
      start: at,
      end: at + m[0].length,
      value,
      unit: finalUnit === '个百分点' ? '百分点' : finalUnit,
      comparator,
      comparatorWritten: written !== undefined || prefix !== undefined,
      chinese: num.chinese,
      rangeTo: range ? range.value : null,
      implicit: unit === '倍',
      growthVerb: GROWTH_VERB.test(before),
      decrease: DECREASE_VERB.test(before),
    });
  }
  for (const m of slice.matchAll(/翻一番|翻番/g)) {
    out.push({
      start: from + m.index,
      end: from + m.index + m[0].length,
      value: 100,
      unit: '%',
      comparator: '≥',
      comparatorWritten: false,
      chinese: true,
      rangeTo: null,
      implicit: true,
      growthVerb: true,
      decrease: false,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** 实现…全覆盖 / 实现…全面新能源化: a target of 100 % written in words. */
export function findFullCoverage(text: string, from: number, to: number): { start: number; end: number; subject: string }[] {
  const out: { start: number; end: number; subject: string }[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(/([^，。；：]{0,30}?)实现([^，。；]{0,20}?)全覆盖/g)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, subject: `${stripLead(m[1]!)}${m[2]!}覆盖率` });
  }
  for (const m of slice.matchAll(/实现([^，。；]{2,16}?)全面([^，。；]{1,8}?化)(?![^，。；]*[0-9])/g)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, subject: `${m[1]!}${m[2]!}比例` });
  }
  return out;
}

function stripLead(s: string): string {
  return s.replace(/^(?:力争)?(?:到|至)?\d{4}年(?:底|末)?(?:前)?[，,]?/, '').replace(/^(?:全市|全县|全区|全省)/, '');
}
