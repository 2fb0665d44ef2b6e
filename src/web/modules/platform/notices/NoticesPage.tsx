import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { DemoTag } from '../../../components/DemoTag';
import { FilterBar } from '../../../components/FilterBar';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime } from '../../../components/format';
import { useListParams } from '../../../components/useListParams';
import { useT } from '../../../i18n/I18nProvider';
import { NOTICE_AUDIENCES, NOTICE_KINDS, NOTICE_STATUSES, noticeKeys, type NoticeView } from './api';
import { NoticeForm } from './NoticeForm';
import { NoticeKindTag, NoticeStatusTag } from './tags';

const FILTERS = ['status', 'kind', 'audience', 'confirmed'] as const;
type FilterValues = { q?: string; status?: string; kind?: string; audience?: string; confirmed?: string };

/** Notices: the office's desk (drafts too) and everyone else's inbox of the published ones addressed to them. */
export default function NoticesPage() {
  const t = useT();
  const user = useUser();
  const office = user.role === 'office';
  const manages = office || user.role === 'auditor';
  const unit = user.role === 'department' || user.role === 'town';
  const [creating, setCreating] = useState(false);
  const list = useListParams(FILTERS, { pageSize: 20 });
  const f = list.state.filters;
  const query = { ...list.query, ...f };
  const data = useQuery({
    queryKey: noticeKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<NoticeView>>('/api/notices', query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<NoticeView> = [
    {
      key: 'title',
      title: t('notice.field.title'),
      sorter: true,
      sortOrder: list.sortOrderOf('title'),
      render: (_, n) => (
        <Space size={4} wrap>
          <NoticeKindTag kind={n.kind} />
          <Link to={`/notices/${n.id}`} data-testid={`notice-link-${n.id}`}>
            {n.title}
          </Link>
          <DemoTag show={n.demo} />
        </Space>
      ),
    },
    ...(manages
      ? [
          { key: 'audience', title: t('notice.field.audience'), render: (_: unknown, n: NoticeView) => t(`notice.audience.${n.audience}`) },
          {
            key: 'status',
            title: t('notice.field.status'),
            sorter: true,
            sortOrder: list.sortOrderOf('status'),
            render: (_: unknown, n: NoticeView) => <NoticeStatusTag status={n.status} />,
          },
        ]
      : []),
    ...(unit
      ? [
          {
            key: 'confirmation',
            title: t('notice.field.confirmation'),
            render: (_: unknown, n: NoticeView) =>
              n.confirmedAt ? (
                <Tag color="success">{t('notice.confirmed')}</Tag>
              ) : n.awaitsMyConfirmation ? (
                <Tag color="orange" data-testid={`notice-awaiting-${n.id}`}>
                  {t('notice.awaiting')}
                </Tag>
              ) : null,
          },
        ]
      : []),
    {
      key: 'publishedAt',
      title: t('notice.field.publishedAt'),
      sorter: true,
      sortOrder: list.sortOrderOf('publishedAt'),
      render: (_, n) => formatDateTime(n.publishedAt),
    },
  ];
  const yesNo = [
    { value: 'true', label: t('notice.confirmed') },
    { value: 'false', label: t('notice.awaiting') },
  ];
  return (
    <div data-testid="page-notices">
      <PageHeader
        title={t('notice.title')}
        subtitle={manages ? t('notice.subtitle.office') : t('notice.subtitle.reader')}
        extra={
          office ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-new">
              {t('notice.new')}
            </Button>
          ) : null
        }
      />
      <Card className="hx-block">
        <FilterBar<FilterValues>
          values={{ q: list.state.q, ...f }}
          onSearch={(v) => list.update({ q: v.q, filters: { status: v.status, kind: v.kind, audience: v.audience, confirmed: v.confirmed } })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('notice.searchPlaceholder')} data-testid="notice-search" />
          </Form.Item>
          <Form.Item name="kind" label={t('notice.field.kind')}>
            <Select allowClear placeholder={t('common.all')} options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notice.kind.${k}`) }))} />
          </Form.Item>
          {manages ? (
            <Form.Item name="status" label={t('notice.field.status')}>
              <Select allowClear placeholder={t('common.all')} options={NOTICE_STATUSES.map((s) => ({ value: s, label: t(`notice.status.${s}`) }))} />
            </Form.Item>
          ) : null}
          {manages ? (
            <Form.Item name="audience" label={t('notice.field.audience')}>
              <Select allowClear placeholder={t('common.all')} options={NOTICE_AUDIENCES.map((a) => ({ value: a, label: t(`notice.audience.${a}`) }))} />
            </Form.Item>
          ) : null}
          {unit ? (
            <Form.Item name="confirmed" label={t('notice.field.confirmation')}>
              <Select allowClear placeholder={t('common.all')} options={yesNo} data-testid="notice-filter-confirmed" />
            </Form.Item>
          ) : null}
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<NoticeView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('notice.empty')} /> }}
            data-testid="notice-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      {creating ? <NoticeForm onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
