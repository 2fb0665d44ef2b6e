import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { ExportButton } from '../../../components/ExportButton';
import { FilterBar } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { useListParams } from '../../../components/useListParams';
import { useT } from '../../../i18n/I18nProvider';
import { useGrants } from '../../platform/grants/useGrants';
import { PUBLIC_SITES_PATH, siteKeys, useOperatorOptions, useTowns, type Page, type SiteView } from './sites/api';
import { SiteActions } from './sites/SiteActions';
import { SiteFormDrawer } from './sites/SiteFormDrawer';
import { TownSummaryTable } from './sites/TownSummaryTable';
import { RECYCLING_SITE_KINDS, RECYCLING_SITE_ORIGINS, RECYCLING_SITE_STATUSES, SiteKindTag, SiteStatusTag, useEnumOptions } from './sites/shared';
import './sites/sites.css';
import { DemoTag } from '../../../components/DemoTag';

const FILTERS = ['kind', 'status', 'townId', 'operatorId', 'origin'] as const;
const EXPORT_ROLES = ['office', 'department', 'town', 'auditor'];

/**
 * The recycling network for officials (and a recycler's own sites): filters, sorting, pages and the Excel export;
 * towns and 市商务局 register sites and move them through their statuses, operators keep their operational details.
 */
export default function SitesPage() {
  const t = useT();
  const user = useUser();
  const grants = useGrants('recycling');
  const options = useEnumOptions();
  const towns = useTowns();
  const list = useListParams(FILTERS, { sort: 'createdAt', order: 'desc' });
  const mayRegister = grants.manage || user.role === 'town';
  const officials = EXPORT_ROLES.includes(user.role);
  const operators = useOperatorOptions(mayRegister);
  const [form, setForm] = useState<{ open: boolean; editing: SiteView | null; operationsOnly: boolean }>({ open: false, editing: null, operationsOnly: false });
  const data = useQuery({
    queryKey: siteKeys.list(list.query),
    queryFn: ({ signal }) => api.get<Page<SiteView>>('/api/recycling/sites', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const edit = (site: SiteView, operationsOnly: boolean) => setForm({ open: true, editing: site, operationsOnly });
  const f = list.state.filters;

  const columns: TableColumnsType<SiteView> = [
    {
      key: 'name',
      title: t('recycling.sites.field.name'),
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (_, s) => (
        <Space size={4} wrap>
          <Link to={`/recycling/sites/${s.id}`} data-testid={`site-open-${s.id}`}>
            {s.name}
          </Link>
          <DemoTag show={s.isDemo} />
        </Space>
      ),
    },
    { key: 'code', title: t('recycling.sites.field.code'), dataIndex: 'code', sorter: true, sortOrder: list.sortOrderOf('code') },
    { key: 'kind', title: t('recycling.sites.field.kind'), render: (_, s) => <SiteKindTag kind={s.kind} /> },
    { key: 'town', title: t('recycling.sites.field.town'), dataIndex: 'townName' },
    { key: 'operator', title: t('recycling.sites.field.operator'), render: (_, s) => s.operatorName ?? '—' },
    { key: 'status', title: t('recycling.sites.field.status'), render: (_, s) => <SiteStatusTag status={s.status} /> },
    { key: 'statusSince', title: t('recycling.sites.field.statusSince'), dataIndex: 'statusSince', sorter: true, sortOrder: list.sortOrderOf('statusSince') },
    { key: 'origin', title: t('recycling.sites.field.origin'), render: (_, s) => t(`recycling.sites.origin.${s.origin}`) },
    {
      key: 'completedOn',
      title: t('recycling.sites.field.completedOn'),
      sorter: true,
      sortOrder: list.sortOrderOf('completedOn'),
      render: (_, s) => s.completedOn ?? '—',
    },
    { key: 'actions', title: t('common.actions'), fixed: 'right', render: (_, s) => <SiteActions site={s} onEdit={edit} /> },
  ];

  const listCard = (
    <>
      <Card className="hx-block">
        <FilterBar
          values={{
            q: list.state.q,
            kind: f.kind,
            status: f.status,
            origin: f.origin,
            townId: f.townId ? Number(f.townId) : undefined,
            operatorId: f.operatorId ? Number(f.operatorId) : undefined,
          }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: {
                kind: v.kind,
                status: v.status,
                origin: v.origin,
                townId: v.townId ? String(v.townId) : undefined,
                operatorId: v.operatorId ? String(v.operatorId) : undefined,
              },
            })
          }
          testId="site-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('recycling.sites.search')} data-testid="site-filter-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('recycling.sites.field.kind')}>
            <Select allowClear placeholder={t('common.all')} options={options(RECYCLING_SITE_KINDS, 'kind')} data-testid="site-filter-kind" />
          </Form.Item>
          <Form.Item name="status" label={t('recycling.sites.field.status')}>
            <Select allowClear placeholder={t('common.all')} options={options(RECYCLING_SITE_STATUSES, 'status')} data-testid="site-filter-status" />
          </Form.Item>
          <Form.Item name="townId" label={t('recycling.sites.field.town')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
              data-testid="site-filter-town"
            />
          </Form.Item>
          {mayRegister ? (
            <Form.Item name="operatorId" label={t('recycling.sites.field.operator')}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                options={(operators.data ?? []).map((o) => ({ value: o.organizationId, label: o.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="origin" label={t('recycling.sites.field.origin')}>
            <Select allowClear placeholder={t('common.all')} options={options(RECYCLING_SITE_ORIGINS, 'origin')} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<SiteView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(list.state.q || Object.values(f).some(Boolean) ? 'recycling.sites.noneMatch' : 'recycling.sites.none') }}
            data-testid="site-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </>
  );

  return (
    <div data-testid="page-recycling-sites">
      <PageHeader
        title={t('recycling.nav.sites')}
        subtitle={t('recycling.sites.subtitle')}
        extra={
          <Space wrap>
            <Link to={PUBLIC_SITES_PATH} data-testid="sites-public-link">
              {t('recycling.sites.publicLink')}
            </Link>
            {officials ? (
              <ExportButton
                path="/api/recycling/sites/export.xlsx"
                query={{ ...f, q: list.state.q, sort: list.state.sort, order: list.state.order }}
                fallbackName="recycling-sites.xlsx"
                testId="site-export"
              />
            ) : null}
            {mayRegister ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setForm({ open: true, editing: null, operationsOnly: false })}
                data-testid="site-new"
              >
                {t('recycling.sites.new')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {officials ? (
        <Tabs
          items={[
            { key: 'list', label: t('recycling.nav.sites'), children: listCard },
            { key: 'summary', label: <span data-testid="site-tab-summary">{t('recycling.sites.summary')}</span>, children: <TownSummaryTable pub={false} /> },
          ]}
        />
      ) : (
        listCard
      )}
      <SiteFormDrawer
        open={form.open}
        editing={form.editing}
        operationsOnly={form.operationsOnly}
        ownTown={user.role === 'town' ? user.organization.id : undefined}
        onClose={() => setForm({ open: false, editing: null, operationsOnly: false })}
      />
    </div>
  );
}
