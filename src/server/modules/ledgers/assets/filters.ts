import { sql, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { badRequest, type FieldIssue } from '../../../core/errors.js';
import type { DatabaseSchema } from '../../../db/schema.js';
import { likePattern } from '../../../http/pagination.js';
import { fieldByKey, type AssetSlot, type FieldType, type LedgerDefinition } from '../../../../shared/ledgers/definition.js';

/**
 * The list's filters on any field of a kind, as the client sends them (`filters=<json>`), checked against the
 * kind's fields and turned into conditions on the fields' slot columns — each indexed with the kind, so a filter
 * on a 500,000-row ledger is an index range. What a filter means on an empty value follows the old rule's
 * conditions (shared/ledgers/rules.ts): `ne` includes the empty ones, every other comparison excludes them.
 */

export const FILTER_OPS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'empty', 'notEmpty'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

const scalar = z.union([z.string().max(200), z.number()]);
const filterList = z
  .array(z.object({ field: z.string().max(40), op: z.enum(FILTER_OPS), value: scalar.optional(), values: z.array(scalar).max(100).optional() }))
  .max(20);

const ORDERED: readonly FilterOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'empty', 'notEmpty'];
const DISCRETE: readonly FilterOp[] = ['eq', 'ne', 'in', 'empty', 'notEmpty'];
const OPS_BY_TYPE: Record<FieldType, readonly FilterOp[]> = {
  text: ['eq', 'ne', 'in', 'contains', 'empty', 'notEmpty'],
  integer: ORDERED,
  decimal: ORDERED,
  money: ORDERED,
  date: ORDERED,
  dictionary: DISCRETE,
  organization: DISCRETE,
  town: DISCRETE,
  file: ['empty', 'notEmpty'],
  coordinates: ['empty', 'notEmpty'],
};

/** One checked filter: a slot column, an operator valid for the field's type, values of the slot's class. */
export interface AssetFilter {
  slot: AssetSlot;
  numeric: boolean;
  op: FilterOp;
  value?: string | number;
  values?: (string | number)[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// An impossible month makes an Invalid Date, whose toISOString throws: test the time first.
export const isRealDate = (s: string) => {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** Parses and checks `filters` against the kind's fields (active or retired); every problem at its path. */
export function parseFilters(def: LedgerDefinition, raw: string | undefined): AssetFilter[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw badRequest([{ path: 'filters', reason: 'field.ledgers.filtersInvalid' }]);
  }
  const parsed = filterList.safeParse(json);
  if (!parsed.success) throw badRequest([{ path: 'filters', reason: 'field.ledgers.filtersInvalid' }]);
  const issues: FieldIssue[] = [];
  const out: AssetFilter[] = [];
  parsed.data.forEach((f, i) => {
    const field = fieldByKey(def, f.field);
    if (!field?.slot) return void issues.push({ path: `filters.${i}.field`, reason: 'field.ledgers.unknownField', params: { key: f.field } });
    if (!OPS_BY_TYPE[field.type].includes(f.op))
      return void issues.push({ path: `filters.${i}.op`, reason: 'field.ledgers.opNotForType', params: { op: f.op } });
    const numeric = field.slot.startsWith('n');
    const coerce = (v: string | number, path: string): string | number | undefined => {
      if (numeric) {
        const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
        if (Number.isFinite(n)) return n;
        issues.push({ path, reason: 'field.ledgers.notNumber' });
        return undefined;
      }
      const s = String(v).trim();
      if (field.type === 'date' && f.op !== 'contains' && !isRealDate(s)) {
        issues.push({ path, reason: 'field.ledgers.notDate' });
        return undefined;
      }
      return s;
    };
    const filter: AssetFilter = { slot: field.slot as AssetSlot, numeric, op: f.op };
    if (f.op === 'in') {
      if (!f.values?.length) return void issues.push({ path: `filters.${i}.values`, reason: 'field.required' });
      filter.values = f.values.map((v, j) => coerce(v, `filters.${i}.values.${j}`)).filter((v): v is string | number => v !== undefined);
    } else if (f.op !== 'empty' && f.op !== 'notEmpty') {
      if (f.value === undefined) return void issues.push({ path: `filters.${i}.value`, reason: 'field.required' });
      filter.value = coerce(f.value, `filters.${i}.value`);
    }
    out.push(filter);
  });
  if (issues.length) throw badRequest(issues);
  return out;
}

const COMPARISON = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** Adds the filters to a query on ledger_assets, on the slots (typed: a slot is a column of the table). */
export function applyFilters<O>(qb: SelectQueryBuilder<DatabaseSchema, 'ledger_assets', O>, filters: readonly AssetFilter[]) {
  let q = qb;
  for (const f of filters) {
    const { slot } = f;
    switch (f.op) {
      case 'eq':
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        q = q.where(slot, COMPARISON[f.op], f.value!);
        break;
      case 'ne':
        q = q.where((eb) => eb.or([eb(slot, '!=', f.value!), eb(slot, 'is', null)]));
        break;
      case 'in':
        q = q.where(slot, 'in', f.values!);
        break;
      case 'contains':
        // Case-insensitive on both databases (SQLite's LIKE is, PostgreSQL's is not).
        q = q.where((eb) => sql<boolean>`lower(${eb.ref(slot)}) like lower(${likePattern(String(f.value))}) escape '\\'`);
        break;
      case 'empty':
        q = f.numeric ? q.where(slot, 'is', null) : q.where((eb) => eb.or([eb(slot, 'is', null), eb(slot, '=', '')]));
        break;
      case 'notEmpty':
        q = f.numeric ? q.where(slot, 'is not', null) : q.where((eb) => eb.and([eb(slot, 'is not', null), eb(slot, '!=', '')]));
        break;
    }
  }
  return q;
}
