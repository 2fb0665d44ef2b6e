import {
  EVENT_NUMBER_SLOTS,
  NUMBER_SLOTS,
  TEXT_SLOTS,
  isNumericType,
  slotClassOf,
  type FieldType,
  type LedgerDefinition,
  type RuleCondition,
} from './definition.js';

/** One thing wrong with a definition, at its path in the definition (`fields.2.dictionary`), as a message key. */
export interface DefinitionProblem {
  path: string;
  reason: string;
  params?: Record<string, string | number>;
}

// Nested quantifiers ((a+)+, (a*)*) backtrack exponentially: a pattern a keeper types must not stall the server.
const NESTED_QUANTIFIER = /\([^)]*[+*}][^)]*\)\s*[+*{]/;

/** Whether a text pattern compiles and cannot backtrack without bound. */
export function patternProblem(pattern: string): string | null {
  if (NESTED_QUANTIFIER.test(pattern)) return 'field.ledgers.patternUnsafe';
  try {
    new RegExp(`^(?:${pattern})$`, 'u');
    return null;
  } catch {
    return 'field.ledgers.patternInvalid';
  }
}

const ORDERED: readonly FieldType[] = ['integer', 'decimal', 'money', 'date'];

/**
 * Everything wrong with a definition on its own and against the version it replaces: keys unique, every reference
 * to a field names one of the right type, and nothing in use dropped — fields (retire them instead), event types
 * and metrics stay, a field keeps its type. Slots are checked after `assignSlots`.
 */
export function definitionProblems(def: LedgerDefinition, previous?: LedgerDefinition | null): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, reason: string, params?: Record<string, string | number>) => problems.push({ path, reason, ...(params ? { params } : {}) });
  const byKey = new Map(def.fields.map((f) => [f.key, f]));

  def.fields.forEach((f, i) => {
    if (def.fields.findIndex((g) => g.key === f.key) !== i) add(`fields.${i}.key`, 'field.ledgers.duplicateKey', { key: f.key });
    if (f.type === 'dictionary' && !f.dictionary) add(`fields.${i}.dictionary`, 'field.required');
    if (f.type !== 'dictionary' && f.dictionary) add(`fields.${i}.dictionary`, 'field.ledgers.notForType');
    if ((f.min !== undefined || f.max !== undefined) && !isNumericType(f.type)) add(`fields.${i}.min`, 'field.ledgers.notForType');
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) add(`fields.${i}.max`, 'field.ledgers.maxBelowMin');
    if ((f.pattern !== undefined || f.maxLength !== undefined) && f.type !== 'text') add(`fields.${i}.pattern`, 'field.ledgers.notForType');
    if (f.pattern !== undefined) {
      const p = patternProblem(f.pattern);
      if (p) add(`fields.${i}.pattern`, p);
    }
    if (f.unit !== undefined && !isNumericType(f.type)) add(`fields.${i}.unit`, 'field.ledgers.notForType');
    if (f.decimals !== undefined && f.type !== 'decimal') add(`fields.${i}.decimals`, 'field.ledgers.notForType');
    if (f.notInFuture && f.type !== 'date') add(`fields.${i}.notInFuture`, 'field.ledgers.notForType');
    if (f.unique && (f.type === 'file' || f.type === 'coordinates')) add(`fields.${i}.unique`, 'field.ledgers.notForType');
  });

  const needField = (path: string, key: string | null, types?: readonly FieldType[]) => {
    if (key === null) return;
    const f = byKey.get(key);
    if (!f) add(path, 'field.ledgers.unknownField', { key });
    else if (types && !types.includes(f.type)) add(path, 'field.ledgers.wrongFieldType', { key, types: types.join('/') });
  };
  needField('titleField', def.titleField);
  if (def.townAccess !== 'none' && def.townField === null) add('townField', 'field.required');
  needField('townField', def.townField, ['town']);

  const checkCondition = (path: string, c: RuleCondition) => {
    if (c.op === 'ageAtLeast') return needField(`${path}.field`, c.field, ['date']);
    if (c.op === 'lt' || c.op === 'lte' || c.op === 'gt' || c.op === 'gte') return needField(`${path}.field`, c.field, ORDERED);
    needField(`${path}.field`, c.field);
  };
  def.oldRule?.conditions.forEach((c, i) => checkCondition(`oldRule.conditions.${i}`, c));

  def.events.forEach((e, i) => {
    if (def.events.findIndex((x) => x.code === e.code) !== i) add(`events.${i}.code`, 'field.ledgers.duplicateKey', { key: e.code });
    e.fields.forEach((f, j) => {
      if (e.fields.findIndex((g) => g.key === f.key) !== j) add(`events.${i}.fields.${j}.key`, 'field.ledgers.duplicateKey', { key: f.key });
      if (f.type === 'dictionary' && !f.dictionary) add(`events.${i}.fields.${j}.dictionary`, 'field.required');
    });
    if (e.fields.filter((f) => isNumericType(f.type)).length > EVENT_NUMBER_SLOTS)
      add(`events.${i}.fields`, 'field.ledgers.tooManyNumericEventFields', { max: EVENT_NUMBER_SLOTS });
    e.changes.forEach((k, j) => needField(`events.${i}.changes.${j}`, k));
  });

  def.metrics.forEach((m, i) => {
    if (def.metrics.findIndex((x) => x.code === m.code) !== i) add(`metrics.${i}.code`, 'field.ledgers.duplicateKey', { key: m.code });
    const path = `metrics.${i}.measure`;
    const ms = m.measure;
    if (ms.kind === 'sum' || ms.kind === 'addedSum') needField(`${path}.field`, ms.field, ['integer', 'decimal', 'money']);
    if (ms.kind === 'share') needField(`${path}.field`, ms.field);
    if (ms.kind === 'old' && !def.oldRule) add(path, 'field.ledgers.metricNeedsOldRule');
    if (ms.kind === 'events' && ms.oldOnly && !def.oldRule) add(`${path}.oldOnly`, 'field.ledgers.metricNeedsOldRule');
    if (ms.kind === 'events' && !ms.effects.some((e) => def.events.some((x) => x.effect === e))) add(`${path}.effects`, 'field.ledgers.noSuchEvent');
    if (ms.kind === 'eventSum') {
      const e = def.events.find((x) => x.code === ms.event);
      if (!e) add(`${path}.event`, 'field.ledgers.noSuchEvent');
      else {
        const f = e.fields.find((x) => x.key === ms.field);
        if (!f || !isNumericType(f.type)) add(`${path}.field`, 'field.ledgers.wrongFieldType', { key: ms.field, types: 'integer/decimal/money' });
      }
    }
    m.where.forEach((c, j) => checkCondition(`metrics.${i}.where.${j}`, c));
  });

  if (previous) {
    previous.fields.forEach((old) => {
      const i = def.fields.findIndex((f) => f.key === old.key);
      if (i < 0) add('fields', 'field.ledgers.fieldInUse', { key: old.key });
      else if (def.fields[i]!.type !== old.type) add(`fields.${i}.type`, 'field.ledgers.typeFixed', { key: old.key });
    });
    for (const e of previous.events) {
      const i = def.events.findIndex((x) => x.code === e.code);
      if (i < 0) {
        add('events', 'field.ledgers.eventInUse', { key: e.code });
        continue;
      }
      // Stored events keep their values by key and their sums by slot: an event's fields are never dropped or retyped.
      for (const f of e.fields) {
        const j = def.events[i]!.fields.findIndex((g) => g.key === f.key);
        if (j < 0) add(`events.${i}.fields`, 'field.ledgers.fieldInUse', { key: f.key });
        else if (def.events[i]!.fields[j]!.type !== f.type) add(`events.${i}.fields.${j}.type`, 'field.ledgers.typeFixed', { key: f.key });
      }
    }
    for (const m of previous.metrics) if (!def.metrics.some((x) => x.code === m.code)) add('metrics', 'field.ledgers.metricInUse', { key: m.code });
  }
  return problems;
}

/**
 * Gives every field a slot: the one it had in the previous version (matched by key), else the lowest free one of
 * its class. Returns the definition with slots, or the problem when a class is full.
 */
export function assignSlots(def: LedgerDefinition, previous?: LedgerDefinition | null): { definition: LedgerDefinition } | { problem: DefinitionProblem } {
  const kept = new Map((previous?.fields ?? []).map((f) => [f.key, f.slot]));
  const used = new Set<string>([...kept.values()].filter((s): s is string => !!s));
  const next = (cls: 't' | 'n') => {
    const max = cls === 't' ? TEXT_SLOTS : NUMBER_SLOTS;
    for (let i = 1; i <= max; i++) if (!used.has(`${cls}${i}`)) return `${cls}${i}`;
    return null;
  };
  const fields = [];
  for (const f of def.fields) {
    let slot = kept.get(f.key) ?? null;
    if (!slot) {
      slot = next(slotClassOf(f.type));
      if (!slot)
        return { problem: { path: 'fields', reason: 'field.ledgers.tooManyFields', params: { max: slotClassOf(f.type) === 't' ? TEXT_SLOTS : NUMBER_SLOTS } } };
      used.add(slot);
    }
    fields.push({ ...f, slot });
  }
  const events = def.events.map((e) => {
    const before = previous?.events.find((x) => x.code === e.code);
    const taken = new Set(before?.fields.map((f) => f.slot).filter(Boolean));
    let n = 0;
    const free = () => {
      while (taken.has(`q${++n}`));
      return `q${n}`;
    };
    return {
      ...e,
      fields: e.fields.map((f) => {
        if (!isNumericType(f.type)) return { ...f, slot: undefined };
        const slot = before?.fields.find((x) => x.key === f.key)?.slot ?? free();
        taken.add(slot);
        return { ...f, slot };
      }),
    };
  });
  return { definition: { ...def, fields, events } as LedgerDefinition };
}
