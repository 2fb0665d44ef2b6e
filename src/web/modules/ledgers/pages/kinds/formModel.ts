/**
 * The definition editor's form values and their conversion to and from a LedgerDefinition. The form keeps the
 * definition's own shape (so the server's paths, `definition.fields.2.key`, name the form's fields as they are),
 * except where people type differently from how values are stored: money in 元 (stored in fen), the old rule
 * absent when it has no condition, and a marker on event types and metrics that were saved (those stay).
 */
import {
  isNumericType,
  type EventEffect,
  type FieldType,
  type LedgerDefinition,
  type LedgerDefinitionInput,
  type LedgerEventType,
  type LedgerField,
  type LedgerMetric,
  type MetricMeasure,
  type OldRule,
  type RuleCondition,
  type TownAccess,
} from '../../../../../shared/ledgers/definition';

export type ConditionOp = RuleCondition['op'];
export type Scalar = string | number;

export interface FieldForm {
  key?: string;
  label?: { zh?: string; en?: string };
  type?: FieldType;
  required?: boolean;
  unique?: boolean;
  unit?: string;
  decimals?: number | null;
  dictionary?: string;
  min?: number | null;
  max?: number | null;
  maxLength?: number | null;
  pattern?: string;
  notInFuture?: boolean;
  retired?: boolean;
  /** Given by the server: a field with a slot is saved, so it can be retired but not removed or retyped. */
  slot?: string;
}

export interface ConditionForm {
  field?: string;
  op?: ConditionOp;
  value?: Scalar | null;
  values?: Scalar[];
  years?: number | null;
}

export interface EventForm {
  code?: string;
  label?: { zh?: string; en?: string };
  effect?: EventEffect;
  fields?: FieldForm[];
  changes?: string[];
  saved?: boolean;
}

export interface MetricForm {
  code?: string;
  label?: { zh?: string; en?: string };
  unit?: string;
  scale?: number | null;
  measure?: { kind?: MetricMeasure['kind']; effects?: EventEffect[]; oldOnly?: boolean; event?: string; field?: string; values?: Scalar[] };
  where?: ConditionForm[];
  saved?: boolean;
}

export interface KindForm {
  code?: string;
  keeperOrganizationId?: number;
  name?: { zh?: string; en?: string };
  description?: { zh?: string; en?: string };
  coKeepers?: number[];
  townAccess?: TownAccess;
  townField?: string | null;
  titleField?: string;
  planRefs?: string[];
  fields?: FieldForm[];
  oldRule?: { match?: 'all' | 'any'; conditions?: ConditionForm[] };
  events?: EventForm[];
  metrics?: MetricForm[];
  note?: string;
}

const yuan = (fen: number | undefined) => (fen === undefined ? undefined : fen / 100);
const fen = (v: number | null | undefined) => (v === null || v === undefined ? undefined : Math.round(v * 100));
const text = (s: string | undefined | null) => (s ?? '').trim();
const present = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined && (v as unknown) !== '';

/** A stored condition value as typed (money in 元), and back. */
const shownValue = (type: FieldType | undefined, v: Scalar) => (type === 'money' && typeof v === 'number' ? v / 100 : v);
const storedValue = (type: FieldType | undefined, v: Scalar) => {
  if (type === 'money' && typeof v === 'number') return Math.round(v * 100);
  if (type && isNumericType(type) && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return v;
};

export function fieldToForm(f: LedgerField): FieldForm {
  const money = f.type === 'money';
  return { ...f, min: money ? yuan(f.min) : f.min, max: money ? yuan(f.max) : f.max };
}

function conditionToForm(c: RuleCondition, typeOf: (key: string) => FieldType | undefined): ConditionForm {
  const type = typeOf(c.field);
  if (c.op === 'ageAtLeast') return { field: c.field, op: c.op, years: c.years };
  if ('values' in c) return { field: c.field, op: c.op, values: c.values.map((v) => shownValue(type, v)) };
  if ('value' in c) return { field: c.field, op: c.op, value: shownValue(type, c.value) };
  return { field: c.field, op: c.op };
}

function measureToForm(ms: MetricMeasure, typeOf: (key: string) => FieldType | undefined): MetricForm['measure'] {
  if (ms.kind !== 'share') return { ...ms };
  const type = typeOf(ms.field);
  return { ...ms, values: ms.values.map((v) => shownValue(type, v)) };
}

export function definitionToForm(def: LedgerDefinition, code: string, keeperOrganizationId: number): KindForm {
  const typeOf = (key: string) => def.fields.find((f) => f.key === key)?.type;
  return {
    code,
    keeperOrganizationId,
    name: def.name,
    description: def.description ?? { zh: '', en: '' },
    coKeepers: def.coKeepers,
    townAccess: def.townAccess,
    townField: def.townField,
    titleField: def.titleField,
    planRefs: def.planRefs,
    fields: def.fields.map(fieldToForm),
    oldRule: def.oldRule
      ? { match: def.oldRule.match, conditions: def.oldRule.conditions.map((c) => conditionToForm(c, typeOf)) }
      : { match: 'all', conditions: [] },
    events: def.events.map((e) => ({ ...e, fields: e.fields.map(fieldToForm), saved: true })),
    metrics: def.metrics.map((m) => ({
      ...m,
      scale: m.scale ?? null,
      measure: measureToForm(m.measure, typeOf),
      where: m.where.map((c) => conditionToForm(c, typeOf)),
      saved: true,
    })),
    note: '',
  };
}

/** A fresh kind: one field that names the asset, no rule, no events. */
export function emptyForm(): KindForm {
  return {
    code: '',
    name: { zh: '', en: '' },
    description: { zh: '', en: '' },
    coKeepers: [],
    townAccess: 'none',
    townField: null,
    titleField: 'code',
    planRefs: [],
    fields: [{ key: 'code', label: { zh: '编号', en: 'Code' }, type: 'text', required: true, unique: true }],
    oldRule: { match: 'all', conditions: [] },
    events: [],
    metrics: [],
    note: '',
  };
}

/** Only the checks the field's type takes are sent (the server refuses the others). */
export function formToField(f: FieldForm): LedgerField {
  const type = f.type ?? 'text';
  const money = type === 'money';
  const out: Record<string, unknown> = {
    key: text(f.key),
    label: { zh: text(f.label?.zh), en: text(f.label?.en) },
    type,
    required: Boolean(f.required),
    unique: Boolean(f.unique) && type !== 'file' && type !== 'coordinates',
    retired: Boolean(f.retired),
  };
  if (isNumericType(type)) {
    if (present(f.min)) out.min = money ? fen(f.min) : f.min;
    if (present(f.max)) out.max = money ? fen(f.max) : f.max;
    if (text(f.unit)) out.unit = text(f.unit);
  }
  if (type === 'decimal' && present(f.decimals)) out.decimals = f.decimals;
  if (type === 'dictionary' && text(f.dictionary)) out.dictionary = text(f.dictionary);
  if (type === 'text') {
    if (present(f.maxLength)) out.maxLength = f.maxLength;
    if (text(f.pattern)) out.pattern = text(f.pattern);
  }
  if (type === 'date' && f.notInFuture) out.notInFuture = true;
  if (f.slot) out.slot = f.slot;
  return out as LedgerField;
}

function formToCondition(c: ConditionForm, typeOf: (key: string) => FieldType | undefined): RuleCondition {
  const field = c.field ?? '';
  const op = c.op ?? 'notEmpty';
  const type = typeOf(field);
  if (op === 'ageAtLeast') return { field, op, years: c.years ?? 0 };
  if (op === 'in' || op === 'notIn') return { field, op, values: (c.values ?? []).map((v) => storedValue(type, v)) };
  if (op === 'empty' || op === 'notEmpty') return { field, op };
  return { field, op, value: storedValue(type, c.value ?? '') };
}

function formToMeasure(m: MetricForm['measure'], typeOf: (key: string) => FieldType | undefined): MetricMeasure {
  const kind = m?.kind ?? 'inService';
  switch (kind) {
    case 'inService':
    case 'old':
      return { kind };
    case 'events':
      return { kind, effects: m?.effects ?? [], oldOnly: Boolean(m?.oldOnly) };
    case 'eventSum':
      return { kind, event: m?.event ?? '', field: m?.field ?? '' };
    case 'addedSum':
    case 'sum':
      return { kind, field: m?.field ?? '' };
    case 'share':
      return { kind, field: m?.field ?? '', values: (m?.values ?? []).map((v) => storedValue(typeOf(m?.field ?? ''), v)) };
  }
}

/** The definition the form describes, as the API takes it. */
export function formToDefinition(v: KindForm): LedgerDefinitionInput {
  const fields = (v.fields ?? []).map(formToField);
  const typeOf = (key: string) => fields.find((f) => f.key === key)?.type;
  const description = { zh: text(v.description?.zh), en: text(v.description?.en) };
  const rule: OldRule | null = v.oldRule?.conditions?.length
    ? { match: v.oldRule.match ?? 'all', conditions: v.oldRule.conditions.map((c) => formToCondition(c, typeOf)) }
    : null;
  const events: LedgerEventType[] = (v.events ?? []).map((e) => ({
    code: text(e.code),
    label: { zh: text(e.label?.zh), en: text(e.label?.en) },
    effect: e.effect ?? 'upgraded',
    fields: (e.fields ?? []).map(formToField) as LedgerEventType['fields'],
    changes: e.changes ?? [],
  }));
  const metrics: LedgerMetric[] = (v.metrics ?? []).map((m) => ({
    code: text(m.code),
    label: { zh: text(m.label?.zh), en: text(m.label?.en) },
    unit: text(m.unit),
    ...(present(m.scale) ? { scale: m.scale } : {}),
    measure: formToMeasure(m.measure, typeOf),
    where: (m.where ?? []).map((c) => formToCondition(c, typeOf)),
  }));
  return {
    name: { zh: text(v.name?.zh), en: text(v.name?.en) },
    ...(description.zh || description.en ? { description } : {}),
    planRefs: v.planRefs ?? [],
    coKeepers: v.coKeepers ?? [],
    townAccess: v.townAccess ?? 'none',
    townField: v.townField || null,
    titleField: v.titleField ?? '',
    fields,
    oldRule: rule,
    events,
    metrics,
  };
}

/**
 * The rule as far as it is filled in, for the live wording: conditions still missing a field, an operator or a
 * value are left out.
 */
export function draftRule(v: KindForm): OldRule | null {
  const fields = (v.fields ?? []).map(formToField);
  const typeOf = (key: string) => fields.find((f) => f.key === key)?.type;
  const complete = (v.oldRule?.conditions ?? []).filter((c) => {
    if (!c?.field || !c.op) return false;
    if (c.op === 'ageAtLeast') return present(c.years);
    if (c.op === 'in' || c.op === 'notIn') return (c.values ?? []).length > 0;
    if (c.op === 'empty' || c.op === 'notEmpty') return true;
    return present(c.value);
  });
  if (!complete.length) return null;
  return { match: v.oldRule?.match ?? 'all', conditions: complete.map((c) => formToCondition(c, typeOf)) };
}

/** Operators a condition may use on a field of this type (ordering only where the server allows it). */
export function opsFor(type: FieldType | undefined): ConditionOp[] {
  const presence: ConditionOp[] = ['empty', 'notEmpty'];
  switch (type) {
    case 'date':
      return ['ageAtLeast', 'lt', 'lte', 'gt', 'gte', 'eq', 'ne', ...presence];
    case 'integer':
    case 'decimal':
    case 'money':
      return ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', ...presence];
    case 'coordinates':
    case 'file':
      return presence;
    case undefined:
      return [];
    default:
      return ['eq', 'ne', 'in', 'notIn', ...presence];
  }
}
