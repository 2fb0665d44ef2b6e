import { Button, Card, List, Pagination, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatMinute } from '../../../components/format';
import { categoryName, usePrograms, type RedemptionView } from '../api';
import { EmptyState, Money, StatusTag } from '../components';
import { useAction } from '../../../components/useAction';
import { FulfilmentTag } from './fulfilment/FulfilmentTag';

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * My subsidised purchases: each sale made with one of my vouchers, with its price, subsidy and what I paid; where it
 * stands between the till and settlement, the delivery to confirm when it arrives, and after-sales.
 */
export default function MyPurchasesPage() {
  const t = useT();
  const programs = usePrograms();
  const [page, setPage] = useState(1);
  const queryClient = useQueryClient();
  const { busy, run } = useAction();
  const confirmDelivery = async (id: number) => {
    if (await run(() => api.post(`/api/tradein/fulfilments/${id}/confirm-delivery`), t('tradein.fulfilment.confirmedDelivery')))
      await queryClient.invalidateQueries({ queryKey: ['tradein', 'purchases', 'mine'] });
  };
  const purchases = useQuery({
    queryKey: ['tradein', 'purchases', 'mine', page],
    queryFn: ({ signal }) => api.get<Page<RedemptionView>>('/api/tradein/redemptions/mine', { page, pageSize: 20 }, signal),
  });
  return (
    <div data-testid="page-tradein-my-purchases">
      <PageHeader title={t('tradein.nav.myPurchases')} subtitle={t('tradein.purchases.subtitle')} />
      <Card>
        {purchases.isPending ? (
          <Skeleton active />
        ) : purchases.isError ? (
          <LoadError error={purchases.error} onRetry={() => void purchases.refetch()} />
        ) : purchases.data.items.length === 0 ? (
          <EmptyState text={t('tradein.purchases.none')} testId="purchases-empty" />
        ) : (
          <>
            <List
              data-testid="purchases"
              dataSource={purchases.data.items}
              renderItem={(r) => (
                <List.Item
                  key={r.id}
                  data-testid={`purchase-${r.id}`}
                  extra={
                    <Space orientation="vertical" size={4} align="end">
                      <StatusTag group="redemption" status={r.status} />
                      {r.fulfilmentStatus && r.status !== 'reversed' ? <FulfilmentTag status={r.fulfilmentStatus} /> : null}
                    </Space>
                  }
                  actions={[
                    ...(r.fulfilmentStatus === 'awaiting_delivery' && r.status !== 'reversed'
                      ? [
                          <Popconfirm key="confirm" title={t('tradein.fulfilment.confirmDelivery.ask')} onConfirm={() => void confirmDelivery(r.id)}>
                            <Button type="primary" size="small" loading={busy} data-testid={`purchase-confirm-delivery-${r.id}`}>
                              {t('tradein.fulfilment.confirmDelivery')}
                            </Button>
                          </Popconfirm>,
                        ]
                      : []),
                    ...(r.status === 'accepted' || r.status === 'held'
                      ? [
                          <Link key="after-sales" to={`/tradein/my/after-sales?redemptionId=${r.id}`} data-testid={`purchase-after-sales-${r.id}`}>
                            {t('tradein.fulfilment.afterSales')}
                          </Link>,
                        ]
                      : []),
                  ]}
                >
                  <List.Item.Meta
                    title={categoryName(programs.data, r.programId, r.category)}
                    description={
                      <>
                        <div>{t('tradein.purchases.when', { time: formatMinute(r.createdAt) })}</div>
                        <div>
                          {t('tradein.purchases.voucher')} <Typography.Text code>{r.voucherCode}</Typography.Text>
                        </div>
                        <div>
                          {t('tradein.purchases.price')} <Money fen={r.price} /> · {t('tradein.purchases.subsidy')} <Money fen={r.subsidy} /> ·{' '}
                          {t('tradein.purchases.paid')} <Money fen={r.payable} />
                        </div>
                        {r.channel === 'online' ? <div>{t('tradein.fulfilment.channel.online')}</div> : null}
                      </>
                    }
                  />
                </List.Item>
              )}
            />
            {purchases.data.total > purchases.data.pageSize ? (
              <Pagination current={page} pageSize={purchases.data.pageSize} total={purchases.data.total} onChange={setPage} size="small" />
            ) : null}
          </>
        )}
      </Card>
    </div>
  );
}
