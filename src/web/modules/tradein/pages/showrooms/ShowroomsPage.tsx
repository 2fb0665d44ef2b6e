import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useTowns } from '../../../../api/towns';
import { useUser } from '../../../../auth/AuthProvider';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { formatMinute } from '../../../../components/format';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { SHOWROOM_CHANNELS, SHOWROOM_KINDS, SHOWROOM_STATUSES } from '../../../../../shared/enums/tradein';
import type { ShowroomView } from '../../../../../server/modules/tradein/showrooms/schema';
import type { Page } from '../../api';
import { tradeinError } from '../../components';
import { ShowroomForm } from './ShowroomForm';

const FILTERS = ['kind', 'channel', 'townId', 'status'] as const;

// A type, not an interface: the filter bar wants a record.
type Filters = {
  kind?: string;
  channel?: string;
  townId?: number;
  status?: string;
  q?: string;
};

/**
 * Showrooms and sample rooms: a business registers, changes, closes and reopens its own (open ones are on the
 * residents' store finder while it is approved in a running programme); supervisors see every business's, filter
 * them and export the list to Excel.
 */
export default function ShowroomsPage() {
  const t = useT();
  const user = useUser();
  const business = user.role === 'enterprise' || user.role === 'merchant';
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const towns = useTowns();
  const list = useListParams(FILTERS, { pageSize: 20, sort: 'updatedAt', order: 'desc' });
  const [editing, setEditing] = useState<ShowroomView | 'new' | null>(null);
  const data = useQuery({
    queryKey: ['tradein', 'showrooms', list.query],
    queryFn: ({ signal }) => api.get<Page<ShowroomView>>('/api/tradein/showrooms', list.query, signal),
    placeholderData: keepPreviousData,
  });

  function setStatus(s: ShowroomView) {
    const closing = s.status === 'open';
    modal.confirm({
      title: closing ? t('tradein.showrooms.closeQ', { name: s.name }) : t('tradein.showrooms.reopenQ', { name: s.name }),
      okButtonProps: closing ? { danger: true } : {},
      onOk: async () => {
        try {
          await (closing ? api.post(`/api/tradein/showrooms/${s.id}/close`) : api.post(`/api/tradein/showrooms/${s.id}/reopen`));
          message.success(t('common.done'));
          void qc.invalidateQueries({ queryKey: ['tradein', 'showrooms'] });
        } catch (e) {
          message.error(tradeinError(t, e));
        }
      },
    });
  }

  const columns: TableColumnsType<ShowroomView> = [
    {
      key: 'name',
      title: t('field.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (name: string, s) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          {s.description ? (
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
              {s.description}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    ...(business
      ? []
      : [
          {
            key: 'organization',
            title: t('tradein.showrooms.organization'),
            dataIndex: 'organizationName',
            sorter: true,
            sortOrder: list.sortOrderOf('organization'),
          },
        ]),
    {
      key: 'kind',
      title: t('tradein.showrooms.kind'),
      dataIndex: 'kind',
      sorter: true,
      sortOrder: list.sortOrderOf('kind'),
      render: (_: unknown, s) => (
        <>
          <Tag color="purple">{t(`tradein.showroom.kind.${s.kind}`)}</Tag>
          <Tag color={s.channel === 'online' ? 'geekblue' : 'default'}>{t(`tradein.showroom.channel.${s.channel}`)}</Tag>
        </>
      ),
    },
    {
      key: 'town',
      title: t('tradein.showrooms.place'),
      sorter: true,
      sortOrder: list.sortOrderOf('town'),
      render: (_: unknown, s) => (
        <Space direction="vertical" size={0}>
          {s.townName || s.address ? <span>{[s.townName, s.address].filter(Boolean).join(' · ')}</span> : null}
          {s.url ? (
            <Typography.Link href={s.url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
              {s.url}
            </Typography.Link>
          ) : null}
        </Space>
      ),
    },
    { key: 'hours', title: t('tradein.showrooms.hours'), dataIndex: 'openingHours' },
    {
      key: 'programs',
      title: t('tradein.showrooms.programs'),
      render: (_: unknown, s) =>
        s.programs.map((p) => (
          <Tag key={p.id} color={p.status === 'active' ? 'green' : 'default'} style={{ marginBottom: 4 }}>
            {p.name}
          </Tag>
        )),
    },
    {
      key: 'status',
      title: t('field.status'),
      dataIndex: 'status',
      render: (status: ShowroomView['status']) => (
        <Tag color={status === 'open' ? 'success' : 'default'} data-testid={`status-${status}`}>
          {t(`tradein.showroom.status.${status}`)}
        </Tag>
      ),
    },
    {
      key: 'updatedAt',
      title: t('tradein.showrooms.updatedAt'),
      dataIndex: 'updatedAt',
      render: formatMinute,
      sorter: true,
      sortOrder: list.sortOrderOf('updatedAt'),
    },
    ...(business
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, s: ShowroomView) => (
              <span className="hx-form-actions">
                <Button size="small" onClick={() => setEditing(s)} data-testid={`showroom-edit-${s.id}`}>
                  {t('common.edit')}
                </Button>
                <Button size="small" danger={s.status === 'open'} onClick={() => setStatus(s)} data-testid={`showroom-status-${s.id}`}>
                  {s.status === 'open' ? t('tradein.showrooms.close') : t('tradein.showrooms.reopen')}
                </Button>
              </span>
            ),
          },
        ]
      : []),
  ];

  const f = list.state.filters;
  return (
    <div data-testid="page-tradein-showrooms">
      <PageHeader
        title={t('tradein.nav.showrooms')}
        subtitle={business ? t('tradein.showrooms.subtitle') : t('tradein.showrooms.subtitleSupervisor')}
        extra={
          business ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="showroom-new">
              {t('tradein.showrooms.add')}
            </Button>
          ) : (
            <ExportButton
              path="/api/tradein/showrooms/export"
              query={{ ...list.query, page: undefined, pageSize: undefined }}
              fallbackName={t('tradein.showrooms.exportName')}
              testId="showrooms-export"
            />
          )
        }
      />
      <Card className="hx-block">
        <FilterBar<Filters>
          values={{ kind: f.kind, channel: f.channel, townId: f.townId ? Number(f.townId) : undefined, status: f.status, q: list.state.q }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: { kind: v.kind, channel: v.channel, townId: v.townId ? String(v.townId) : undefined, status: v.status },
            })
          }
          testId="showrooms-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('tradein.showrooms.search')} />
          </Form.Item>
          <Form.Item name="kind" label={t('tradein.showrooms.kind')}>
            <Select allowClear placeholder={t('common.all')} options={SHOWROOM_KINDS.map((k) => ({ value: k, label: t(`tradein.showroom.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="channel" label={t('tradein.showrooms.channel')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={SHOWROOM_CHANNELS.map((c) => ({ value: c, label: t(`tradein.showroom.channel.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="townId" label={t('field.town')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('field.status')}>
            <Select allowClear placeholder={t('common.all')} options={SHOWROOM_STATUSES.map((s) => ({ value: s, label: t(`tradein.showroom.status.${s}`) }))} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ShowroomView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.showrooms.none') }}
            pagination={list.pagination(data.data?.total ?? 0)}
            data-testid="showrooms-table"
          />
        )}
      </Card>
      {business ? <ShowroomForm editing={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
