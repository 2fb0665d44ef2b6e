import { Card, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { CLAIM_STATUSES, type ClaimModel } from '../../../../../shared/enums/renewalStandards';
import { api } from '../../../../api/client';
import { useUser } from '../../../../auth/AuthProvider';
import { DemoTag } from '../../../../components/DemoTag';
import { FilterBar } from '../../../../components/FilterBar';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { claimBase, standardsKeys, useTowns, type ClaimView, type Page } from './api';
import { useModelFaces } from './models';
import { ClaimStatusTag } from './parts';

/** The list's filters in the address bar: the model's own one (level, kind, industry) and the shared ones. */
export const LIST_FILTERS = ['status', 'townId', 'year', 'level', 'kind', 'industry'] as const;

/**
 * One model's list, paged, sorted and filtered on the server: an enterprise's own records, or every organisation's
 * for officials (with town and organisation columns). `fixed` filters (the confirm queue's status) are applied
 * over what the user picked.
 */
export function ClaimList({ model, onOpen, fixed = {} }: { model: ClaimModel; onOpen: (id: number) => void; fixed?: Record<string, string> }) {
  const t = useT();
  const user = useUser();
  const face = useModelFaces()[model];
  const towns = useTowns();
  const list = useListParams(LIST_FILTERS, { sort: 'createdAt', order: 'desc' });
  const official = user.role !== 'enterprise';
  const f = list.state.filters;
  const query = { ...list.query, ...fixed };
  const data = useQuery({
    queryKey: standardsKeys.list(model, query),
    queryFn: ({ signal }) => api.get<Page<ClaimView>>(claimBase(model), query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ClaimView> = [
    {
      key: 'name',
      title: t(
        model === 'rd'
          ? 'renewal.std.field.year'
          : model === 'standard'
            ? 'renewal.std.field.title'
            : model === 'brand'
              ? 'renewal.std.field.brandName'
              : 'renewal.std.field.certTitle',
      ),
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (_, v) => (
        <Space size={4} wrap>
          <a onClick={() => onOpen(v.id)} data-testid={`claim-open-${v.id}`}>
            {face.name(v)}
          </a>
          <DemoTag show={v.isDemo} />
        </Space>
      ),
    },
    ...(official
      ? [
          { key: 'org', title: t('renewal.std.field.organization'), dataIndex: 'organizationName' },
          { key: 'town', title: t('renewal.std.field.town'), render: (_: unknown, v: ClaimView) => v.townName ?? '—' },
        ]
      : []),
    ...face.columns.map(([key, title, render]) => ({
      key,
      title,
      ...(key === 'date' ? { sorter: true, sortOrder: list.sortOrderOf('date') } : {}),
      render: (_: unknown, v: ClaimView) => render(v),
    })),
    {
      key: 'status',
      title: t('renewal.std.field.status'),
      sorter: true,
      sortOrder: list.sortOrderOf('status'),
      render: (_, v) => <ClaimStatusTag status={v.status} />,
    },
  ];
  return (
    <>
      <Card className="hx-block">
        <FilterBar
          values={{
            q: list.state.q,
            status: f.status,
            [face.filter.key]: f[face.filter.key as (typeof LIST_FILTERS)[number]],
            townId: f.townId ? Number(f.townId) : undefined,
            year: f.year,
          }}
          onSearch={(v) =>
            list.update({
              q: (v.q as string | undefined)?.trim() || undefined,
              filters: {
                status: v.status as string | undefined,
                [face.filter.key]: v[face.filter.key] as string | undefined,
                townId: v.townId ? String(v.townId) : undefined,
                year: (v.year as string | undefined)?.trim() || undefined,
              },
            })
          }
          testId="claim-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('renewal.std.search')} />
          </Form.Item>
          {fixed.status ? null : (
            <Form.Item name="status" label={t('renewal.std.field.status')}>
              <Select allowClear placeholder={t('common.all')} options={CLAIM_STATUSES.map((s) => ({ value: s, label: t(`renewal.std.status.${s}`) }))} />
            </Form.Item>
          )}
          <Form.Item name={face.filter.key} label={face.filter.label}>
            <Select allowClear placeholder={t('common.all')} options={face.filter.options} />
          </Form.Item>
          {official ? (
            <Form.Item name="townId" label={t('renewal.std.field.town')}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="year" label={t('renewal.std.field.year')}>
            <Input allowClear inputMode="numeric" maxLength={4} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ClaimView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('renewal.std.none') }}
            data-testid={`claim-table-${model}`}
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </>
  );
}
