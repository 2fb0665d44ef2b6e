import { useEffect } from 'react';
import { Alert, Typography } from 'antd';
import { LoadingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useT } from '../../../../i18n/I18nProvider';
import { keys, type QueuePlaceView } from '../../api';

const live = (p: QueuePlaceView | undefined) => p !== undefined && (p.status === 'waiting' || p.status === 'claiming');

/**
 * A resident's place in a busy release's queue: the position and the expected wait, asked again as often as the
 * server says (further back, less often — a hundred thousand places must not poll every second), until the claim
 * has ended; then `onEnded` hands the voucher or the refusal to the page.
 */
export function QueuePlace({ place, onEnded }: { place: QueuePlaceView; onEnded: (ended: QueuePlaceView) => void }) {
  const t = useT();
  const current = useQuery({
    queryKey: keys.queuePlace(place.poolId),
    queryFn: ({ signal }) => api.get<QueuePlaceView>(`/api/tradein/pools/${place.poolId}/queue`, undefined, signal),
    initialData: place,
    refetchInterval: (query) => (live(query.state.data) ? (query.state.data!.retryAfterSeconds ?? 2) * 1000 : false),
    refetchIntervalInBackground: true,
  });
  const shown = current.data;
  useEffect(() => {
    if (!live(shown)) onEnded(shown);
  }, [shown, onEnded]);
  if (!live(shown)) return null;
  const wait = shown.estimatedWaitSeconds;
  const waitText =
    wait === null
      ? t('tradein.queue.waitUnknown')
      : t('tradein.queue.wait', {
          time: wait < 90 ? t('tradein.queue.seconds', { n: Math.max(1, wait) }) : t('tradein.queue.minutes', { n: Math.ceil(wait / 60) }),
        });
  return (
    <Alert
      type="info"
      showIcon
      icon={<LoadingOutlined />}
      data-testid="claim-queue"
      data-status={shown.status}
      data-position={shown.position ?? ''}
      title={t('tradein.queue.title')}
      description={
        <>
          <div data-testid="claim-queue-position">
            {shown.status === 'claiming'
              ? t('tradein.queue.claiming')
              : `${t('tradein.queue.position', { position: (shown.position ?? 1).toLocaleString() })} · ${waitText}`}
          </div>
          <Typography.Text type="secondary">{t('tradein.queue.keep')}</Typography.Text>
        </>
      }
    />
  );
}
