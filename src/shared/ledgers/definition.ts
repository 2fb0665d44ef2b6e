import { z } from 'zod';

/**
 * A ledger kind's definition (台账类型): the fields its assets have, what makes an asset "old", which events count
 * as renewal and which figures the plan can read from it. It is data, kept as versions (server: ledgers/kinds), so
 * a bureau's spreadsheet becomes a ledger without code. Server and web share this file: the web builds the forms,
 * filters and columns from a definition, the server checks and stores values by it.
 */

export const FIELD_TYPES = ['text', 'integer', 'decimal', 'money', 'date', 'dictionary', 'organization', 'town', 'coordinates', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What an event does to its asset: added (a new asset enters service), upgraded/retrofitted (it stays, changed), replaced/scrapped (it ends). */
export const EVENT_EFFECTS = ['added', 'upgraded', 'replaced', 'scrapped', 'retrofitted'] as const;
export type EventEffect = (typeof EVENT_EFFECTS)[number];
/** The effects after which the asset is no longer in service. */
export const ENDING_EFFECTS: readonly EventEffect[] = ['replaced', 'scrapped'];

export const ASSET_STATUSES = ['in_service', 'replaced', 'scrapped'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const TOWN_ACCESS = ['none', 'read', 'edit'] as const;
export type TownAccess = (typeof TOWN_ACCESS)[number];

/**
 * Where a field's value is stored: text slots `t1…t16` (text, date as YYYY-MM-DD, dictionary code, coordinates
 * "lng,lat"), numeric slots `n1…n10` (integer, decimal, money in fen, organisation, town and file ids). A slot is
 * given once, when the field first appears, and never given to another field of the kind (fields are retired,
 * never dropped), so stored values never change meaning.
 */
export const TEXT_SLOTS = 16;
export const NUMBER_SLOTS = 10;
/** Event fields: numeric ones in `q1…q4` (summed by metrics), all of them in the event's values. */
export const EVENT_NUMBER_SLOTS = 4;
export const slotClassOf = (type: FieldType): 't' | 'n' => (type === 'text' || type === 'date' || type === 'dictionary' || type === 'coordinates' ? 't' : 'n');
export const isNumericType = (type: FieldType) => slotClassOf(type) === 'n' && type !== 'organization' && type !== 'town' && type !== 'file';
export const TEXT_SLOT_NAMES = Array.from({ length: TEXT_SLOTS }, (_, i) => `t${i + 1}`) as TextSlot[];
export const NUMBER_SLOT_NAMES = Array.from({ length: NUMBER_SLOTS }, (_, i) => `n${i + 1}`) as NumberSlot[];
export type TextSlot = `t${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16}`;
export type NumberSlot = `n${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`;
export type AssetSlot = TextSlot | NumberSlot;
export type EventSlot = `q${1 | 2 | 3 | 4}`;

/** A field, event or metric key: camelCase, stable for ever (metric names and stored values use it). */
export const definitionKey = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'field.ledgers.key');
export const localisedLabel = z.strictObject({ zh: z.string().trim().min(1).max(60), en: z.string().trim().min(1).max(100) });
export type Label = z.infer<typeof localisedLabel>;
const longText = z.strictObject({ zh: z.string().trim().max(500), en: z.string().trim().max(500) });

export const ledgerField = z.strictObject({
  key: definitionKey,
  label: localisedLabel,
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  /** Shown after the value (㎡, km, 台); decimals only. */
  unit: z.string().trim().min(1).max(20).optional(),
  /** Digits after the point a decimal keeps (default 2). */
  decimals: z.number().int().min(0).max(6).optional(),
  /** The dictionary (platform code list) a dictionary field takes its codes from. */
  dictionary: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9_.]{1,59}$/)
    .optional(),
  /** Bounds of integer, decimal and money (fen) values, inclusive. */
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  /** Text only: the longest value (default 200) and a pattern it must match (anchored). */
  maxLength: z.number().int().min(1).max(500).optional(),
  pattern: z.string().min(1).max(100).optional(),
  /** A date that cannot be after today (commissioning, purchase). */
  notInFuture: z.boolean().optional(),
  /** No two assets of the ledger with the same value; the first unique field is the import's re-import key. */
  unique: z.boolean().default(false),
  /** A retired field keeps its values and its slot but leaves forms, templates and new checks. */
  retired: z.boolean().default(false),
  /** Assigned by the server when the field first appears; a client sends back what it read, or nothing. */
  slot: z
    .string()
    .regex(/^[tn]\d{1,2}$/)
    .optional(),
});
export type LedgerField = z.infer<typeof ledgerField>;

const EVENT_FIELD_TYPES = ['text', 'integer', 'decimal', 'money', 'date', 'dictionary'] as const;
export const eventField = ledgerField.extend({
  type: z.enum(EVENT_FIELD_TYPES),
  unique: z.literal(false).default(false),
  /** Numeric event fields only: `q1…q4`, assigned by the server like asset slots. */
  slot: z
    .string()
    .regex(/^q[1-4]$/)
    .optional(),
});
export type EventField = z.infer<typeof eventField>;

export const ledgerEventType = z.strictObject({
  code: definitionKey,
  label: localisedLabel,
  effect: z.enum(EVENT_EFFECTS),
  /** What the event records besides its date (㎡ retrofitted, the investment). */
  fields: z.array(eventField).max(8).default([]),
  /** Asset fields the event may change (an upgrade's new resolution, a retrofit's new energy type). */
  changes: z.array(definitionKey).max(10).default([]),
});
export type LedgerEventType = z.infer<typeof ledgerEventType>;

const scalar = z.union([z.string().max(100), z.number().finite()]);
/** One condition on an asset's values. `ageAtLeast` reads a date field: the asset is old from that date plus `years`. */
export const ruleCondition = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('ageAtLeast'), field: definitionKey, years: z.number().int().min(1).max(100) }),
  z.strictObject({ op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']), field: definitionKey, value: scalar }),
  z.strictObject({ op: z.enum(['in', 'notIn']), field: definitionKey, values: z.array(scalar).min(1).max(50) }),
  z.strictObject({ op: z.enum(['empty', 'notEmpty']), field: definitionKey }),
]);
export type RuleCondition = z.infer<typeof ruleCondition>;

/** When an asset is "old" (老旧): all or any of the conditions. Null: the ledger has no notion of old. */
export const oldRule = z.strictObject({ match: z.enum(['all', 'any']), conditions: z.array(ruleCondition).min(1).max(10) });
export type OldRule = z.infer<typeof oldRule>;

/**
 * A figure of the ledger the plan can bind an indicator to, as `ledgers.<kind code>.<metric code>`. Counts and
 * sums over a window are flows (events in the window); `inService`, `old`, `sum` and `share` are levels at the
 * window's end. `scale` divides the value into the plan's unit (㎡ → 万平方米: 10000).
 */
export const metricMeasure = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('inService') }),
  z.strictObject({ kind: z.literal('old') }),
  /** Events of these effects in the window; `oldOnly`: only of assets that were old on the event's date. */
  z.strictObject({ kind: z.literal('events'), effects: z.array(z.enum(EVENT_EFFECTS)).min(1).max(5), oldOnly: z.boolean().default(false) }),
  /** The sum of one numeric field of one event type over its events in the window (㎡ retrofitted). */
  z.strictObject({ kind: z.literal('eventSum'), event: definitionKey, field: definitionKey }),
  /** The sum of a numeric asset field over assets added in the window (the investment in new equipment). */
  z.strictObject({ kind: z.literal('addedSum'), field: definitionKey }),
  /** The sum of a numeric asset field over assets in service at the window's end (km of pipeline). */
  z.strictObject({ kind: z.literal('sum'), field: definitionKey }),
  /** The percentage of assets in service at the window's end whose field has one of the values (electric buses). */
  z.strictObject({ kind: z.literal('share'), field: definitionKey, values: z.array(scalar).min(1).max(20) }),
]);
export type MetricMeasure = z.infer<typeof metricMeasure>;

export const ledgerMetric = z.strictObject({
  code: definitionKey,
  label: localisedLabel,
  unit: z.string().trim().min(1).max(20),
  scale: z.number().positive().max(1e10).optional(),
  measure: metricMeasure,
  /** Only assets meeting these conditions count (operating diesel trucks among all trucks). */
  where: z.array(ruleCondition).max(5).default([]),
});
export type LedgerMetric = z.infer<typeof ledgerMetric>;

export const ledgerDefinition = z.strictObject({
  name: localisedLabel,
  description: longText.optional(),
  /** The plan's tasks and indicators the ledger serves (`A1-T4`, `A1-T4-01`). */
  planRefs: z
    .array(z.string().regex(/^[A-Z]\d+(-[A-Z]?\d+){0,2}(-[A-Z]?\d+)?$/))
    .max(20)
    .default([]),
  /** Other organisations that keep assets of this ledger besides its keeper (市住建局 beside 市市场监管局). */
  coKeepers: z.array(z.number().int().positive()).max(10).default([]),
  /** What towns do with their part: nothing, read it, or read and edit it. */
  townAccess: z.enum(TOWN_ACCESS).default('none'),
  /** The `town` field that says whose part an asset is (required unless townAccess is none). */
  townField: definitionKey.nullable().default(null),
  /** The field that names an asset in lists and history (a registration code, a plate). */
  titleField: definitionKey,
  fields: z
    .array(ledgerField)
    .min(1)
    .max(TEXT_SLOTS + NUMBER_SLOTS),
  oldRule: oldRule.nullable().default(null),
  events: z.array(ledgerEventType).max(10).default([]),
  metrics: z.array(ledgerMetric).max(20).default([]),
});
export type LedgerDefinition = z.infer<typeof ledgerDefinition>;
/** What a client sends: defaults may be left out. */
export type LedgerDefinitionInput = z.input<typeof ledgerDefinition>;

/** An asset's values by field key: strings for t-slot types, numbers for n-slot types; absent or null = empty. */
export type AssetValues = Record<string, string | number | null>;

/** The metric name the plan binds: `ledgers.<kind>.<metric>`. */
export const ledgerMetricName = (kindCode: string, metricCode: string) => `ledgers.${kindCode}.${metricCode}`;
export const LEDGER_METRIC_NAME = /^ledgers\.([a-z][A-Za-z0-9]{0,39})\.([a-z][A-Za-z0-9]{0,39})$/;

/** A kind's code: the middle of its metric names, so camelCase like a key. */
export const kindCode = definitionKey;

export const activeFields = (def: Pick<LedgerDefinition, 'fields'>) => def.fields.filter((f) => !f.retired);
export const fieldByKey = (def: Pick<LedgerDefinition, 'fields'>, key: string) => def.fields.find((f) => f.key === key);
/** The field whose value re-import matches on: the first active unique field. */
export const importKeyField = (def: Pick<LedgerDefinition, 'fields'>) => activeFields(def).find((f) => f.unique);
