import type { AssetValues, EventField, LedgerField } from './definition.js';

/**
 * Checks values against a definition's fields, the same on both sides: the web shows the reasons before sending,
 * the server refuses with them (`values.<key>` paths, message keys the catalogue translates). What needs the
 * database — a dictionary's codes, towns, organisations, files, uniqueness — comes in as look-ups.
 */
export interface ValueLookups {
  /** The enabled codes of a dictionary (a disabled code already stored stays valid on an unchanged value). */
  dictionaryCodes(dictionary: string): ReadonlySet<string> | undefined;
  isTown(id: number): boolean;
  isOrganization(id: number): boolean;
  /** Today in Asia/Shanghai (YYYY-MM-DD), for "not in the future". */
  today: string;
}

export interface ValueIssue {
  path: string;
  reason: string;
  params?: Record<string, string | number>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => {
  if (!DATE.test(s)) return false;
  // 2026-13-01 is an invalid Date, whose toISOString throws.
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
// "lng,lat" in decimal degrees, as a phone's location reports it.
const COORDINATES = /^(-?\d{1,3}(?:\.\d{1,8})?),\s*(-?\d{1,2}(?:\.\d{1,8})?)$/;

/** Normalises and checks one value; returns the stored value or the issue. `previous` lets a stored disabled code stand. */
export function checkValue(
  field: LedgerField | EventField,
  raw: unknown,
  lookups: ValueLookups,
  previous?: string | number | null,
): { value: string | number | null } | { issue: Omit<ValueIssue, 'path'> } {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return field.required ? { issue: { reason: 'field.required' } } : { value: null };
  }
  switch (field.type) {
    case 'text': {
      if (typeof raw !== 'string') return { issue: { reason: 'field.ledgers.notText' } };
      const v = raw.trim();
      const max = field.maxLength ?? 200;
      if (v.length > max) return { issue: { reason: 'field.ledgers.tooLong', params: { max } } };
      if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(v))
        return { issue: { reason: 'field.ledgers.patternMismatch', params: { pattern: field.pattern } } };
      return { value: v };
    }
    case 'integer':
    case 'decimal':
    case 'money': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/[,，\s]/g, '')) : NaN;
      if (!Number.isFinite(n)) return { issue: { reason: 'field.ledgers.notNumber' } };
      // Money is whole fen; integers are whole; a decimal keeps its declared digits.
      if ((field.type === 'integer' || field.type === 'money') && !Number.isInteger(n)) return { issue: { reason: 'field.ledgers.notInteger' } };
      if (field.type === 'decimal') {
        const digits = field.decimals ?? 2;
        if (Math.abs(Math.round(n * 10 ** digits) - n * 10 ** digits) > 1e-6) return { issue: { reason: 'field.ledgers.tooManyDecimals', params: { digits } } };
      }
      if (Math.abs(n) > 9e15) return { issue: { reason: 'field.ledgers.tooLarge', params: { max: 9e15 } } };
      if (field.min !== undefined && n < field.min) return { issue: { reason: 'field.ledgers.tooSmall', params: { min: field.min } } };
      if (field.max !== undefined && n > field.max) return { issue: { reason: 'field.ledgers.tooLarge', params: { max: field.max } } };
      return { value: n };
    }
    case 'date': {
      if (typeof raw !== 'string' || !isRealDate(raw.trim())) return { issue: { reason: 'field.ledgers.notDate' } };
      const v = raw.trim();
      if (field.notInFuture && v > lookups.today) return { issue: { reason: 'field.ledgers.dateInFuture', params: { today: lookups.today } } };
      return { value: v };
    }
    case 'dictionary': {
      if (typeof raw !== 'string') return { issue: { reason: 'field.ledgers.notText' } };
      const v = raw.trim();
      const codes = lookups.dictionaryCodes(field.dictionary ?? '');
      if (v === previous) return { value: v };
      if (!codes?.has(v)) return { issue: { reason: 'field.ledgers.unknownCode', params: { value: v } } };
      return { value: v };
    }
    case 'coordinates': {
      const m = typeof raw === 'string' ? COORDINATES.exec(raw.trim()) : null;
      if (!m || Math.abs(Number(m[1])) > 180 || Math.abs(Number(m[2])) > 90) return { issue: { reason: 'field.ledgers.notCoordinates' } };
      return { value: `${Number(m[1])},${Number(m[2])}` };
    }
    case 'organization':
    case 'town':
    case 'file': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isInteger(n) || n <= 0) return { issue: { reason: 'field.ledgers.notId' } };
      if (field.type === 'town' && !lookups.isTown(n)) return { issue: { reason: 'field.ledgers.unknownTown' } };
      if (field.type === 'organization' && !lookups.isOrganization(n)) return { issue: { reason: 'field.ledgers.unknownOrganization' } };
      return { value: n };
    }
  }
}

/**
 * Checks a whole set of values: every active field (absent = empty), unknown keys refused, retired fields kept as
 * they were. `partial`: only the keys given are checked and changed (an event's changes). Paths are `${prefix}.<key>`.
 */
export function checkValues(
  fields: readonly (LedgerField | EventField)[],
  input: Record<string, unknown>,
  lookups: ValueLookups,
  options: { previous?: AssetValues; partial?: boolean; prefix?: string } = {},
): { values: AssetValues; issues: ValueIssue[] } {
  const prefix = options.prefix ?? 'values';
  const issues: ValueIssue[] = [];
  const values: AssetValues = { ...(options.previous ?? {}) };
  for (const key of Object.keys(input)) {
    const f = fields.find((x) => x.key === key);
    if (!f) issues.push({ path: `${prefix}.${key}`, reason: 'field.ledgers.unknownField', params: { key } });
    else if (f.retired) issues.push({ path: `${prefix}.${key}`, reason: 'field.ledgers.fieldRetired', params: { key } });
  }
  for (const f of fields) {
    if (f.retired) continue;
    if (options.partial && !(f.key in input)) continue;
    const r = checkValue(f, input[f.key], lookups, options.previous?.[f.key]);
    if ('issue' in r) issues.push({ path: `${prefix}.${f.key}`, ...r.issue });
    else values[f.key] = r.value;
  }
  return { values, issues };
}
