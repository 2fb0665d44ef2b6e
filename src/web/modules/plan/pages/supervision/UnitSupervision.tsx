import { Link } from 'react-router';
import { Card, Empty, List, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { useT } from '../../../../i18n/I18nProvider';
import { AlertTag } from './AlertTag';
import { supervisionKeys, useAlerts, type OrderView } from './api';
import { OrderStatusTag } from './OrderStatusTag';

/** The unit's side of supervision in its workspace: today's alerts on what it answers for, and its open orders. */
export function UnitSupervision() {
  const t = useT();
  const alerts = useAlerts({ mine: 'true' });
  const q = { open: 'true', sort: 'deadline', order: 'asc', pageSize: 20 };
  const orders = useQuery({
    queryKey: supervisionKeys.orders(q),
    queryFn: ({ signal }) => api.get<Page<OrderView>>('/api/plan-orders', q, signal),
  });
  const items = alerts.data?.items ?? [];
  return (
    <Card className="hx-block" title={t('plan.order.myTitle')} data-testid="unit-supervision">
      <Typography.Title level={5}>{t('plan.order.myOpen')}</Typography.Title>
      <List
        size="small"
        data-testid="unit-orders"
        loading={orders.isFetching}
        dataSource={orders.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.order.empty')} /> }}
        renderItem={(o) => (
          <List.Item>
            <Space wrap size={4}>
              <AlertTag colour={o.colour} />
              <Link to={`/plan/orders/${o.id}`} data-testid={`unit-order-${o.id}`}>
                {o.matter}
              </Link>
              <OrderStatusTag status={o.status} />
              <Typography.Text type="secondary">
                {t('plan.order.field.deadline')} {o.deadlineDate}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5}>{t('plan.order.myAlerts')}</Typography.Title>
      <List
        size="small"
        data-testid="unit-alerts"
        loading={alerts.isFetching}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('plan.alert.none')} /> }}
        renderItem={(a) => (
          <List.Item>
            <Space wrap size={4}>
              <AlertTag colour={a.colour} />
              {a.subject === 'order' ? <Link to={`/plan/orders/${a.subjectId}`}>{a.message}</Link> : <span>{a.message}</span>}
            </Space>
          </List.Item>
        )}
      />
      {alerts.data?.day ? <Typography.Text type="secondary">{t('plan.alert.asOf', { day: alerts.data.day })}</Typography.Text> : null}
    </Card>
  );
}
