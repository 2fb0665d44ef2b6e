import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Segmented, Skeleton } from 'antd';
import { ShopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { keys, type VoucherView } from '../api';
import { EmptyState, VoucherCard } from '../components';

const ORDER: Record<VoucherView['status'], number> = { active: 0, redeemed: 1, expired: 2, cancelled: 3 };

/** My vouchers: the code to show or read out at the till (large, grouped, with a QR code) and the expiry. */
export default function MyVouchersPage() {
  const t = useT();
  const [show, setShow] = useState<'active' | 'all'>('active');
  const vouchers = useQuery({
    queryKey: keys.myVouchers,
    queryFn: ({ signal }) => api.get<VoucherView[]>('/api/tradein/vouchers/mine', undefined, signal),
    refetchInterval: 30_000,
  });
  const items = [...(vouchers.data ?? [])]
    .filter((v) => show === 'all' || v.status === 'active')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.issuedAt.localeCompare(a.issuedAt));
  return (
    <div data-testid="page-tradein-my-vouchers">
      <PageHeader
        title={t('tradein.nav.myVouchers')}
        subtitle={t('tradein.vouchers.subtitle')}
        extra={
          <>
            <Segmented<'active' | 'all'>
              value={show}
              onChange={setShow}
              options={[
                { value: 'active', label: t('tradein.vouchers.usable') },
                { value: 'all', label: t('common.all') },
              ]}
              data-testid="vouchers-filter"
            />
            <Link to="/stores">
              <Button icon={<ShopOutlined />} data-testid="vouchers-store-finder">
                {t('tradein.stores.link')}
              </Button>
            </Link>
          </>
        }
      />
      {vouchers.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : vouchers.isError ? (
        <Card>
          <LoadError error={vouchers.error} onRetry={() => void vouchers.refetch()} />
        </Card>
      ) : items.length === 0 ? (
        <Card>
          <EmptyState text={show === 'active' ? t('tradein.vouchers.noneUsable') : t('tradein.vouchers.none')} testId="vouchers-empty">
            <Link to="/tradein/claim">
              <Button type="primary">{t('tradein.claim.goClaim')}</Button>
            </Link>
          </EmptyState>
        </Card>
      ) : (
        <div className="hx-ti-vouchers" data-testid="vouchers">
          {items.map((v) => (
            <VoucherCard key={v.id} voucher={v} />
          ))}
        </div>
      )}
    </div>
  );
}
