import { useMemo } from 'react';
import { Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { EventDetailView, MerchantOption } from '../../../../../server/modules/cartradein/events/schema';
import { CAR_EVENT_TYPES, type CarEventType } from '../../../../../shared/enums/cartradein';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { carKeys, type EventView, type Page, type PublicEvent } from '../../api';

export type { EventDetailView, MerchantOption, EventView, PublicEvent, Page, CarEventType };
export { CAR_EVENT_TYPES };
/** Where the public calendar lives: outside the signed-in app, for residents on a phone (App.tsx routes it). */
export const PUBLIC_EVENTS_PATH = '/events';

export type EventStatus = EventView['status'];
export const EVENT_STATUSES: readonly EventStatus[] = ['draft', 'published', 'held', 'cancelled'];

/** Every events query sits under `carKeys.events`, so one invalidation refreshes the list, the calendar and a detail. */
export const eventKeys = {
  list: (q: object) => [...carKeys.events, 'list', q] as const,
  calendar: (q: object) => [...carKeys.events, 'calendar', q] as const,
  merchants: (q: string) => [...carKeys.events, 'merchants', q] as const,
};

export { useTowns } from '../../../../api/towns';

const STATUS_COLORS: Record<EventStatus, string> = { draft: 'default', published: 'processing', held: 'success', cancelled: 'error' };

export function EventStatusTag({ status }: { status: EventStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`car-event-status-${status}`}>
      {t(`car.events.status.${status}` as MessageKey)}
    </Tag>
  );
}

/**
 * Event types: the codes are fixed (the plan's two event indicators count car and appliance types), their labels,
 * order and availability are the `event_type` dictionary officials keep. A code the dictionary does not offer
 * (disabled, or the list not loaded yet) keeps its built-in label.
 */
export function useEventTypes() {
  const t = useT();
  const dict = useDictionary('event_type');
  return useMemo(() => {
    const known = new Map(dict.options.map((o) => [o.value, o.label]));
    const label = (c: CarEventType) => known.get(c) ?? t(`car.eventType.${c}` as MessageKey);
    const option = (c: CarEventType) => ({ value: c, label: label(c) });
    const enabled = dict.options.map((o) => o.value).filter((c): c is CarEventType => (CAR_EVENT_TYPES as readonly string[]).includes(c));
    return {
      label,
      /** For filters: every type, since old events may have any. */
      all: CAR_EVENT_TYPES.map(option),
      /** For a new or edited event: the enabled types in the officials' order, and the event's own type. */
      choices: (current?: CarEventType) => {
        const codes = dict.options.length > 0 ? enabled : [...CAR_EVENT_TYPES];
        return (current && !codes.includes(current) ? [...codes, current] : codes).map(option);
      },
    };
  }, [dict.options, t]);
}

export function EventTypeTag({ type }: { type: CarEventType }) {
  const types = useEventTypes();
  return <Tag color="blue">{types.label(type)}</Tag>;
}

/** Type, dates, town, place and organiser: what every listing of an event shows. */
export function EventMeta({ e }: { e: PublicEvent }) {
  const t = useT();
  return (
    <>
      <div>
        <EventTypeTag type={e.type} />
        {t('car.events.when', { from: e.startsOn, to: e.endsOn })}
      </div>
      <Typography.Text type="secondary">
        {e.townName} · {e.place} · {e.organizerName}
      </Typography.Text>
    </>
  );
}
