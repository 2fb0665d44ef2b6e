import fc from 'fast-check';

/**
 * fast-check arbitraries from the OpenAPI document's own schemas (OpenAPI 3.0 JSON Schema, as the zod schemas are
 * published): values the schema accepts, and values broken in one place (wrong type, missing field, huge string,
 * control characters, out-of-range number).
 */
export type JsonSchema = Record<string, unknown>;
export type Resolver = (ref: string) => JsonSchema;

const MIN_DATE = new Date('2024-01-01T00:00:00Z').getTime();
const MAX_DATE = new Date('2027-12-31T00:00:00Z').getTime();

const dateArb = fc.integer({ min: MIN_DATE, max: MAX_DATE }).map((ms) => new Date(ms).toISOString());

export function deref(schema: JsonSchema, resolve: Resolver): JsonSchema {
  let s = schema;
  for (let i = 0; i < 10 && typeof s.$ref === 'string'; i++) s = resolve(s.$ref);
  return s;
}

function typeOf(s: JsonSchema): string | undefined {
  if (typeof s.type === 'string') return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
}

function bounds(s: JsonSchema, integer: boolean): { min: number; max: number } {
  let min = typeof s.minimum === 'number' ? s.minimum : -1e6;
  let max = typeof s.maximum === 'number' ? s.maximum : 1e6;
  const step = integer ? 1 : 0.01;
  if (s.exclusiveMinimum === true) min += step;
  else if (typeof s.exclusiveMinimum === 'number') min = s.exclusiveMinimum + step;
  if (s.exclusiveMaximum === true) max -= step;
  else if (typeof s.exclusiveMaximum === 'number') max = s.exclusiveMaximum - step;
  return { min, max };
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const { min, max } = bounds(s, integer);
  // Real records have small ids and amounts; the whole range only now and then.
  const lo = Math.max(min, Math.min(max, 0));
  const small = { min: lo, max: Math.min(max, lo + 60) };
  if (integer) {
    const a = Math.ceil(min);
    const b = Math.floor(max);
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: Math.ceil(small.min), max: Math.max(Math.ceil(small.min), Math.floor(small.max)) }) },
      { weight: 1, arbitrary: fc.integer({ min: Math.max(a, -Number.MAX_SAFE_INTEGER), max: Math.min(b, Number.MAX_SAFE_INTEGER) }) },
    );
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: Math.ceil(small.min), max: Math.floor(small.max) }) },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
  );
}

const regexCache = new Map<string, fc.Arbitrary<string> | null>();
function patternArb(pattern: string): fc.Arbitrary<string> | null {
  if (!regexCache.has(pattern)) {
    let arb: fc.Arbitrary<string> | null;
    try {
      arb = fc.stringMatching(new RegExp(pattern, 'u'));
      fc.sample(arb, { numRuns: 1, seed: 1 });
    } catch {
      // fast-check does not generate from every regular expression (lookaheads): the example or plain strings then.
      arb = null;
    }
    regexCache.set(pattern, arb);
  }
  return regexCache.get(pattern) ?? null;
}

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
  const maxLength = typeof s.maxLength === 'number' ? s.maxLength : minLength + 30;
  const example = typeof s.example === 'string' ? s.example : null;
  const options: fc.Arbitrary<string>[] = [];
  if (s.format === 'date') options.push(dateArb.map((d) => d.slice(0, 10)));
  else if (s.format === 'date-time') options.push(dateArb);
  else if (s.format === 'binary') options.push(fc.string());
  const byPattern = typeof s.pattern === 'string' ? patternArb(s.pattern) : null;
  // No filter on the length: a pattern that cannot meet it would make fast-check loop forever. The pattern's own
  // lengths are what a client sends; the rare value outside min/maxLength is one more invalid request.
  if (byPattern) options.push(byPattern);
  if (example !== null) options.push(fc.constant(example));
  if (!options.length) {
    const len = { minLength, maxLength: Math.min(maxLength, minLength + 30) };
    options.push(fc.string(len), fc.string({ ...len, unit: fc.constantFrom('晋', '江', '焕', '新', '市', 'a', '1', ' ') }));
  }
  return fc.oneof(...options);
}

/** A value the schema accepts (as far as JSON Schema can say: a checksum inside an identifier is the example's). */
export function validArb(schema: JsonSchema, resolve: Resolver, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema, resolve);
  const base = validBase(s, resolve, depth);
  return s.nullable === true ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: base }) : base;
}

function validBase(s: JsonSchema, resolve: Resolver, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  const alternatives = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validArb(a, resolve, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length) return validArb(s.allOf[0] as JsonSchema, resolve, depth + 1);
  switch (typeOf(s)) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 3, minLength + 3);
      if (depth > 6) return fc.constant([]);
      return fc.array(validArb((s.items as JsonSchema) ?? {}, resolve, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = (s.required ?? []) as string[];
      if (depth > 6) return fc.constant({});
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = validArb(v, resolve, depth + 1);
      return fc.record(model, { requiredKeys: required.filter((k) => k in props) });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 100 }), fc.boolean());
  }
}

/** The ways one value is broken; `choices` are random numbers that pick where and how. */
export const MUTATIONS = ['wrongType', 'dropRequired', 'hugeString', 'controlCharacters', 'outOfRange', 'unknownField', 'wholeBody'] as const;
export type Mutation = (typeof MUTATIONS)[number];

const CONTROL_SAMPLES = ['\u0000', '\u001b[2J', '\u0007', '\u0008', '\u009b31m', '\u007f'];
const WRONG_TYPES: unknown[] = [[], {}, 'text', 12345, -1, true, null, 1.5, [1, 2]];

interface MutationResult {
  value: unknown;
  /** A mutation that found nothing to break (an object without strings, say) left the value valid. */
  applied: boolean;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length]!;
}

/** Breaks `value` (valid for `schema`) in one place chosen by `choices`. */
export function mutate(schema: JsonSchema, value: unknown, mutation: Mutation, choices: number[], resolve: Resolver, depth = 0): MutationResult {
  const s = deref(schema, resolve);
  const c = choices[depth % choices.length] ?? 0;
  const t = typeOf(s);
  // Go deeper into an object or array most of the time, so the fault sits in a field.
  if (t === 'object' && value && typeof value === 'object' && !Array.isArray(value) && mutation !== 'wholeBody') {
    const obj = { ...(value as Record<string, unknown>) };
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = ((s.required ?? []) as string[]).filter((k) => k in obj);
    if (mutation === 'dropRequired' && required.length && c % 3 !== 0) {
      delete obj[pick(required, c)];
      return { value: obj, applied: true };
    }
    if (mutation === 'unknownField' && c % 2 === 0) {
      obj[`unknown_${c % 7}`] = pick(WRONG_TYPES, c);
      return { value: obj, applied: true };
    }
    const keys = Object.keys(obj).filter((k) => k in props);
    if (keys.length) {
      const k = pick(keys, c);
      const inner = mutate(props[k]!, obj[k], mutation, choices, resolve, depth + 1);
      if (inner.applied) {
        obj[k] = inner.value;
        return { value: obj, applied: true };
      }
    }
    if (mutation === 'dropRequired' && required.length) {
      delete obj[pick(required, c)];
      return { value: obj, applied: true };
    }
    return { value: obj, applied: false };
  }
  if (t === 'array' && Array.isArray(value) && value.length && mutation !== 'wholeBody') {
    const arr = [...value];
    const i = c % arr.length;
    const inner = mutate((s.items as JsonSchema) ?? {}, arr[i], mutation, choices, resolve, depth + 1);
    if (inner.applied) {
      arr[i] = inner.value;
      return { value: arr, applied: true };
    }
    if (mutation === 'outOfRange' && typeof s.maxItems === 'number' && s.maxItems < 500) {
      return { value: Array.from({ length: s.maxItems + 1 }, () => arr[0]), applied: true };
    }
    return { value: arr, applied: false };
  }
  switch (mutation) {
    case 'wholeBody':
    case 'wrongType': {
      const wrong = WRONG_TYPES.filter((w) => !sameType(w, t));
      return { value: pick(wrong, c), applied: true };
    }
    case 'hugeString':
      if (t === 'string' || typeof value === 'string') return { value: 'x'.repeat(c % 5 === 0 ? 300_000 : 5_000 + (c % 1000)), applied: true };
      return { value, applied: false };
    case 'controlCharacters':
      if (typeof value === 'string') {
        const at = value.length ? c % (value.length + 1) : 0;
        return { value: value.slice(0, at) + pick(CONTROL_SAMPLES, c >> 3) + value.slice(at), applied: true };
      }
      return { value, applied: false };
    case 'outOfRange':
      if (t === 'integer' || t === 'number') {
        const { min, max } = bounds(s, t === 'integer');
        const options = [max + 1, min - 1, 1e308, -1e308, t === 'integer' ? 1.5 : Number.MAX_VALUE, 2 ** 53 + 2];
        return { value: pick(options, c), applied: true };
      }
      if (t === 'string') {
        if (typeof s.maxLength === 'number') return { value: 'y'.repeat(s.maxLength + 1), applied: true };
        if (typeof s.minLength === 'number' && s.minLength > 0) return { value: 'y'.repeat(s.minLength - 1), applied: true };
        if (Array.isArray(s.enum)) return { value: 'not_in_enum', applied: true };
        if (s.format === 'date') return { value: pick(['2025-02-30', '2025-13-01', '20250101', '1900-01-01'], c), applied: true };
      }
      return { value, applied: false };
    default:
      return { value, applied: false };
  }
}

function sameType(v: unknown, t: string | undefined): boolean {
  if (t === undefined) return true;
  if (v === null) return false;
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && !Array.isArray(v);
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'number') return typeof v === 'number';
  return typeof v === t;
}
