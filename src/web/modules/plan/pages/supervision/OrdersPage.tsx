import { Link } from 'react-router';
import { Button, Card, Empty, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { useUser } from '../../../../auth/AuthProvider';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { formatDateTime } from '../../../../components/format';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { AlertTag } from './AlertTag';
import { ALERT_COLOURS, ORDER_STATUSES, supervisionKeys, useOrderUnits, type OrderView } from './api';
import { OrderStatusTag } from './OrderStatusTag';

const FILTERS = ['status', 'colour', 'organizationId', 'overdue', 'open', 'subjectId', 'subject'] as const;

type FilterValues = { q?: string; status?: string; colour?: string; organizationId?: number; overdue?: string; open?: string };

/**
 * Every supervision order the caller may read (the office and auditors: all; a unit: those issued to it), with
 * today's alert colour, filtered by status, colour, unit and overdue, searched, sorted by the server, exported.
 */
export default function OrdersPage() {
  const t = useT();
  const user = useUser();
  const readsAll = user.role === 'office' || user.role === 'auditor';
  const list = useListParams(FILTERS, { pageSize: 20, sort: 'deadline', order: 'asc' });
  const f = list.state.filters;
  const units = useOrderUnits(readsAll);
  const query = list.query;
  const data = useQuery({
    queryKey: supervisionKeys.orders(query),
    queryFn: ({ signal }) => api.get<Page<OrderView>>('/api/plan-orders', query, signal),
    placeholderData: keepPreviousData,
  });
  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];
  const columns: TableColumnsType<OrderView> = [
    {
      key: 'colour',
      title: t('plan.alert.field'),
      width: 70,
      render: (_, o) => <AlertTag colour={o.colour} testId={`order-colour-${o.id}`} />,
    },
    {
      key: 'matter',
      title: t('plan.order.field.matter'),
      render: (_, o) => (
        <Space direction="vertical" size={0}>
          <Link to={`/plan/orders/${o.id}`} data-testid={`order-open-${o.id}`}>
            {o.matter}
          </Link>
          <Typography.Text type="secondary">
            {t(`plan.order.subject.${o.subject}`)}：{o.subjectTitle}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'organization',
      title: t('plan.order.field.unit'),
      sorter: true,
      sortOrder: list.sortOrderOf('organization'),
      render: (_, o) => o.organization.name,
    },
    {
      key: 'deadline',
      title: t('plan.order.field.deadline'),
      sorter: true,
      sortOrder: list.sortOrderOf('deadline'),
      render: (_, o) => (
        <Space size={4}>
          {o.deadlineDate}
          {o.overdue ? <Tag color="red">{t('plan.order.overdue')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('plan.order.field.status'),
      sorter: true,
      sortOrder: list.sortOrderOf('status'),
      render: (_, o) => (
        <Space size={4}>
          <OrderStatusTag status={o.status} testId={`order-status-${o.id}`} />
          {o.demo ? <Tag>{t('plan.order.demo')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'raisedAt',
      title: t('plan.order.field.raisedAt'),
      sorter: true,
      sortOrder: list.sortOrderOf('raisedAt'),
      render: (_, o) => formatDateTime(o.createdAt),
    },
    {
      key: 'open',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, o) => (
        <Link to={`/plan/orders/${o.id}`}>
          <Button size="small">{t('common.details')}</Button>
        </Link>
      ),
    },
  ];
  return (
    <div data-testid="page-plan-orders">
      <PageHeader
        title={t('plan.order.title')}
        subtitle={t('plan.order.subtitle')}
        extra={
          <ExportButton
            path="/api/plan-orders/export.xlsx"
            query={{ ...query, page: undefined, pageSize: undefined }}
            fallbackName="orders.xlsx"
            testId="orders-export"
          />
        }
      />
      <Card className="hx-block">
        <FilterBar<FilterValues>
          testId="order-filters"
          values={{
            q: list.state.q,
            status: f.status,
            colour: f.colour,
            organizationId: f.organizationId ? Number(f.organizationId) : undefined,
            overdue: f.overdue,
            open: f.open,
          }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: {
                status: v.status,
                colour: v.colour,
                organizationId: v.organizationId ? String(v.organizationId) : undefined,
                overdue: v.overdue,
                open: v.open,
                subjectId: f.subjectId,
                subject: f.subject,
              },
            })
          }
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('plan.order.search')} data-testid="order-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('plan.order.field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ORDER_STATUSES.filter((s) => readsAll || s !== 'draft').map((s) => ({ value: s, label: t(`plan.order.status.${s}`) }))}
              data-testid="order-filter-status"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          <Form.Item name="colour" label={t('plan.alert.field')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ALERT_COLOURS.map((c) => ({ value: c, label: t(`plan.alert.colour.${c}`) }))}
              data-testid="order-filter-colour"
            />
          </Form.Item>
          {readsAll ? (
            <Form.Item name="organizationId" label={t('plan.order.field.unit')} className="hx-filter-wide">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                options={(units.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
                data-testid="order-filter-unit"
                popupMatchSelectWidth={false}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="overdue" label={t('plan.order.field.overdue')}>
            <Select allowClear placeholder={t('common.all')} options={yesNo} data-testid="order-filter-overdue" />
          </Form.Item>
          <Form.Item name="open" label={t('plan.order.open')}>
            <Select allowClear placeholder={t('common.all')} options={yesNo} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<OrderView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('plan.order.empty')} /> }}
            data-testid="order-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
