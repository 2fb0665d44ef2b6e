import { Tag, Timeline, Typography } from 'antd';
import { formatMinute } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import type { RecyclingMessageKey } from '../../index';
import type { PickupDetail, PickupView } from './api';

const COLOR: Record<PickupView['status'], string> = {
  booked: 'gold',
  accepted: 'blue',
  completed: 'cyan',
  confirmed: 'green',
  disputed: 'red',
  cancelled: 'default',
  no_show: 'orange',
};

export function PickupStatusTag({ status }: { status: PickupView['status'] }) {
  const t = useT();
  return (
    <Tag color={COLOR[status]} data-testid={`pickup-status-${status}`}>
      {t(`recycling.pk.status.${status}` as RecyclingMessageKey)}
    </Tag>
  );
}

export function useCategoryLabel() {
  const t = useT();
  return (c: string) => t(`recycling.pk.category.${c}` as RecyclingMessageKey);
}

export function ItemsText({ items }: { items: { category: string; count: number }[] }) {
  const label = useCategoryLabel();
  return <span>{items.map((i) => `${label(i.category)} × ${i.count}`).join('、')}</span>;
}

export function WindowText({ window }: { window: { from: string; to: string } }) {
  return (
    <span>
      {formatMinute(window.from)} – {formatMinute(window.to).slice(-5)}
    </span>
  );
}

export function PickupTimeline({ pickup }: { pickup: PickupDetail }) {
  const t = useT();
  return (
    <Timeline
      items={pickup.timeline.map((e) => ({
        children: (
          <div>
            <Typography.Text strong>{t(`recycling.pk.action.${e.action}` as RecyclingMessageKey)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
            {e.reasons.length > 0 && <div>{e.reasons.join('；')}</div>}
            {e.note && <div>{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** `2026-06-10T09:30` typed in a datetime-local input, read as Shanghai time (the city's clock, whatever the phone's zone). */
export const shanghaiLocalToIso = (v: string) => new Date(`${v}:00+08:00`).toISOString();
