import { Card, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { Figure } from '../../components';
import type { SaleServiceView } from '../../../../../server/modules/tradein/fulfilment/summary';

const shown = (v: number | null, unit: string) => (v === null ? '—' : `${v.toLocaleString()} ${unit}`);

/** 市商务局's figures of sales beyond the till this year: online share, delivery and installation, after-sales. */
export function SaleServiceFigures() {
  const t = useT();
  const q = useQuery({
    queryKey: ['tradein', 'fulfilments', 'summary'],
    queryFn: ({ signal }) => api.get<SaleServiceView>('/api/tradein/fulfilments/summary', undefined, signal),
    staleTime: 60_000,
  });
  return (
    <Card className="hx-block" title={t('tradein.saleService.title')} data-testid="overview-sale-service">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <div className="hx-ti-figures">
          <Figure label={t('tradein.saleService.onlineShare')} value={shown(q.data.onlineShare, '%')} testId="fig-online-share" />
          <Figure
            label={t('tradein.saleService.deliveryHours')}
            value={shown(q.data.deliveryHours, t('tradein.saleService.hours'))}
            testId="fig-delivery-hours"
          />
          <Figure
            label={t('tradein.saleService.installationHours')}
            value={shown(q.data.installationHours, t('tradein.saleService.hours'))}
            testId="fig-installation-hours"
          />
          <Figure
            label={t('tradein.saleService.overdue')}
            value={q.data.overdueDeliveries.toLocaleString()}
            tone={q.data.overdueDeliveries > 0 ? 'warn' : undefined}
            testId="fig-overdue-deliveries"
          />
          <Figure label={t('tradein.saleService.complaintRate')} value={shown(q.data.complaintRate, '‰')} testId="fig-complaint-rate" />
          <Figure
            label={t('tradein.saleService.responseHours')}
            value={shown(q.data.responseHours, t('tradein.saleService.hours'))}
            testId="fig-response-hours"
          />
          <Figure label={t('tradein.saleService.satisfaction')} value={shown(q.data.satisfaction, '/ 5')} testId="fig-satisfaction" />
        </div>
      )}
    </Card>
  );
}
