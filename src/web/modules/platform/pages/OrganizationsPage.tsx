import { useState } from 'react';
import { Button, Card, Drawer, Form, Input, Select, Skeleton, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ORGANIZATION_KINDS, ORGANIZATION_STATUSES } from '../../../../shared/roles';
import { api } from '../../../api/client';
import type { OrganizationView, Page } from '../../../api/types';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { FilterBar } from '../../../components/FilterBar';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/ResultPages';
import { OrgKindText, OrgStatusTag } from '../../../components/Tags';
import { formatDate, formatDateTime } from '../../../components/format';
import { useListParams } from '../../../components/useListParams';
import { useIsPhone } from '../../../components/useMediaQuery';
import { OrganizationActions, OrganizationDescriptions } from '../components/OrganizationParts';
import { useTowns } from '../../../api/towns';

const FILTERS = ['kind', 'status', 'townId'] as const;

function OrganizationDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const org = useQuery({
    queryKey: ['organizations', 'one', id],
    queryFn: ({ signal }) => api.get<OrganizationView>(`/api/organizations/${id}`, undefined, signal),
  });
  return (
    <Drawer
      open
      onClose={onClose}
      title={org.data?.name ?? t('orgs.detailTitle')}
      size={isPhone ? '100%' : 560}
      data-testid="org-drawer"
      extra={org.data ? <OrgStatusTag status={org.data.status} /> : null}
      footer={org.data ? <OrganizationActions org={org.data} /> : null}
    >
      {org.isPending ? (
        <Skeleton active />
      ) : org.isError ? (
        <LoadError error={org.error} onRetry={() => void org.refetch()} />
      ) : (
        <OrganizationDescriptions org={org.data} />
      )}
    </Drawer>
  );
}

/** The directory of organisations: departments, towns, enterprises; where registrations are reviewed. */
export default function OrganizationsPage() {
  const t = useT();
  const list = useListParams(FILTERS, { sort: 'createdAt', order: 'desc' });
  const [openId, setOpenId] = useState<number | null>(null);
  const towns = useTowns();
  const data = useQuery({
    queryKey: ['organizations', 'list', list.query],
    queryFn: ({ signal }) => api.get<Page<OrganizationView>>('/api/organizations', list.query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<OrganizationView> = [
    {
      key: 'name',
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (name: string, org) => (
        <Button type="link" className="hx-link-cell" onClick={() => setOpenId(org.id)} data-testid={`org-open-${org.id}`}>
          {name}
        </Button>
      ),
    },
    {
      key: 'kind',
      title: t('field.organizationKind'),
      dataIndex: 'kind',
      sorter: true,
      sortOrder: list.sortOrderOf('kind'),
      render: (k: OrganizationView['kind']) => <OrgKindText kind={k} />,
    },
    {
      key: 'status',
      title: t('field.status'),
      dataIndex: 'status',
      sorter: true,
      sortOrder: list.sortOrderOf('status'),
      render: (s: OrganizationView['status']) => <OrgStatusTag status={s} />,
    },
    { key: 'town', title: t('field.town'), dataIndex: 'townName', render: (v: string | null) => v ?? '—' },
    { key: 'creditCode', title: t('field.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => v ?? '—' },
    { key: 'contact', title: t('field.contactName'), render: (_, o) => (o.contactName ? `${o.contactName} ${o.contactMobile ?? ''}` : '—') },
    {
      key: 'createdAt',
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: list.sortOrderOf('createdAt'),
      render: (v: string) => <span title={formatDateTime(v)}>{formatDate(v)}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, org) => (
        <Button size="small" onClick={() => setOpenId(org.id)}>
          {t('common.details')}
        </Button>
      ),
    },
  ];

  const { kind, status, townId } = list.state.filters;
  return (
    <div data-testid="page-organizations">
      <PageHeader
        title={t('orgs.title')}
        extra={<ExportButton path="/api/organizations/export.xlsx" query={{ kind, status, townId, q: list.state.q }} fallbackName="organizations.xlsx" />}
      />
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, kind, status, townId: townId ? Number(townId) : undefined }}
          onSearch={(v) =>
            list.update({ q: v.q?.trim() || undefined, filters: { kind: v.kind, status: v.status, townId: v.townId ? String(v.townId) : undefined } })
          }
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('orgs.search')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('field.organizationKind')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ORGANIZATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
              data-testid="filter-kind"
            />
          </Form.Item>
          <Form.Item name="status" label={t('field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ORGANIZATION_STATUSES.map((s) => ({ value: s, label: t(`orgStatus.${s}`) }))}
              data-testid="filter-status"
            />
          </Form.Item>
          <Form.Item name="townId" label={t('field.town')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={(towns.data ?? []).map((town) => ({ value: town.id, label: town.name }))}
              data-testid="filter-town"
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<OrganizationView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            data-testid="org-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      {openId !== null ? <OrganizationDrawer id={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
