import { useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button, Card, Empty, List, Segmented, Space, Typography } from 'antd';
import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { errorMessage } from '../../../../components/formErrors';
import { formatDateTime } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import type { NotificationView } from '../../../../../server/modules/platform/notifications/service';

interface NotificationPage {
  items: NotificationView[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

/** My notifications: newest first, unread marked; open one to go where it points, or mark all read. */
export default function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const query = { page, pageSize, unread: filter === 'unread' ? 'true' : undefined };
  const data = useQuery({
    queryKey: ['notifications', query],
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/notifications', query, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: number) => api.post<void>(`/api/notifications/${id}/read`),
    onSuccess: refresh,
    onError: (e) => message.error(errorMessage(e)),
  });
  const markAll = useMutation({
    mutationFn: () => api.post<{ marked: number }>('/api/notifications/read-all'),
    onSuccess: async (r) => {
      message.success(t('notifications.markedAll', { n: r.marked }));
      await refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const unread = data.data?.unread ?? 0;
  return (
    <div data-testid="page-notifications">
      <PageHeader
        title={
          <Space>
            {t('notifications.title')}
            <Badge count={unread} data-testid="notifications-unread" />
          </Space>
        }
        extra={
          <Button icon={<CheckOutlined />} disabled={!unread} loading={markAll.isPending} onClick={() => markAll.mutate()} data-testid="notifications-read-all">
            {t('notifications.readAll')}
          </Button>
        }
      />
      <Card className="hx-block hx-table-card">
        <Segmented<'all' | 'unread'>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('common.all') },
            { value: 'unread', label: t('notifications.unread') },
          ]}
          className="hx-block"
        />
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <List<NotificationView>
            loading={data.isFetching}
            dataSource={data.data?.items ?? []}
            locale={{ emptyText: <Empty description={filter === 'unread' ? t('notifications.noneUnread') : t('notifications.none')} /> }}
            data-testid="notification-list"
            pagination={
              (data.data?.total ?? 0) > pageSize
                ? {
                    current: page,
                    pageSize,
                    total: data.data?.total ?? 0,
                    showSizeChanger: true,
                    onChange: (p, s) => {
                      setPage(p);
                      setPageSize(s);
                    },
                  }
                : false
            }
            renderItem={(n) => (
              <List.Item
                className={n.readAt ? 'hx-plan-note-read' : 'hx-plan-note-unread'}
                data-testid="notification"
                data-read={n.readAt ? 'true' : 'false'}
                actions={[
                  ...(n.link
                    ? [
                        <Button
                          key="open"
                          size="small"
                          type="link"
                          onClick={() => {
                            if (!n.readAt) markRead.mutate(n.id);
                            void navigate(n.link!);
                          }}
                        >
                          {t('notifications.open')}
                        </Button>,
                      ]
                    : []),
                  ...(n.readAt
                    ? []
                    : [
                        <Button key="read" size="small" onClick={() => markRead.mutate(n.id)} data-testid="notification-read">
                          {t('notifications.markRead')}
                        </Button>,
                      ]),
                ]}
              >
                <List.Item.Meta
                  avatar={
                    <Badge dot={!n.readAt}>
                      <BellOutlined className="hx-plan-note-icon" />
                    </Badge>
                  }
                  title={<Typography.Text strong={!n.readAt}>{n.message}</Typography.Text>}
                  description={formatDateTime(n.createdAt)}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
