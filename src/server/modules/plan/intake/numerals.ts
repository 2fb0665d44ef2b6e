/**
 * Numbers as plans write them: Arabic with thousands separators and decimals (1,100 / 2.5), full-width digits,
 * Chinese numerals (三十、一千二百、两), and mixed scales inside the number (3万4000). A scale that ends the number
 * and belongs to the unit (6万辆, 150亿元) is left to the unit: the plan file keeps the unit as written.
 */

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_SCALES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_SCALES: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千';

/** Full-width digits and separators to ASCII, one character for one, so offsets stay put. */
export function toHalfWidth(s: string): string {
  return s.replace(/[０-９．，]/g, (c) => {
    if (c === '．') return '.';
    if (c === '，') return '，';
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/** Value of a Chinese numeral without 万/亿 (一千二百 → 1200, 十五 → 15, 二〇二四 → 2024 read digit by digit). */
function smallChinese(s: string): number | null {
  if (s === '') return null;
  if (![...s].some((c) => c in SMALL_SCALES) && s.length > 1) {
    // Digit by digit, as years are written (二〇二七).
    let v = 0;
    for (const c of s) {
      const d = DIGITS[c];
      if (d === undefined) return null;
      v = v * 10 + d;
    }
    return v;
  }
  let total = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c]!;
    else if (c in SMALL_SCALES) {
      total += (digit ?? 1) * SMALL_SCALES[c]!;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

/** A Chinese numeral, with 万/亿 inside it (三万四千 → 34000). Null when it is not one. */
export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let rest = s;
  for (const big of ['亿', '万'] as const) {
    const i = rest.indexOf(big);
    if (i >= 0) {
      const head = smallChinese(rest.slice(0, i));
      if (head === null) return null;
      total += head * BIG_SCALES[big]!;
      rest = rest.slice(i + 1);
    }
  }
  if (rest === '') return total || null;
  const tail = smallChinese(rest);
  return tail === null ? null : total + tail;
}

/** An Arabic number as written: 1,100 / 2.5 / 3万4000 (a scale followed by more digits is part of the number). */
export function parseArabicNumber(s: string): number | null {
  const plain = toHalfWidth(s).replace(/,(?=\d{3})/g, '');
  const mixed = /^(\d+(?:\.\d+)?)(万|亿)(\d+)$/.exec(plain);
  if (mixed) return Number(mixed[1]) * BIG_SCALES[mixed[2]!]! + Number(mixed[3]);
  if (!/^\d+(?:\.\d+)?$/.test(plain)) return null;
  return Number(plain);
}

/**
 * The pattern source of one number (used inside larger patterns): Arabic (with separators, decimals, and an inner
 * scale followed by digits) or a Chinese numeral.
 */
export const NUMBER_SOURCE = `(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?(?:[万亿]\\d+(?![\\d.]))?|[${CHINESE_NUMERAL_CHARS}]+(?:[万亿][${CHINESE_NUMERAL_CHARS}]+)?)`;

/** Either kind; null when the text is not a number. */
export function parseNumber(s: string): { value: number; chinese: boolean } | null {
  if (/^[\d,，.]/.test(s)) {
    const v = parseArabicNumber(s);
    return v === null ? null : { value: v, chinese: false };
  }
  const v = parseChineseNumber(s);
  return v === null ? null : { value: v, chinese: true };
}

/** A year written in digits or Chinese (2027 / 二〇二七). */
export function parseYear(s: string): number | null {
  const v = /^\d{4}$/.test(s) ? Number(s) : smallChinese(s);
  return v !== null && v >= 1949 && v <= 2100 ? v : null;
}
