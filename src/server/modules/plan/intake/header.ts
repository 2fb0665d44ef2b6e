/**
 * The plan's particulars from its head and cover letter: 文号 (晋政文〔2024〕98号), title (the document the notice
 * issues: 关于印发《…》的通知), issuer, date of issue, period, the preamble (为…制定本方案) and the parent plans it
 * cites. Each comes with its span so the review page can show where it was read.
 */
import type { CompactText } from './text.js';
import { parseChineseNumber, parseYear } from './numerals.js';
import { REGIONS } from './dictionary.js';

export interface Found<T> {
  value: T;
  start: number;
  end: number;
}

export interface Header {
  docNumber: Found<string> | null;
  title: Found<string> | null;
  issuer: Found<string> | null;
  issuedOn: Found<string> | null;
  period: Found<{ startYear: number; endYear: number }> | null;
  preamble: Found<string> | null;
  parentPlans: string[];
  region: { code: string; name: string; abbr: string } | null;
}

const DOC_NUMBER = /[\u4e00-\u9fa5]{1,8}[〔[［(（](\d{4})[〕\]］)）](\d{1,4})号/g;

function found<T>(value: T, start: number, end: number): Found<T> {
  return { value, start, end };
}

function chineseDate(y: string, m: string, d: string): string | null {
  const year = parseYear(y);
  const month = /^\d+$/.test(m) ? Number(m) : parseChineseNumber(m);
  const day = /^\d+$/.test(d) ? Number(d) : parseChineseNumber(d);
  if (year === null || !month || !day || month > 12 || day > 31) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parseHeader(ct: CompactText, bodyStart: number): Header {
  const text = ct.text;
  const numbers = [...text.matchAll(DOC_NUMBER)];
  const first = numbers[0];
  const docNumber = first && first.index < Math.max(bodyStart, 200) ? found(first[0], first.index, first.index + first[0].length) : null;

  let title: Found<string> | null = null;
  let issuer: Found<string> | null = null;
  // Search after the 文号 so its 号 is not read as the first character of the issuer.
  const after = docNumber?.end ?? 0;
  const notice = /([\u4e00-\u9fa5]{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|领导小组))关于印发《?(.{4,80}?)》?的通知/.exec(
    text.slice(after),
  );
  if (notice) {
    notice.index += after;
    issuer = found(notice[1]!, notice.index, notice.index + notice[1]!.length);
    const ts = notice.index + notice[0].indexOf(notice[2]!);
    title = found(notice[2]!, ts, ts + notice[2]!.length);
  } else {
    // No cover letter: the first line that names a plan is the title.
    const m = /[\u4e00-\u9fa5（）()\d—-]{6,60}?(?:方案|计划|规划|意见|措施)(?:[（(]\d{4}[—–-]\d{4}年[）)])?/.exec(text.slice(0, 400));
    if (m) title = found(m[0], m.index, m.index + m[0].length);
  }
  if (!issuer) {
    const m = /([\u4e00-\u9fa5]{2,12}人民政府(?:办公室)?)(?=\d{4}年|[〇零一二三四五六七八九]{4}年)/.exec(text);
    if (m) issuer = found(m[1]!, m.index, m.index + m[1]!.length);
  }

  let issuedOn: Found<string> | null = null;
  for (const m of text.matchAll(/(\d{4}|[〇零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日/g)) {
    const iso = chineseDate(m[1]!, m[2]!, m[3]!);
    if (iso) {
      issuedOn = found(iso, m.index, m.index + m[0].length);
      break;
    }
  }

  let period: Header['period'] = null;
  const range = /[（(]?(\d{4})[—–-]+(\d{4})年[）)]?/.exec(title?.value ?? '');
  if (range && title) {
    period = found({ startYear: Number(range[1]), endYear: Number(range[2]) }, title.start + range.index, title.start + range.index + range[0].length);
  } else {
    const startYear = issuedOn ? Number(issuedOn.value.slice(0, 4)) : null;
    let best: { year: number; start: number; end: number } | null = null;
    for (const m of text.slice(bodyStart).matchAll(/(?:到|至|截至|力争到)(\d{4})年/g)) {
      const y = Number(m[1]);
      if (startYear !== null && (y < startYear || y > startYear + 15)) continue;
      if (!best || y > best.year) best = { year: y, start: bodyStart + m.index, end: bodyStart + m.index + m[0].length };
    }
    if (startYear !== null && best) period = found({ startYear, endYear: best.year }, best.start, best.end);
    else if (startYear !== null) period = found({ startYear, endYear: startYear }, issuedOn!.start, issuedOn!.end);
  }

  let preamble: Found<string> | null = null;
  const pre = /为(?:贯彻落实|深入贯彻|全面贯彻|认真贯彻|落实|加快|推动|进一步)[^。]*?(?:制定|特制定)本[^。]*。/.exec(text.slice(bodyStart));
  if (pre) preamble = found(pre[0], bodyStart + pre.index, bodyStart + pre.index + pre[0].length);
  const parentPlans = preamble ? [...preamble.value.matchAll(DOC_NUMBER)].map((m) => m[0]).filter((n) => n !== docNumber?.value) : [];

  const place = issuer?.value.replace(/(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|领导小组)$/, '') ?? '';
  const region = REGIONS.find((r) => r.name === place) ?? REGIONS.find((r) => place.length > 0 && r.name.startsWith(place)) ?? null;

  return { docNumber, title, issuer, issuedOn, period, preamble, parentPlans, region };
}
