import { DatePicker, Form, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTowns } from '../../../../api/towns';
import type { Query } from '../../../../api/client';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { activeFields, ASSET_STATUSES, isNumericType, type LedgerDefinition, type LedgerField } from '../../../../../shared/ledgers/definition';
import { yuanToFen } from '../../../../../shared/money';
import { labelOf, withUnit, type DictionaryData } from './fields';

/**
 * The list's filters, made from the definition: a pick for code lists and towns, a range for numbers and dates,
 * "contains" for text — on the fields that say most about an asset (code lists and towns first), at most eight.
 * Each sits in the address bar as `f_<key>` (or `f_<key>_from`/`_to`), so a filtered list can be shared.
 */
const MAX_FIELD_FILTERS = 8;
const ORDER: Partial<Record<LedgerField['type'], number>> = { dictionary: 0, town: 1, date: 2, integer: 3, decimal: 3, money: 3, text: 4 };

export function filterFields(def: LedgerDefinition): LedgerField[] {
  return activeFields(def)
    .filter((f) => f.key !== def.titleField && ORDER[f.type] !== undefined)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (ORDER[a.f.type] ?? 9) - (ORDER[b.f.type] ?? 9) || a.i - b.i)
    .slice(0, MAX_FIELD_FILTERS)
    .map((x) => x.f);
}

const isRange = (f: LedgerField) => f.type === 'date' || isNumericType(f.type);

/** The address-bar keys of the filters (`status`, `old` and each field's). */
export function filterKeys(fields: readonly LedgerField[]): string[] {
  return ['status', 'old', ...fields.flatMap((f) => (isRange(f) ? [`f_${f.key}_from`, `f_${f.key}_to`] : [`f_${f.key}`]))];
}

type Condition = { field: string; op: string; value?: string | number };

/** The API's `filters` (a JSON array of conditions) from the address bar's values. */
export function conditionsOf(fields: readonly LedgerField[], state: Record<string, string | undefined>): Condition[] {
  const out: Condition[] = [];
  const number = (f: LedgerField, s: string) => (f.type === 'money' ? yuanToFen(s) : Number(s));
  for (const f of fields) {
    if (isRange(f)) {
      const from = state[`f_${f.key}_from`];
      const to = state[`f_${f.key}_to`];
      const a = from ? (f.type === 'date' ? from : number(f, from)) : null;
      const b = to ? (f.type === 'date' ? to : number(f, to)) : null;
      if (a !== null && a !== undefined && !(typeof a === 'number' && !Number.isFinite(a))) out.push({ field: f.key, op: 'gte', value: a });
      if (b !== null && b !== undefined && !(typeof b === 'number' && !Number.isFinite(b))) out.push({ field: f.key, op: 'lte', value: b });
      continue;
    }
    const v = state[`f_${f.key}`];
    if (!v) continue;
    if (f.type === 'text') out.push({ field: f.key, op: 'contains', value: v });
    else out.push({ field: f.key, op: 'eq', value: f.type === 'town' ? Number(v) : v });
  }
  return out;
}

/** The list endpoint's query (without paging) for the address bar's state: also what the export takes. */
export function listQuery(fields: readonly LedgerField[], state: Record<string, string | undefined>, q: string | undefined): Query {
  const conditions = conditionsOf(fields, state);
  return { status: state.status, old: state.old, q, filters: conditions.length ? JSON.stringify(conditions) : undefined };
}

/** The form values of the filter bar from the address bar (town ids as numbers, for their Select). */
export function filterFormValues(fields: readonly LedgerField[], state: Record<string, string | undefined>, q: string | undefined) {
  const out: Record<string, unknown> = { q, status: state.status, old: state.old };
  for (const f of fields) {
    if (isRange(f)) {
      out[`f_${f.key}_from`] = state[`f_${f.key}_from`];
      out[`f_${f.key}_to`] = state[`f_${f.key}_to`];
    } else out[`f_${f.key}`] = f.type === 'town' && state[`f_${f.key}`] ? Number(state[`f_${f.key}`]) : state[`f_${f.key}`];
  }
  return out;
}

/** The form's values back into the address bar's strings. */
export function filterStateOf(values: Record<string, unknown>, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    keys.map((k) => {
      const v = values[k];
      return [k, v === undefined || v === null || v === '' ? undefined : String(v as string | number).trim() || undefined];
    }),
  );
}

function DateEdge({ value, onChange, placeholder, testId }: { value?: string; onChange?: (v?: string) => void; placeholder: string; testId: string }) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      placeholder={placeholder}
      inputReadOnly
      data-testid={testId}
      style={{ width: 140 }}
    />
  );
}

/** The Form.Items of the filter bar: keyword, status, old, then one per chosen field. */
export function useFilterItems(def: LedgerDefinition, fields: readonly LedgerField[], dictionaries: Map<string, DictionaryData>) {
  const t = useT();
  const { locale } = useLocale();
  const towns = useTowns();
  const items = [
    <Form.Item key="q" name="q" label={t('common.keyword')}>
      <Input allowClear placeholder={t('ledgers.assets.list.searchHint')} data-testid="ledger-filter-q" style={{ minWidth: 160 }} />
    </Form.Item>,
    <Form.Item key="status" name="status" label={t('ledgers.assets.list.status')}>
      <Select
        allowClear
        placeholder={t('common.all')}
        style={{ minWidth: 110 }}
        data-testid="ledger-filter-status"
        options={ASSET_STATUSES.map((s) => ({ value: s, label: t(`ledgers.assets.status.${s}`) }))}
      />
    </Form.Item>,
  ];
  if (def.oldRule)
    items.push(
      <Form.Item key="old" name="old" label={t('ledgers.assets.list.old')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ minWidth: 90 }}
          data-testid="ledger-filter-old"
          options={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
        />
      </Form.Item>,
    );
  for (const f of fields) {
    const label = labelOf(f.label, locale);
    const testId = `ledger-filter-${f.key}`;
    if (f.type === 'date' || isNumericType(f.type)) {
      const from = t('ledgers.assets.filter.from');
      const to = t('ledgers.assets.filter.to');
      const edge = (suffix: 'from' | 'to') =>
        f.type === 'date' ? (
          <DateEdge placeholder={suffix === 'from' ? from : to} testId={`${testId}-${suffix}`} />
        ) : (
          <Input inputMode="decimal" placeholder={suffix === 'from' ? from : to} style={{ width: 100 }} data-testid={`${testId}-${suffix}`} />
        );
      items.push(
        <Form.Item key={f.key} label={withUnit(label, f.type === 'money' ? t('ledgers.assets.field.yuan') : f.unit, locale)}>
          <Space.Compact data-testid={testId}>
            <Form.Item name={`f_${f.key}_from`} noStyle>
              {edge('from')}
            </Form.Item>
            <Form.Item name={`f_${f.key}_to`} noStyle>
              {edge('to')}
            </Form.Item>
          </Space.Compact>
        </Form.Item>,
      );
    } else if (f.type === 'dictionary' || f.type === 'town') {
      const options =
        f.type === 'town'
          ? (towns.data ?? []).map((tw) => ({ value: tw.id as string | number, label: tw.name }))
          : (dictionaries.get(f.dictionary ?? '')?.options ?? []);
      items.push(
        <Form.Item key={f.key} name={`f_${f.key}`} label={label}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('common.all')}
            style={{ minWidth: 130 }}
            options={options}
            data-testid={testId}
          />
        </Form.Item>,
      );
    } else
      items.push(
        <Form.Item key={f.key} name={`f_${f.key}`} label={label}>
          <Input allowClear placeholder={t('ledgers.assets.filter.contains')} style={{ minWidth: 130 }} data-testid={testId} />
        </Form.Item>,
      );
  }
  return items;
}
