import { useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { OrganizationView, Page } from '../api/types';
import { useT } from '../i18n/I18nProvider';

/** Picks an organisation by typing part of its name; `onPicked` also hands over the whole record (its kind). */
export function OrganizationSelect({
  value,
  onChange,
  onPicked,
  status,
  testId = 'organization-select',
  allowClear,
  style,
}: {
  value?: number;
  onChange?: (id: number | undefined) => void;
  onPicked?: (org: OrganizationView | undefined) => void;
  status?: 'active';
  testId?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, isFetching } = useQuery({
    queryKey: ['organizations', 'pick', q, status],
    queryFn: ({ signal }) =>
      api.get<Page<OrganizationView>>('/api/organizations', { q: q || undefined, status, pageSize: 50, sort: 'name', order: 'asc' }, signal),
    staleTime: 30_000,
  });
  const items = data?.items ?? [];
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      allowClear={allowClear}
      placeholder={t('field.selectOrganization')}
      loading={isFetching}
      data-testid={testId}
      onChange={(id) => {
        onChange?.(id);
        onPicked?.(items.find((o) => o.id === id));
      }}
      options={items.map((o) => ({ value: o.id, label: `${o.name}（${t(`orgKind.${o.kind}`)}）` }))}
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
