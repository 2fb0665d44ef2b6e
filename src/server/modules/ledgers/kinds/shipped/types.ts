import type { EventEffect, LedgerDefinitionInput, MetricMeasure } from '../../../../../shared/ledgers/definition.js';

type FieldInput = LedgerDefinitionInput['fields'][number];
type EventInput = NonNullable<LedgerDefinitionInput['events']>[number];
type EventFieldInput = NonNullable<EventInput['fields']>[number];
type MetricInput = NonNullable<LedgerDefinitionInput['metrics']>[number];
type Extra = Partial<Omit<FieldInput, 'key' | 'label' | 'type'>>;

/**
 * A ledger kind the platform ships: its keeper and co-keepers by organisation name (the reference organisations,
 * platform/seed/referenceOrganizations.ts), resolved to ids when seeded.
 */
export interface ShippedKind {
  code: string;
  keeper: string;
  coKeepers?: readonly string[];
  definition: Omit<LedgerDefinitionInput, 'coKeepers'>;
}

export const label = (zh: string, en: string) => ({ zh, en });

const field =
  (type: FieldInput['type']) =>
  (key: string, zh: string, en: string, extra: Extra = {}): FieldInput => ({ key, label: label(zh, en), type, ...extra });
export const text = field('text');
export const integer = field('integer');
export const decimal = field('decimal');
export const money = field('money');
export const date = field('date');
export const town = (extra: Extra = {}) => field('town')('town', '所属镇街', 'Town', { required: true, ...extra });
export const coordinates = field('coordinates');
export const dictionary = (key: string, zh: string, en: string, code: string, extra: Extra = {}) =>
  field('dictionary')(key, zh, en, { dictionary: code, ...extra });

export const eventField = (key: string, zh: string, en: string, type: EventFieldInput['type'], extra: Partial<EventFieldInput> = {}): EventFieldInput => ({
  key,
  label: label(zh, en),
  type,
  ...extra,
});
export const event = (
  code: string,
  zh: string,
  en: string,
  effect: EventEffect,
  extra: Partial<Omit<EventInput, 'code' | 'label' | 'effect'>> = {},
): EventInput => ({
  code,
  label: label(zh, en),
  effect,
  ...extra,
});

export const metric = (code: string, zh: string, en: string, unit: string, measure: MetricMeasure, extra: Partial<MetricInput> = {}): MetricInput => ({
  code,
  label: label(zh, en),
  unit,
  measure,
  ...extra,
});
/** Events of these effects in the window. */
export const events = (...effects: EventEffect[]): MetricMeasure => ({ kind: 'events', effects, oldOnly: false });
