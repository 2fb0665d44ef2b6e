import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Pagination, Popconfirm, Skeleton, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useT, type Translate } from '../../../../i18n/I18nProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { formatMinute } from '../../../../components/format';
import { categoryName, usePrograms, type Page } from '../../api';
import { EmptyState, Money, tradeinError } from '../../components';
import { OrderStatusTag } from './OnlineStatus';
import { onlineKeys, type OnlineOrderView } from './onlineApi';

/** The clock, once a minute: enough for a countdown in hours and minutes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function timeLeft(t: Translate, expiresAt: string, now: number): string | null {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return null;
  const minutes = Math.ceil(ms / 60_000);
  return t('tradein.myOrders.hm', { h: Math.floor(minutes / 60), m: minutes % 60 });
}

/** A resident's online orders waiting for confirmation (on a phone). */
export default function MyOrdersPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const now = useNow();
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<number | null>(null);
  const orders = useQuery({
    queryKey: onlineKeys.mine(page),
    queryFn: ({ signal }) => api.get<Page<OnlineOrderView>>('/api/tradein/online-orders/mine', { page, pageSize: 20 }, signal),
  });

  async function decide(o: OnlineOrderView, step: 'confirm' | 'decline') {
    setBusy(o.id);
    try {
      await api.post(`/api/tradein/online-orders/${o.id}/${step}`);
      message.success(t(step === 'confirm' ? 'tradein.myOrders.confirmed' : 'tradein.myOrders.declined'));
    } catch (e) {
      message.error(tradeinError(t, e));
    } finally {
      setBusy(null);
      void qc.invalidateQueries({ queryKey: ['tradein', 'online-orders'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'vouchers'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'purchases'] });
    }
  }

  return (
    <div data-testid="page-tradein-my-orders">
      <PageHeader title={t('tradein.nav.myOrders')} subtitle={t('tradein.myOrders.subtitle')} />
      {orders.isPending ? (
        <Skeleton active />
      ) : orders.isError ? (
        <LoadError error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.data.items.length === 0 ? (
        <Card>
          <EmptyState text={t('tradein.myOrders.none')} testId="my-orders-empty" />
        </Card>
      ) : (
        <div data-testid="my-orders">
          {orders.data.items.map((o) => {
            const left = timeLeft(t, o.expiresAt, now);
            const waiting = o.status === 'awaiting_confirmation';
            return (
              <Card
                key={o.id}
                size="small"
                className="hx-block"
                data-testid={`online-order-${o.id}`}
                title={
                  <span style={{ whiteSpace: 'normal' }}>
                    {t(`tradein.platform.${o.platform}`)} · {o.shopName}
                  </span>
                }
                extra={<OrderStatusTag status={o.status} />}
              >
                <div style={{ overflowWrap: 'anywhere' }}>
                  <Typography.Text strong>
                    {categoryName(programs.data, o.programId, o.category)} · {o.productBrand} {o.productModel}
                  </Typography.Text>
                  <div className="hx-ti-live">{t('tradein.myOrders.order', { number: o.orderNumber })}</div>
                  <div className="hx-ti-sum" style={{ marginTop: 8 }}>
                    <div className="hx-ti-sum-row">
                      <span>{t('tradein.myOrders.price')}</span>
                      <Money fen={o.price} />
                    </div>
                    <div className="hx-ti-sum-row">
                      <span>{t('tradein.myOrders.subsidy')}</span>
                      {o.subsidy === null ? (
                        <Typography.Text type="danger">{t('tradein.myOrders.notEligible')}</Typography.Text>
                      ) : (
                        <Money fen={o.subsidy} strong testId={`online-order-subsidy-${o.id}`} />
                      )}
                    </div>
                    <div className="hx-ti-sum-row hx-ti-sum-total">
                      <span>{t('tradein.myOrders.payable')}</span>
                      <Money fen={o.payable ?? o.price} testId={`online-order-payable-${o.id}`} />
                    </div>
                  </div>
                  <div style={{ marginTop: 8 }}>
                    {t('tradein.myOrders.delivery')} {o.deliveryTownName} {o.deliveryAddress}
                  </div>
                  {waiting ? (
                    <>
                      <div className="hx-ti-live" style={{ marginTop: 4 }} data-testid={`online-order-left-${o.id}`}>
                        {left ? t('tradein.myOrders.left', { time: left }) : t('tradein.myOrders.ended')} · {formatMinute(o.expiresAt)}
                      </div>
                      <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
                        <Button
                          type="primary"
                          size="large"
                          style={{ flex: 1 }}
                          loading={busy === o.id}
                          disabled={busy !== null && busy !== o.id}
                          onClick={() => void decide(o, 'confirm')}
                          data-testid={`online-order-confirm-${o.id}`}
                        >
                          {t('tradein.myOrders.confirm')}
                        </Button>
                        <Popconfirm title={t('tradein.myOrders.declineConfirm')} onConfirm={() => void decide(o, 'decline')}>
                          <Button size="large" danger disabled={busy !== null} data-testid={`online-order-decline-${o.id}`}>
                            {t('tradein.myOrders.decline')}
                          </Button>
                        </Popconfirm>
                      </div>
                    </>
                  ) : o.status === 'confirmed' ? (
                    <div style={{ marginTop: 8 }}>
                      <Typography.Text type="success">{t('tradein.myOrders.toDeliver')}</Typography.Text> ·{' '}
                      <Link to="/tradein/my/purchases" data-testid={`online-order-purchases-${o.id}`}>
                        {t('tradein.myOrders.purchases')}
                      </Link>
                    </div>
                  ) : null}
                </div>
              </Card>
            );
          })}
          {orders.data.total > orders.data.pageSize ? (
            <Pagination current={page} pageSize={orders.data.pageSize} total={orders.data.total} onChange={setPage} size="small" />
          ) : null}
        </div>
      )}
    </div>
  );
}
