import { Descriptions, Drawer, Skeleton, Timeline } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { EvidenceViewer, type EvidenceItem } from '../../../../components/EvidenceViewer';
import { formatMinute } from '../../../../components/format';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { Money } from '../../components';
import { fulfilmentKeys, type FulfilmentDetail } from './api';
import { FulfilmentTag } from './FulfilmentTag';

/** One sale between the till and settlement: what was sold, where it goes, each step with who took it, the photos. */
export function FulfilmentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const q = useQuery({
    queryKey: fulfilmentKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api.get<FulfilmentDetail>(`/api/tradein/fulfilments/${id}`, undefined, signal),
    enabled: id !== null,
  });
  const f = q.data;
  const photos: EvidenceItem[] = (f?.photos ?? []).map((p) => ({
    ...p,
    label: t(p.kind === 'delivery' ? 'tradein.fulfilment.receiptPhoto' : 'tradein.fulfilment.installPhoto'),
    url: `/api/tradein/fulfilments/${f!.redemptionId}/photos/${p.id}`,
  }));
  return (
    <Drawer open={id !== null} onClose={onClose} size={isPhone ? '100%' : 560} title={id ? `${t('tradein.fulfilment.sale')} #${id}` : ''} destroyOnHidden>
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : f ? (
        <div data-testid="fulfilment-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('tradein.fulfilment.status')}>
              <FulfilmentTag status={f.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.merchant')}>{f.merchantName}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.product')}>
              {f.product} · {f.serialNumber}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.channel')}>
              {t(`tradein.fulfilment.channel.${f.channel}` as MessageKey)}
              {f.orderNumber ? ` · ${f.orderNumber}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.subsidy')}>
              <Money fen={f.subsidy} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.address')}>
              {[f.deliveryTownName, f.deliveryAddress].filter(Boolean).join(' ') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.dueAt')}>{formatMinute(f.dueAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.fulfilment.deliveredAt')}>
              {f.deliveredAt ? `${formatMinute(f.deliveredAt)} · ${t(`tradein.fulfilment.by.${f.deliveryConfirmedBy ?? 'merchant'}` as MessageKey)}` : '—'}
            </Descriptions.Item>
            {f.needsInstallation ? (
              <Descriptions.Item label={t('tradein.fulfilment.installedAt')}>
                {f.installedAt ? `${formatMinute(f.installedAt)} · ${f.installerName ?? ''}` : '—'}
              </Descriptions.Item>
            ) : null}
            {photos.length ? (
              <Descriptions.Item label={t('tradein.fulfilment.photos')}>
                <EvidenceViewer items={photos} testId="fulfilment-photos" />
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Timeline
            style={{ marginTop: 16 }}
            items={[
              { children: `${formatMinute(f.soldAt)} · ${t('tradein.fulfilment.step.sold')}` },
              ...f.timeline
                .filter((e) => e.action !== 'sellForDelivery' && e.action !== 'sellForInstallation')
                .map((e) => ({ children: `${formatMinute(e.at)} · ${t(`tradein.fulfilment.step.${e.action}` as MessageKey)}` })),
            ]}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
