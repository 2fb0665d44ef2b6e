import { Card } from 'antd';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { daysInMonth, isoDate, isWeekend, monthName, weekdayHeaders, weekdayOf, type Entries } from './days';

/**
 * The year as twelve month grids, Monday first: holidays marked 休 (red), make-up working days 班 (blue),
 * weekends grey. A keeper clicks a day to set it; everyone else reads.
 */
export function MonthGrid({ year, entries, onPick }: { year: number; entries: Entries; onPick?: ((date: string) => void) | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  const headers = weekdayHeaders(locale);
  return (
    <div className="hx-cal-months" data-testid="car-cal-grid">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const blanks = (weekdayOf(isoDate(year, month, 1)) + 6) % 7;
        return (
          <Card key={month} size="small" title={monthName(year, month, locale)} className="hx-cal-month" data-testid={`car-cal-month-${month}`}>
            <div className="hx-cal-cells">
              {headers.map((h, i) => (
                <div key={`h${i}`} className={`hx-cal-head${i >= 5 ? ' hx-cal-weekend' : ''}`}>
                  {h}
                </div>
              ))}
              {Array.from({ length: blanks }, (_, i) => (
                <div key={`b${i}`} />
              ))}
              {Array.from({ length: daysInMonth(year, month) }, (_, i) => {
                const date = isoDate(year, month, i + 1);
                const e = entries.get(date);
                const kind = e ? (e.working ? 'workday' : 'holiday') : isWeekend(date) ? 'weekend' : 'normal';
                return (
                  <button
                    type="button"
                    key={date}
                    className={`hx-cal-day hx-cal-${kind}${onPick ? '' : ' hx-cal-readonly'}`}
                    onClick={onPick ? () => onPick(date) : undefined}
                    title={e?.note ?? undefined}
                    data-testid={`car-cal-day-${date}`}
                    data-kind={kind}
                    // The name starts with what the button shows (the day, its mark), then the full date and note.
                    aria-label={[i + 1, e ? t(e.working ? 'car.cal.mark.workday' : 'car.cal.mark.holiday') : '', date, e?.note ?? '']
                      .filter((x) => x !== '')
                      .join(' ')}
                  >
                    <span>{i + 1}</span>
                    {e ? <small>{t(e.working ? 'car.cal.mark.workday' : 'car.cal.mark.holiday')}</small> : null}
                  </button>
                );
              })}
            </div>
          </Card>
        );
      })}
    </div>
  );
}

export function Legend() {
  const t = useT();
  return (
    <div className="hx-cal-legend">
      <span className="hx-cal-swatch hx-cal-holiday">{t('car.cal.mark.holiday')}</span>
      {t('car.cal.legend.holiday')}
      <span className="hx-cal-swatch hx-cal-workday">{t('car.cal.mark.workday')}</span>
      {t('car.cal.legend.workday')}
      <span className="hx-cal-swatch hx-cal-weekend" />
      {t('car.cal.legend.weekend')}
    </div>
  );
}
