/**
 * Where a problem with a definition is shown: on the form field at its path when the form has one (the server's
 * `definition.fields.2.key`, or the browser's own check before sending), else only in the list above the form,
 * its path said in words ("字段 3（编号）· 键") so the keeper can find it on a long page.
 */
import type { FormInstance } from 'antd';
import type { Translate } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { KindForm } from './formModel';

export interface PlacedProblem {
  /** The path in the form (`fields.2.key`). */
  path: string;
  message: string;
  /** The form field it was put on, when there is one. */
  name: (string | number)[] | null;
}

const asName = (path: string) => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** Puts each problem on the nearest field the form has registered at or above its path. */
export function placeProblems(form: FormInstance, problems: { path: string; message: string }[]): PlacedProblem[] {
  const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const onField = new Map<string, string[]>();
  const placed = problems.map((p) => {
    const path = p.path.replace(/^definition\./, '');
    let at: string | null = null;
    for (let parts = path.split('.'); parts.length; parts = parts.slice(0, -1)) {
      if (registered.has(parts.join('.'))) {
        at = parts.join('.');
        break;
      }
    }
    if (at) onField.set(at, [...(onField.get(at) ?? []), p.message]);
    return { path, message: p.message, name: at ? asName(at) : null };
  });
  form.setFields([...onField].map(([name, errors]) => ({ name: asName(name), errors })));
  return placed;
}

const PART_KEYS: Record<string, MessageKey> = {
  key: 'ledgers.kinds.field.key',
  code: 'ledgers.kinds.code',
  zh: 'ledgers.kinds.labelZh',
  en: 'ledgers.kinds.labelEn',
  name: 'ledgers.kinds.name',
  label: 'ledgers.kinds.label',
  type: 'ledgers.kinds.field.type',
  required: 'ledgers.kinds.field.required',
  unique: 'ledgers.kinds.field.unique',
  unit: 'ledgers.kinds.unit',
  decimals: 'ledgers.kinds.field.decimals',
  dictionary: 'ledgers.kinds.field.dictionary',
  min: 'ledgers.kinds.field.min',
  max: 'ledgers.kinds.field.max',
  maxLength: 'ledgers.kinds.field.maxLength',
  pattern: 'ledgers.kinds.field.pattern',
  notInFuture: 'ledgers.kinds.field.notInFuture',
  slot: 'ledgers.kinds.field.slot',
  titleField: 'ledgers.kinds.titleField',
  townField: 'ledgers.kinds.townField',
  townAccess: 'ledgers.kinds.townAccess',
  planRefs: 'ledgers.kinds.planRefs',
  coKeepers: 'ledgers.kinds.coKeepers',
  keeperOrganizationId: 'ledgers.kinds.keeper',
  description: 'ledgers.kinds.description',
  effect: 'ledgers.kinds.event.effect',
  changes: 'ledgers.kinds.event.changes',
  measure: 'ledgers.kinds.metric.measure',
  kind: 'ledgers.kinds.metric.kind',
  effects: 'ledgers.kinds.metric.effects',
  oldOnly: 'ledgers.kinds.metric.oldOnly',
  event: 'ledgers.kinds.metric.event',
  field: 'ledgers.kinds.rule.field',
  op: 'ledgers.kinds.rule.op',
  value: 'ledgers.kinds.rule.value',
  values: 'ledgers.kinds.rule.value',
  years: 'ledgers.kinds.rule.years',
  scale: 'ledgers.kinds.metric.scale',
  oldRule: 'ledgers.kinds.section.rule',
  match: 'ledgers.kinds.rule.match',
};

/** "字段 3（编号）· 键": the path of a problem, read out against the form's current values. */
export function pathInWords(path: string, values: KindForm, t: Translate): string {
  const parts = path.replace(/^definition\./, '').split('.');
  const words: string[] = [];
  let here: unknown = values;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    const index = next !== undefined && /^\d+$/.test(next) ? Number(next) : null;
    const list = (here as Record<string, unknown> | undefined)?.[part];
    if (index !== null && Array.isArray(list)) {
      const item = list[index] as { key?: string; code?: string; label?: { zh?: string; en?: string } } | undefined;
      const name = item?.label?.zh || item?.key || item?.code;
      const n = index + 1;
      const which: Record<string, MessageKey> = {
        fields: 'ledgers.kinds.path.field',
        events: 'ledgers.kinds.path.event',
        metrics: 'ledgers.kinds.path.metric',
        conditions: 'ledgers.kinds.path.condition',
        where: 'ledgers.kinds.path.condition',
        changes: 'ledgers.kinds.path.change',
        planRefs: 'ledgers.kinds.path.planRef',
        coKeepers: 'ledgers.kinds.path.coKeeper',
        values: 'ledgers.kinds.path.value',
      };
      const key = which[part];
      words.push(key ? t(key, { n }) + (name ? `（${name}）` : '') : `${part} ${n}`);
      here = item;
      i++;
      continue;
    }
    if (part === 'conditions' && parts[i - 1] === 'oldRule') continue;
    const key = PART_KEYS[part];
    words.push(key ? t(key) : part);
    here = list;
  }
  return words.join(' · ');
}
