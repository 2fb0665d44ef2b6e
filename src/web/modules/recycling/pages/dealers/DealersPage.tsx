import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../../api/client';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { useGrants } from '../../../platform/grants/useGrants';
import { useTowns } from '../sites/api';
import { DISCLOSURE_PATH, dealerKeys, type DealerView, type Page } from './api';
import { DealerFormDrawer } from './DealerFormDrawer';
import { DEALER_KINDS, DEALER_STATUSES, DealerStatusTag, GradeTag, KindTags, useDealerOptions } from './shared';
import './dealers.css';
import { DemoTag } from '../../../../components/DemoTag';

const FILTERS = ['kind', 'status', 'townId'] as const;

/** The register of second-hand dealers for officials: filters, grades, and (市商务局, the office) registration. */
export default function DealersPage() {
  const t = useT();
  const grants = useGrants('recycling');
  const towns = useTowns();
  const options = useDealerOptions();
  const list = useListParams(FILTERS, { sort: 'registeredOn', order: 'desc' });
  const [open, setOpen] = useState(false);
  const data = useQuery({
    queryKey: dealerKeys.list(list.query),
    queryFn: ({ signal }) => api.get<Page<DealerView>>('/api/recycling/dealers', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const f = list.state.filters;
  const columns: TableColumnsType<DealerView> = [
    {
      key: 'name',
      title: t('recycling.dealers.field.name'),
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (_, d) => (
        <Space size={4} wrap>
          <Link to={`/recycling/dealers/${d.id}`} data-testid={`dealer-open-${d.id}`}>
            {d.name}
          </Link>
          <DemoTag show={d.isDemo} />
        </Space>
      ),
    },
    { key: 'creditCode', title: t('recycling.dealers.field.creditCode'), dataIndex: 'creditCode' },
    { key: 'kinds', title: t('recycling.dealers.field.kinds'), render: (_, d) => <KindTags kinds={d.kinds} /> },
    { key: 'town', title: t('recycling.dealers.field.town'), dataIndex: 'townName' },
    { key: 'grade', title: t('recycling.dealers.field.grade'), render: (_, d) => <GradeTag grade={d.grade} /> },
    { key: 'status', title: t('recycling.dealers.field.status'), render: (_, d) => <DealerStatusTag status={d.status} /> },
    {
      key: 'registeredOn',
      title: t('recycling.dealers.field.registeredOn'),
      dataIndex: 'registeredOn',
      sorter: true,
      sortOrder: list.sortOrderOf('registeredOn'),
    },
  ];
  return (
    <div data-testid="page-recycling-dealers">
      <PageHeader
        title={t('recycling.nav.dealers')}
        subtitle={t('recycling.dealers.subtitle')}
        extra={
          <Space wrap>
            <Link to={DISCLOSURE_PATH} data-testid="dealers-public-link">
              {t('recycling.dealers.publicLink')}
            </Link>
            {grants.manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="dealer-new">
                {t('recycling.dealers.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, kind: f.kind, status: f.status, townId: f.townId ? Number(f.townId) : undefined }}
          onSearch={(v) =>
            list.update({ q: v.q?.trim() || undefined, filters: { kind: v.kind, status: v.status, townId: v.townId ? String(v.townId) : undefined } })
          }
          testId="dealer-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('recycling.dealers.search')} data-testid="dealer-filter-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('recycling.dealers.field.kinds')}>
            <Select allowClear placeholder={t('common.all')} options={options(DEALER_KINDS, 'dealers.kind')} />
          </Form.Item>
          <Form.Item name="status" label={t('recycling.dealers.field.status')}>
            <Select allowClear placeholder={t('common.all')} options={options(DEALER_STATUSES, 'dealers.status')} />
          </Form.Item>
          <Form.Item name="townId" label={t('recycling.dealers.field.town')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<DealerView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(list.state.q || Object.values(f).some(Boolean) ? 'recycling.dealers.noneMatch' : 'recycling.dealers.none') }}
            data-testid="dealer-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      <DealerFormDrawer open={open} editing={null} onClose={() => setOpen(false)} />
    </div>
  );
}
