import { App, Button, Card, Form, Input, Popconfirm, Table, Tooltip, type TableColumnsType } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../../shared/roles';
import { api } from '../../../api/client';
import type { Page, SessionView } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { FilterBar } from '../../../components/FilterBar';
import { LoadError } from '../../../components/ResultPages';
import { RoleTag } from '../../../components/Tags';
import { formatDateTime, shortUserAgent } from '../../../components/format';
import { errorMessage } from '../../../components/formErrors';
import { useListParams } from '../../../components/useListParams';
import { canManageAccounts } from '../permissions';

/** Who is signed in right now; the administrator can end a session. */
export default function SessionsPage() {
  const t = useT();
  const me = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListParams([] as const, { sort: 'lastSeenAt', order: 'desc' });
  const data = useQuery({
    queryKey: ['sessions', 'list', list.query],
    queryFn: ({ signal }) => api.get<Page<SessionView>>('/api/sessions', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const end = useMutation({
    mutationFn: (id: string) => api.delete(`/api/sessions/${encodeURIComponent(id)}`),
    onSuccess: async () => {
      message.success(t('sessions.ended'));
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<SessionView> = [
    { key: 'user', title: t('sessions.user'), render: (_, s) => `${s.displayName}（${s.username}）` },
    { key: 'role', title: t('field.role'), dataIndex: 'role', render: (r: Role) => <RoleTag role={r} /> },
    { key: 'organization', title: t('field.organization'), dataIndex: 'organizationName' },
    { key: 'ip', title: t('sessions.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      key: 'userAgent',
      title: t('sessions.userAgent'),
      dataIndex: 'userAgent',
      render: (v: string | null) => (
        <Tooltip title={v}>
          <span>{shortUserAgent(v)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'createdAt',
      title: t('sessions.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: list.sortOrderOf('createdAt'),
      render: formatDateTime,
    },
    {
      key: 'lastSeenAt',
      title: t('sessions.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      sorter: true,
      sortOrder: list.sortOrderOf('lastSeenAt'),
      render: formatDateTime,
    },
    { key: 'expiresAt', title: t('sessions.expiresAt'), dataIndex: 'expiresAt', render: formatDateTime },
  ];
  if (canManageAccounts(me)) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, s) => (
        <Popconfirm
          title={t('sessions.endConfirm', { name: s.displayName })}
          okText={t('sessions.end')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => end.mutateAsync(s.id)}
        >
          <Button size="small" danger icon={<LogoutOutlined />} data-testid={`session-end-${s.username}`}>
            {t('sessions.end')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <div data-testid="page-sessions">
      <PageHeader title={t('sessions.title')} />
      <Card className="hx-block">
        <FilterBar values={{ q: list.state.q }} onSearch={(v) => list.update({ q: v.q?.trim() || undefined })}>
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('sessions.search')} data-testid="filter-q" />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<SessionView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            data-testid="session-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
