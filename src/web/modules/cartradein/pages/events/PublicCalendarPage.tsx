import { useState } from 'react';
import { Button, Select } from 'antd';
import { Link } from 'react-router';
import { PublicFrame } from '../../../../layout/PublicFrame';
import { useT } from '../../../../i18n/I18nProvider';
import { EventCalendar } from './EventCalendar';
import { useEventTypes, useTowns, type CarEventType } from './shared';
import './events.css';

/** The public calendar of promotion events, no sign-in: published events coming up and lately held, by month. */
export default function PublicCalendarPage() {
  const t = useT();
  const towns = useTowns();
  const eventTypes = useEventTypes();
  const [type, setType] = useState<CarEventType | undefined>();
  const [townId, setTownId] = useState<number | undefined>();
  return (
    <PublicFrame title={t('car.events.publicTitle')} intro={t('car.events.publicIntro')} width={760} testId="page-public-events">
      <div className="hx-public-events">
        <div className="hx-public-events-filters">
          <Select
            allowClear
            placeholder={t('car.events.allTypes')}
            value={type}
            onChange={(v: CarEventType | undefined) => setType(v)}
            options={eventTypes.all}
            data-testid="public-events-type"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('car.events.allTowns')}
            value={townId}
            onChange={(v: number | undefined) => setTownId(v)}
            options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
            data-testid="public-events-town"
          />
        </div>
        <EventCalendar type={type} townId={townId} />
        <div className="hx-submit">
          <Link to="/login">
            <Button type="link">{t('car.events.signIn')}</Button>
          </Link>
        </div>
      </div>
    </PublicFrame>
  );
}
