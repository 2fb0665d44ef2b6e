import { useState } from 'react';
import { Card, Form, Input, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useUser } from '../../../../auth/AuthProvider';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { FUNDING_STATUSES } from '../../../../../shared/enums/renewalFunding';
import { PROJECT_SECTORS } from '../../../../../shared/enums/renewalProjects';
import { useGrants } from '../../../platform/grants/useGrants';
import { fundingKeys, useTowns, type ApplicationView, type Page } from './api';
import { ApplicationDrawer } from './ApplicationDrawer';
import { FundingStatusTag, money, useSectorLabel, useSources } from './parts';
import { DemoTag } from '../../../../components/DemoTag';

const FILTERS = ['queue', 'projectId', 'source', 'status', 'townId', 'sector', 'year'] as const;

/**
 * The applications: an enterprise its own projects'; the departments' queues — to grant (renewal `manage`, 市工信局)
 * and to pay (`confirm_payment`, 市财政局) — and every application for the office, departments and auditors.
 */
export default function ApplicationsPage() {
  const t = useT();
  const user = useUser();
  const grants = useGrants('renewal');
  const sources = useSources();
  const sector = useSectorLabel();
  const towns = useTowns();
  const list = useListParams(FILTERS, { sort: 'createdAt', order: 'desc' });
  const [open, setOpen] = useState<number | null>(null);
  const f = list.state.filters;
  const official = user.role !== 'enterprise';
  const data = useQuery({
    queryKey: fundingKeys.list(list.query),
    queryFn: ({ signal }) => api.get<Page<ApplicationView>>('/api/renewal/funding/applications', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<ApplicationView> = [
    {
      key: 'project',
      title: t('renewal.funding.field.project'),
      render: (_, a) => (
        <Space size={4} wrap>
          <a onClick={() => setOpen(a.id)} data-testid={`funding-open-${a.id}`}>
            {a.projectName}
          </a>
          <DemoTag show={a.isDemo} />
        </Space>
      ),
    },
    ...(official ? [{ key: 'org', title: t('renewal.funding.field.enterprise'), dataIndex: 'organizationName' }] : []),
    { key: 'source', title: t('renewal.funding.field.source'), render: (_, a) => sources.labelOf(a.source) },
    { key: 'status', title: t('renewal.funding.field.status'), render: (_, a) => <FundingStatusTag status={a.status} /> },
    { key: 'appliedOn', title: t('renewal.funding.field.appliedOn'), dataIndex: 'appliedOn', sorter: true, sortOrder: list.sortOrderOf('appliedOn') },
    {
      key: 'requestedFen',
      title: t('renewal.funding.field.requestedYuan'),
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrderOf('requestedFen'),
      render: (_, a) => money(a.requestedFen),
    },
    {
      key: 'grantedFen',
      title: t('renewal.funding.field.grantedYuan'),
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrderOf('grantedFen'),
      render: (_, a) => money(a.grantedFen),
    },
    {
      key: 'paidFen',
      title: t('renewal.funding.field.paidYuan'),
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrderOf('paidFen'),
      render: (_, a) => money(a.paidFen),
    },
    {
      key: 'grantedOn',
      title: t('renewal.funding.field.grantedOn'),
      sorter: true,
      sortOrder: list.sortOrderOf('grantedOn'),
      render: (_, a) => a.grantedOn ?? '—',
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, a) => <a onClick={() => setOpen(a.id)}>{a.actions.length ? t(`renewal.funding.action.${a.actions[0]!}`) : t('common.details')}</a>,
    },
  ];
  const table = (
    <>
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, source: f.source, status: f.status, sector: f.sector, townId: f.townId ? Number(f.townId) : undefined, year: f.year }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: {
                source: v.source,
                status: v.status,
                sector: v.sector,
                townId: v.townId ? String(v.townId) : undefined,
                year: v.year?.trim() || undefined,
              },
            })
          }
          testId="funding-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('renewal.funding.search')} />
          </Form.Item>
          <Form.Item name="source" label={t('renewal.funding.field.source')}>
            <Select allowClear placeholder={t('common.all')} options={sources.options} data-testid="funding-filter-source" />
          </Form.Item>
          <Form.Item name="status" label={t('renewal.funding.field.status')}>
            <Select allowClear placeholder={t('common.all')} options={FUNDING_STATUSES.map((s) => ({ value: s, label: t(`renewal.funding.status.${s}`) }))} />
          </Form.Item>
          {official ? (
            <Form.Item name="townId" label={t('renewal.funding.field.town')}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
              />
            </Form.Item>
          ) : null}
          {official ? (
            <Form.Item name="sector" label={t('renewal.funding.field.sector')}>
              <Select allowClear placeholder={t('common.all')} options={PROJECT_SECTORS.map((s) => ({ value: s, label: sector(s) }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="year" label={t('renewal.funding.field.year')}>
            <Input allowClear inputMode="numeric" maxLength={4} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ApplicationView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('renewal.funding.none') }}
            data-testid="funding-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </>
  );
  const tabs = [
    { key: 'all', label: t('renewal.funding.tab.all') },
    ...(grants.manage ? [{ key: 'grant', label: <span data-testid="funding-tab-grant">{t('renewal.funding.tab.grant')}</span> }] : []),
    ...(grants.confirmPayment ? [{ key: 'pay', label: <span data-testid="funding-tab-pay">{t('renewal.funding.tab.pay')}</span> }] : []),
  ];
  return (
    <div data-testid="page-renewal-funding-applications">
      <PageHeader
        title={t('renewal.funding.nav.applications')}
        subtitle={t(official ? 'renewal.funding.applications.subtitle' : 'renewal.funding.applications.subtitleMine')}
        extra={
          official ? (
            <ExportButton
              path="/api/renewal/funding/overview/export.xlsx"
              query={{ ...f, queue: undefined, q: list.state.q, sort: list.state.sort, order: list.state.order }}
              fallbackName="funding.xlsx"
              testId="funding-export"
            />
          ) : null
        }
      />
      {tabs.length > 1 ? (
        <Tabs activeKey={f.queue ?? 'all'} items={tabs} onChange={(k) => list.update({ filters: { queue: k === 'all' ? undefined : k } })} />
      ) : null}
      {table}
      <ApplicationDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
