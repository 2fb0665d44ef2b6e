import { useMemo, useState } from 'react';
import { App, Button, DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import { AimOutlined, CloseOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../../api/client';
import { useTowns } from '../../../../api/towns';
import type { Town } from '../../../../api/types';
import { EvidenceUpload } from '../../../../components/EvidenceUpload';
import { OrganizationSelect } from '../../../../components/OrganizationSelect';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { Locale } from '../../../../../shared/roles';
import type { AssetValues, EventField, LedgerField } from '../../../../../shared/ledgers/definition';
import { fenToDecimal, fenToYuan, yuanToFen } from '../../../../../shared/money';
import type { PublicDictionaryItem } from '../../../../../server/modules/platform/dictionaries/schema';
import { useLedgerOrganizations } from './api';

export type AnyField = LedgerField | EventField;
/** What a form holds for a field: text for typed values (money in 元), ids for picks. */
export type FormValue = string | number | null | undefined;

export interface DictionaryData {
  codes: ReadonlySet<string>;
  options: { value: string; label: string }[];
  labelOf: (code: string) => string;
}

/**
 * The code lists the fields use, in the current language — one query per dictionary, under the same key as the
 * platform's useDictionary, so the two share the cache (a form may have any number of dictionary fields, which
 * the one-dictionary hook cannot serve in a loop).
 */
export function useDictionaries(fields: readonly AnyField[]): { byCode: Map<string, DictionaryData>; loaded: boolean } {
  const { locale } = useLocale();
  const codes = [...new Set(fields.filter((f) => f.type === 'dictionary' && f.dictionary).map((f) => f.dictionary!))].sort();
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['dictionaries', 'items', code],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<PublicDictionaryItem[]>(`/api/dictionaries/${encodeURIComponent(code)}/items`, undefined, signal),
      staleTime: 300_000,
    })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => {
    const byCode = new Map<string, DictionaryData>();
    codes.forEach((code, i) => {
      const items = results[i]?.data;
      if (!items) return;
      const options = items.map((it) => ({ value: it.code, label: locale === 'en' ? it.labelEn : it.labelZh }));
      const labels = new Map(options.map((o) => [o.value, o.label]));
      byCode.set(code, { codes: new Set(labels.keys()), options, labelOf: (c) => labels.get(c) ?? c });
    });
    return { byCode, loaded: byCode.size === codes.length };
    // `stamp` changes whenever a dictionary's answer does; the query results array itself is new each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [codes.join(','), stamp, locale]);
}

/** Everything showing a value needs besides the field: code labels, town and organisation names. */
export interface DisplayLookups {
  dictionaries: Map<string, DictionaryData>;
  towns: readonly Town[];
  organizations: readonly { id: number; name: string }[];
}

export function useDisplayLookups(fields: readonly AnyField[]): DisplayLookups & { dictionariesLoaded: boolean } {
  const dictionaries = useDictionaries(fields);
  const towns = useTowns();
  const needsOrgs = fields.some((f) => f.type === 'organization');
  const orgs = useLedgerOrganizations();
  return {
    dictionaries: dictionaries.byCode,
    dictionariesLoaded: dictionaries.loaded,
    towns: towns.data ?? [],
    organizations: needsOrgs ? (orgs.data ?? []) : [],
  };
}

const trimNumber = (n: number, locale: Locale) => n.toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 6 });

/** A stored value as people read it: code labels, ¥ 元 for money, the unit after a number, names for ids. */
export function formatValue(field: AnyField, value: string | number | null | undefined, locale: Locale, lookups?: Partial<DisplayLookups>): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'money':
      return typeof value === 'number' ? `¥${fenToYuan(value)}` : String(value);
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'number' ? trimNumber(value, locale) : String(value);
      return field.unit ? `${n} ${field.unit}` : n;
    }
    case 'dictionary':
      return lookups?.dictionaries?.get(field.dictionary ?? '')?.labelOf(String(value)) ?? String(value);
    case 'town':
      return lookups?.towns?.find((t) => t.id === Number(value))?.name ?? `#${value}`;
    case 'organization':
      return lookups?.organizations?.find((o) => o.id === Number(value))?.name ?? `#${value}`;
    case 'file':
      return locale === 'en' ? `File #${value}` : `附件 #${value}`;
    default:
      return String(value);
  }
}

/** The stored value into what the form holds (money in 元 as typed, numbers as text). */
export function toFormValue(field: AnyField, value: string | number | null | undefined): FormValue {
  if (value === null || value === undefined) return undefined;
  if (field.type === 'money') return typeof value === 'number' ? fenToDecimal(value) : String(value);
  if (field.type === 'integer' || field.type === 'decimal') return String(value);
  return value;
}

export function toFormValues(fields: readonly AnyField[], values: AssetValues | null | undefined): Record<string, FormValue> {
  return Object.fromEntries(fields.map((f) => [f.key, toFormValue(f, values?.[f.key])]));
}

/** What the form holds into what the API takes; a money amount that is not 元 with two decimals gives `bad`. */
export function toWireValue(field: AnyField, v: FormValue): { value: string | number | null } | { bad: 'money' } {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return { value: null };
  if (field.type === 'money') {
    const fen = yuanToFen(String(v).replace(/^-/, ''));
    if (fen === null) return { bad: 'money' };
    return { value: String(v).trim().startsWith('-') ? -fen : fen };
  }
  if (field.type === 'integer' || field.type === 'decimal') {
    const n = Number(String(v).replace(/[,，\s]/g, ''));
    // Left as text when it is not a number, so the shared check names the reason.
    return { value: Number.isFinite(n) ? n : String(v) };
  }
  if (typeof v === 'string') return { value: v.trim() };
  return { value: v };
}

function CoordinatesInput({ value, onChange, testId }: { value?: string; onChange?: (v: string) => void; testId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const locate = () => {
    if (!('geolocation' in navigator)) {
      void message.error(t('ledgers.assets.field.noLocation'));
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setBusy(false);
        onChange?.(`${p.coords.longitude.toFixed(6)},${p.coords.latitude.toFixed(6)}`);
      },
      (e) => {
        setBusy(false);
        void message.error(t('ledgers.assets.field.locationFailed', { reason: e.message }));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input value={value} onChange={(e) => onChange?.(e.target.value)} placeholder="118.552,24.781" inputMode="decimal" data-testid={testId} />
      <Button icon={<AimOutlined />} loading={busy} onClick={locate} data-testid={`${testId}-locate`}>
        {t('ledgers.assets.field.useLocation')}
      </Button>
    </Space.Compact>
  );
}

/** A file field: one attachment uploaded through the platform's attachments; the field keeps its id. */
function FileInput({ value, onChange, testId }: { value?: number; onChange?: (v: number | undefined) => void; testId: string }) {
  const t = useT();
  const [names, setNames] = useState<Record<number, string>>({});
  if (value)
    return (
      <Space data-testid={testId}>
        <Tag icon={<PaperClipOutlined />}>{names[value] ?? t('ledgers.assets.field.fileId', { id: value })}</Tag>
        <Button
          size="small"
          type="text"
          danger
          icon={<CloseOutlined />}
          aria-label={t('ledgers.assets.field.removeFile')}
          onClick={() => onChange?.(undefined)}
        />
      </Space>
    );
  return (
    <EvidenceUpload
      max={1}
      testId={testId}
      value={[]}
      onChange={(files) => {
        const f = files[0];
        if (!f) return;
        setNames((n) => ({ ...n, [f.id]: f.filename }));
        onChange?.(f.id);
      }}
    />
  );
}

/** The input of one field, by its type; `value`/`onChange` as a Form.Item hands them. */
export function FieldInput({
  field,
  value,
  onChange,
  testId,
  dictionaries,
}: {
  field: AnyField;
  value?: FormValue;
  onChange?: (v: FormValue) => void;
  testId: string;
  dictionaries: Map<string, DictionaryData>;
}) {
  const t = useT();
  const towns = useTowns();
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  switch (field.type) {
    case 'text':
      return <Input value={text} onChange={(e) => onChange?.(e.target.value)} maxLength={field.maxLength ?? 200} data-testid={testId} />;
    case 'integer':
      return <Input value={text} onChange={(e) => onChange?.(e.target.value)} inputMode="numeric" suffix={field.unit} data-testid={testId} />;
    case 'decimal':
      return <Input value={text} onChange={(e) => onChange?.(e.target.value)} inputMode="decimal" suffix={field.unit} data-testid={testId} />;
    case 'money':
      return (
        <Input
          value={text}
          onChange={(e) => onChange?.(e.target.value)}
          inputMode="decimal"
          prefix="¥"
          suffix={t('ledgers.assets.field.yuan')}
          data-testid={testId}
        />
      );
    case 'date':
      return (
        <DatePicker
          style={{ width: '100%' }}
          value={text ? dayjs(text) : null}
          onChange={(d: Dayjs | null) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
          inputReadOnly
          data-testid={testId}
        />
      );
    case 'dictionary': {
      const d = dictionaries.get(field.dictionary ?? '');
      return (
        <Select<string>
          value={text || undefined}
          onChange={(v) => onChange?.(v)}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={!d}
          options={d?.options ?? []}
          placeholder={t('ledgers.assets.field.choose')}
          data-testid={testId}
        />
      );
    }
    case 'town':
      return (
        <Select<number>
          value={typeof value === 'number' ? value : undefined}
          onChange={(v) => onChange?.(v)}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={towns.isPending}
          options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
          placeholder={t('field.selectTown')}
          data-testid={testId}
        />
      );
    case 'organization':
      return (
        <OrganizationSelect
          value={typeof value === 'number' ? value : undefined}
          onChange={(v) => onChange?.(v)}
          allowClear
          style={{ width: '100%' }}
          testId={testId}
        />
      );
    case 'coordinates':
      return <CoordinatesInput value={text} onChange={(v) => onChange?.(v)} testId={testId} />;
    case 'file':
      return <FileInput value={typeof value === 'number' ? value : undefined} onChange={(v) => onChange?.(v)} testId={testId} />;
  }
}

/** The field's label with what helps fill it in (the unit, the bounds, "not after today"). */
export function fieldHelp(field: AnyField, t: ReturnType<typeof useT>): string | undefined {
  const parts: string[] = [];
  const bound = (n: number) => (field.type === 'money' ? fenToYuan(n) : String(n));
  if (field.min !== undefined && field.max !== undefined) parts.push(t('ledgers.assets.field.between', { min: bound(field.min), max: bound(field.max) }));
  else if (field.min !== undefined) parts.push(t('ledgers.assets.field.atLeast', { min: bound(field.min) }));
  else if (field.max !== undefined) parts.push(t('ledgers.assets.field.atMost', { max: bound(field.max) }));
  if (field.notInFuture) parts.push(t('ledgers.assets.field.notAfterToday'));
  if (field.unique) parts.push(t('ledgers.assets.field.unique'));
  return parts.length ? parts.join('；') : undefined;
}

export const labelOf = (l: { zh: string; en: string } | string, locale: Locale) => (typeof l === 'string' ? l : locale === 'en' ? l.en : l.zh);

/** "额定载重量（kg）", "Rated load (kg)". */
export const withUnit = (label: string, unit: string | undefined, locale: Locale) =>
  unit ? (locale === 'en' ? `${label} (${unit})` : `${label}（${unit}）`) : label;

export function FieldLabel({ field }: { field: AnyField }) {
  const { locale } = useLocale();
  return (
    <span>
      {labelOf(field.label, locale)}
      {field.unit && field.type !== 'money' ? (
        <Typography.Text type="secondary">{locale === 'en' ? ` (${field.unit})` : `（${field.unit}）`}</Typography.Text>
      ) : null}
    </span>
  );
}
