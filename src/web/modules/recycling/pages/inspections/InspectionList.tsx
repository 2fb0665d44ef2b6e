import { Button, Card, Input, Select, Table, Typography, DatePicker } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { ExportButton } from '../../../../components/ExportButton';
import { OrganizationSelect } from '../../../../components/OrganizationSelect';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { INSPECTION_RESULTS, inspectionKeys, type InspectionResult, type InspectionView, type Page } from './api';
import { RectificationTag, ResultTag } from './parts';

const FILTERS = ['siteId', 'townId', 'result', 'from', 'to', 'inspectorOrganizationId'] as const;

interface Town {
  id: number;
  name: string;
}

/** The officials' list of inspections: filters, server-side sorting and paging in the address bar, Excel export. */
export function InspectionList({ onOpen, officials }: { onOpen: (id: number) => void; officials: boolean }) {
  const t = useT();
  const isPhone = useIsPhone();
  const list = useListParams(FILTERS, { sort: 'inspectedOn', order: 'desc' });
  const towns = useQuery({ queryKey: ['towns'], queryFn: ({ signal }) => api.get<Town[]>('/api/towns', undefined, signal), staleTime: 3_600_000 });
  const q = useQuery({
    queryKey: inspectionKeys.list(list.query),
    queryFn: ({ signal }) => api.get<Page<InspectionView>>('/api/recycling/inspections', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const f = list.state.filters;
  const filtered = Object.values(f).some(Boolean) || Boolean(list.state.q);
  const columns: ColumnsType<InspectionView> = [
    { key: 'inspectedOn', title: t('recycling.insp.date'), dataIndex: 'inspectedOn', sorter: true, sortOrder: list.sortOrderOf('inspectedOn'), width: 120 },
    {
      key: 'site',
      title: t('recycling.insp.site'),
      sorter: true,
      sortOrder: list.sortOrderOf('site'),
      render: (_, r) => (
        <div>
          <div>{r.siteName}</div>
          <Typography.Text type="secondary">{r.siteCode}</Typography.Text>
        </div>
      ),
    },
    ...(isPhone
      ? []
      : [
          { key: 'town', title: t('recycling.insp.town'), dataIndex: 'townName', sorter: true, sortOrder: list.sortOrderOf('town') },
          { key: 'unit', title: t('recycling.insp.unit'), dataIndex: 'inspectorOrganizationName' },
        ]),
    {
      key: 'result',
      title: t('recycling.insp.result'),
      sorter: true,
      sortOrder: list.sortOrderOf('result'),
      render: (_, r) => (
        <div>
          <ResultTag result={r.result} />
          {r.rectificationStatus ? <RectificationTag status={r.rectificationStatus} /> : null}
          {r.notOkCount ? <div>{t('recycling.insp.notOk', { n: r.notOkCount })}</div> : null}
        </div>
      ),
    },
    {
      key: 'rectifyBy',
      title: t('recycling.insp.rectifyBy'),
      dataIndex: 'rectifyBy',
      sorter: true,
      sortOrder: list.sortOrderOf('rectifyBy'),
      responsive: ['md'],
    },
    {
      key: 'open',
      title: '',
      width: 80,
      render: (_, r) => (
        <Button size="small" onClick={() => onOpen(r.id)} data-testid={`inspection-open-${r.id}`}>
          {t('recycling.insp.open')}
        </Button>
      ),
    },
  ];
  return (
    <Card size="small">
      <div className="hx-insp-filters" data-testid="inspection-filters">
        <Select<InspectionResult>
          allowClear
          placeholder={t('recycling.insp.result')}
          value={f.result as InspectionResult | undefined}
          onChange={(v) => list.update({ filters: { result: v } })}
          options={INSPECTION_RESULTS.map((r) => ({ value: r, label: t(`recycling.insp.result.${r}`) }))}
          data-testid="inspection-filter-result"
        />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('recycling.insp.town')}
          value={f.townId ? Number(f.townId) : undefined}
          onChange={(v) => list.update({ filters: { townId: v === undefined ? undefined : String(v) } })}
          options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
          data-testid="inspection-filter-town"
        />
        {officials ? (
          <OrganizationSelect
            allowClear
            value={f.inspectorOrganizationId ? Number(f.inspectorOrganizationId) : undefined}
            onChange={(v) => list.update({ filters: { inspectorOrganizationId: v === undefined ? undefined : String(v) } })}
            testId="inspection-filter-unit"
          />
        ) : null}
        <DatePicker.RangePicker
          inputReadOnly={isPhone}
          onChange={(d) => list.update({ filters: { from: d?.[0]?.format('YYYY-MM-DD'), to: d?.[1]?.format('YYYY-MM-DD') } })}
          data-testid="inspection-filter-dates"
        />
        <Input.Search
          allowClear
          defaultValue={list.state.q}
          placeholder={t('recycling.insp.search')}
          onSearch={(v) => list.update({ q: v.trim() || undefined })}
        />
        {officials ? (
          <ExportButton path="/api/recycling/inspections/export" query={list.query} fallbackName="inspections.xlsx" testId="inspection-export" />
        ) : null}
      </div>
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<InspectionView>
          rowKey="id"
          size="small"
          data-testid="inspection-table"
          loading={q.isPending || (q.isFetching && q.isPlaceholderData)}
          columns={columns}
          dataSource={q.data?.items ?? []}
          onChange={list.onTableChange}
          locale={{ emptyText: t(filtered ? 'recycling.insp.noneMatch' : 'recycling.insp.none') }}
          pagination={{ ...list.pagination(q.data?.total ?? 0), size: 'small' }}
        />
      )}
    </Card>
  );
}
