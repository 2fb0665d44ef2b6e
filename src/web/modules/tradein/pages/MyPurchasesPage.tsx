import { Card, List, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatMinute } from '../../../components/format';
import { keys, usePrograms, type VoucherView } from '../api';
import { EmptyState, Money, StatusTag } from '../components';

/**
 * My subsidised purchases: the vouchers a merchant has redeemed. The API gives a resident the voucher, its
 * category and when it was used; the sale's own figures (price, subsidy) stay with the merchant's records, so
 * this page shows the most the voucher could take off under its rule.
 */
export default function MyPurchasesPage() {
  const t = useT();
  const programs = usePrograms();
  const vouchers = useQuery({ queryKey: keys.myVouchers, queryFn: ({ signal }) => api.get<VoucherView[]>('/api/tradein/vouchers/mine', undefined, signal) });
  const used = (vouchers.data ?? []).filter((v) => v.status === 'redeemed').sort((a, b) => (b.redeemedAt ?? '').localeCompare(a.redeemedAt ?? ''));
  const capOf = (v: VoucherView) => programs.data?.find((p) => p.id === v.programId)?.categories.find((c) => c.category === v.category && c.ruleVersionId === v.ruleVersionId)?.rule.capFen;
  return (
    <div data-testid="page-tradein-my-purchases">
      <PageHeader title={t('tradein.nav.myPurchases')} subtitle={t('tradein.purchases.subtitle')} />
      <Card>
        {vouchers.isPending ? (
          <Skeleton active />
        ) : vouchers.isError ? (
          <LoadError error={vouchers.error} onRetry={() => void vouchers.refetch()} />
        ) : used.length === 0 ? (
          <EmptyState text={t('tradein.purchases.none')} testId="purchases-empty" />
        ) : (
          <List
            data-testid="purchases"
            dataSource={used}
            renderItem={(v) => {
              const cap = capOf(v);
              return (
                <List.Item key={v.id} extra={<StatusTag group="voucher" status={v.status} />}>
                  <List.Item.Meta
                    title={`${v.categoryName} · ${v.programName}`}
                    description={
                      <>
                        <div>{t('tradein.purchases.when', { time: formatMinute(v.redeemedAt) })}</div>
                        <div>
                          {t('tradein.purchases.voucher')} <Typography.Text code>{v.code}</Typography.Text>
                        </div>
                        {cap !== undefined ? (
                          <div>
                            {t('tradein.purchases.cap')} <Money fen={cap} />
                          </div>
                        ) : null}
                      </>
                    }
                  />
                </List.Item>
              );
            }}
          />
        )}
      </Card>
    </div>
  );
}
