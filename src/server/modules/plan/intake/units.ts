/**
 * Responsible units from a task's （责任单位：…） parenthesis: the first named leads, the rest co-operate. Plans
 * write the jurisdiction once (市工信局、应急局 means 市应急局); towns (各镇〈街道〉、经济开发区) are a duty, not a
 * unit; "以下工作均需…落实，不再单独列出" puts every later task on the towns too.
 */
import { GOVERNMENT_UNIT_SUFFIX, JURISDICTION_PREFIX, TOWNS } from './dictionary.js';

export interface ResponsibleUnits {
  units: string[];
  /** The plan names 市直有关部门/各有关部门 rather than specific units. */
  allDepartments: boolean;
  townsImplement: boolean;
  /** This parenthesis makes all later tasks the towns' too. */
  townsImplementAll: boolean;
  /** Compact-text span of the parenthesis, including the brackets. */
  start: number;
  end: number;
}

const LABEL = /[（(](?:牵头单位|责任单位|负责单位|牵头部门|责任部门)[：:]/g;
const ALL_DEPARTMENTS = /^(?:市|县|区|省)?(?:直)?(?:各)?有关(?:部门|单位)$|^各(?:有关)?部门$/;

function closingParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits 市工信局、应急局、泉州市晋江生态环境局 into names, giving 应急局 the leader's 市. */
export function splitUnits(list: string): string[] {
  const names = list
    .split(/[、，,；;]/)
    .map((s) => s.replace(/^(?:牵头单位|责任单位|配合单位|参与单位)[：:]/, '').trim())
    .filter(Boolean);
  const prefix = JURISDICTION_PREFIX.exec(names[0] ?? '')?.[1] ?? '';
  return names.map((n) => {
    // 市场监管局 begins with 市 as a word, not as the jurisdiction.
    if (!prefix || (JURISDICTION_PREFIX.test(n) && !/^市场/.test(n)) || !GOVERNMENT_UNIT_SUFFIX.test(n)) return n;
    // A name that already carries a place (泉州市晋江生态环境局, 国家…总局…支局) keeps it.
    if (/^(?:国家|中国|国务院)/.test(n) || /^[\u4e00-\u9fa5]{1,4}(?:市|县|区|省)/.test(n)) return n;
    return prefix + n;
  });
}

/** The last units parenthesis in a block (tasks end with theirs). */
export function findUnits(text: string, start: number, end: number): ResponsibleUnits | null {
  let last: RegExpExecArray | null = null;
  LABEL.lastIndex = start;
  for (let m = LABEL.exec(text); m && m.index < end; m = LABEL.exec(text)) last = m;
  if (!last) return null;
  const close = closingParen(text, last.index + 1);
  if (close < 0 || close >= end + 1) return null;
  const inner = text.slice(last.index + 1, close);
  let townsImplementAll = false;
  let townsImplement = false;
  const groups = inner.split(/[；;]/);
  const named: string[] = [];
  let allDepartments = false;
  for (const group of groups) {
    if (/不再单独列出|均需/.test(group)) {
      townsImplementAll = true;
      townsImplement = true;
      continue;
    }
    for (const part of group.split('，')) {
      const body = part.replace(/^(?:牵头单位|责任单位|配合单位|参与单位|负责单位|牵头部门|责任部门)[：:]/, '');
      if (TOWNS.test(body) && !/局|委|厅|公司|集团|中心/.test(body)) {
        townsImplement = true;
        continue;
      }
      for (const n of splitUnits(body)) {
        if (ALL_DEPARTMENTS.test(n)) allDepartments = true;
        else if (TOWNS.test(n) && !/局|委|厅|公司|集团|中心/.test(n)) townsImplement = true;
        else named.push(n);
      }
    }
  }
  // The jurisdiction of the leader carries across groups too (牵头单位：市发改委；配合单位：工信局).
  const prefixed = named.length > 0 ? splitUnits(named.join('、')) : [];
  return { units: [...new Set(prefixed)], allDepartments, townsImplement, townsImplementAll, start: last.index, end: close + 1 };
}
