import { addYears } from '../dates.js';
import type { AssetValues, LedgerDefinition, OldRule, RuleCondition } from './definition.js';

/**
 * When an asset becomes old by its ledger's rule, as a date — not a yes/no — so the answer stays true as time
 * passes and "old on day D" is one indexed comparison (`old_from <= D`) for lists, metrics and trends alike.
 * A condition on a date (`ageAtLeast`) gives the day the age is reached; any other condition is true for ever
 * (`ALWAYS_OLD`) or never (null). All conditions: the latest of their dates; any: the earliest.
 */
export const ALWAYS_OLD = '0001-01-01';

type Value = string | number | null | undefined;
const isEmpty = (v: Value) => v === null || v === undefined || v === '';

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a condition other than `ageAtLeast` holds for one value. */
export function conditionHolds(c: Exclude<RuleCondition, { op: 'ageAtLeast' }>, value: Value): boolean {
  switch (c.op) {
    case 'empty':
      return isEmpty(value);
    case 'notEmpty':
      return !isEmpty(value);
    case 'in':
      return !isEmpty(value) && c.values.some((v) => compare(v, value!) === 0);
    case 'notIn':
      return isEmpty(value) || !c.values.some((v) => compare(v, value!) === 0);
    case 'eq':
      return !isEmpty(value) && compare(value!, c.value) === 0;
    case 'ne':
      return isEmpty(value) || compare(value!, c.value) !== 0;
    case 'lt':
      return !isEmpty(value) && compare(value!, c.value) < 0;
    case 'lte':
      return !isEmpty(value) && compare(value!, c.value) <= 0;
    case 'gt':
      return !isEmpty(value) && compare(value!, c.value) > 0;
    case 'gte':
      return !isEmpty(value) && compare(value!, c.value) >= 0;
  }
}

/** The date one condition makes the asset old from, or null for never. */
export function conditionOldFrom(c: RuleCondition, values: AssetValues): string | null {
  const value = values[c.field];
  if (c.op === 'ageAtLeast') return typeof value === 'string' && value !== '' ? addYears(value, c.years) : null;
  return conditionHolds(c, value) ? ALWAYS_OLD : null;
}

/** The date the rule makes the asset old from (YYYY-MM-DD), or null when it never is. */
export function oldFrom(rule: OldRule | null, values: AssetValues): string | null {
  if (!rule) return null;
  const dates = rule.conditions.map((c) => conditionOldFrom(c, values));
  if (rule.match === 'all') return dates.some((d) => d === null) ? null : (dates as string[]).reduce((a, b) => (a > b ? a : b));
  const known = dates.filter((d): d is string => d !== null);
  return known.length ? known.reduce((a, b) => (a < b ? a : b)) : null;
}

/** Whether the asset meets every condition (a metric's `where`); `ageAtLeast` is judged on `onDate`. */
export function meetsAll(conditions: readonly RuleCondition[], values: AssetValues, onDate: string): boolean {
  return conditions.every((c) => {
    const from = conditionOldFrom(c, values);
    return from !== null && from <= onDate;
  });
}

/** The rule in words, for lists and the definition page ("投用日期 满 15 年"). */
export function describeRule(def: Pick<LedgerDefinition, 'fields'>, rule: OldRule | null, locale: 'zh-CN' | 'en'): string {
  if (!rule) return locale === 'en' ? 'no rule' : '未设规则';
  const label = (key: string) => {
    const f = def.fields.find((x) => x.key === key);
    return f ? (locale === 'en' ? f.label.en : f.label.zh) : key;
  };
  const ops: Record<string, [string, string]> = {
    eq: ['=', '='],
    ne: ['≠', '≠'],
    lt: ['<', '<'],
    lte: ['≤', '≤'],
    gt: ['>', '>'],
    gte: ['≥', '≥'],
    in: ['属于', 'is one of'],
    notIn: ['不属于', 'is not one of'],
    empty: ['为空', 'is empty'],
    notEmpty: ['不为空', 'is not empty'],
  };
  const parts = rule.conditions.map((c) => {
    if (c.op === 'ageAtLeast') return locale === 'en' ? `${label(c.field)} at least ${c.years} years ago` : `${label(c.field)}已满 ${c.years} 年`;
    const [zh, en] = ops[c.op]!;
    const op = locale === 'en' ? en : zh;
    const value = 'values' in c ? c.values.join(locale === 'en' ? ', ' : '、') : 'value' in c ? String(c.value) : null;
    if (value === null) return `${label(c.field)} ${op}`;
    return `${label(c.field)} ${op} ${value}`;
  });
  return parts.join(rule.match === 'all' ? (locale === 'en' ? ' and ' : ' 且 ') : locale === 'en' ? ' or ' : ' 或 ');
}
