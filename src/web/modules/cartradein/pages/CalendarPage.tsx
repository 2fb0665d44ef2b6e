import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Segmented, Select, Space, Spin, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import { formatMinute, todayInShanghai } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useT } from '../../../i18n/I18nProvider';
import {
  calendarKeys,
  fetchCalendarDetails,
  saveCalendarYear,
  useCalendarDetails,
  useCalendarYears,
  type CalendarDetails,
  type ImportResult,
} from './calendar/api';
import { changesBetween, type Entries, type Entry } from './calendar/days';
import { DayEditor } from './calendar/DayEditor';
import { DayList } from './calendar/DayList';
import { ImportPanel } from './calendar/ImportPanel';
import { Legend, MonthGrid } from './calendar/MonthGrid';
import './calendar/calendar.css';

const MIN_YEAR = 2020;
const MAX_YEAR = 2100;

const entriesOf = (d: CalendarDetails | undefined): Map<string, Entry> => new Map((d?.days ?? []).map((x) => [x.date, { working: x.working, note: x.note }]));

/**
 * The working-day calendar, one year at a time: the office and the department managing car trade-in mark public
 * holidays and make-up working days (on the month grid or the list) or import the year from Excel, then save,
 * which recounts the running review and payment deadlines; other officials read it.
 */
export default function CalendarPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const phone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= MIN_YEAR && asked <= MAX_YEAR ? asked : thisYear;

  const details = useCalendarDetails(year);
  const years = useCalendarYears();
  const server = useMemo(() => entriesOf(details.data), [details.data]);
  const [draft, setDraft] = useState<{ year: number; entries: Map<string, Entry>; source: string | null } | null>(null);
  const [view, setView] = useState<'grid' | 'list' | null>(null);
  const [editing, setEditing] = useState<{ date: string | null } | null>(null);
  const [saving, setSaving] = useState(false);

  const mine = draft?.year === year ? draft : null;
  const entries: Entries = mine?.entries ?? server;
  const serverSource = details.data?.source?.title ?? '';
  const source = mine?.source ?? serverSource;
  const changes = mine ? changesBetween(entries, server) + (source.trim() !== serverSource ? 1 : 0) : 0;
  const editable = details.data?.editable ?? false;
  const shownView = view ?? (phone ? 'list' : 'grid');

  const edit = (change: (entries: Map<string, Entry>) => void, nextSource?: string) => {
    const next = new Map(entries);
    change(next);
    setDraft({ year, entries: next, source: nextSource ?? mine?.source ?? null });
  };

  const goTo = (next: number) => {
    const go = () => {
      setDraft(null);
      setParams({ year: String(next) });
    };
    if (changes) void modal.confirm({ title: t('car.cal.discardConfirm'), onOk: go });
    else go();
  };

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    return queryClient.fetchQuery({ queryKey: calendarKeys.details(year), queryFn: ({ signal }) => fetchCalendarDetails(year, signal) });
  };

  const save = async () => {
    setSaving(true);
    try {
      const days = [...entries.entries()].map(([date, e]) => ({ date, working: e.working, note: e.note }));
      await saveCalendarYear(year, { days, source: source.trim() || null });
      setDraft(null);
      // The count is audited with the change; the page reads it back with the year.
      const fresh = await refresh();
      message.success(t('car.cal.saved', { year, n: fresh.lastChange?.recomputedDeadlines ?? 0 }));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const imported = (r: ImportResult) => {
    setDraft(null);
    message.success(t('car.cal.imported', { year, n: r.rows.length, recomputed: r.recomputedDeadlines ?? 0 }));
    void refresh();
  };

  const yearOptions = useMemo(() => {
    const loaded = new Set((years.data ?? []).map((y) => y.year));
    const all = new Set<number>([...loaded, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year]);
    return [...all]
      .filter((y) => y >= MIN_YEAR && y <= MAX_YEAR)
      .sort((a, b) => a - b)
      .map((y) => ({ value: y, label: loaded.has(y) ? t('car.cal.year', { year: y }) : t('car.cal.yearMissing', { year: y }) }));
  }, [years.data, thisYear, year, t]);

  const holidays = [...entries.values()].filter((e) => !e.working).length;
  const change = details.data?.lastChange;

  return (
    <div data-testid="page-car-calendar">
      <PageHeader
        title={t('nav.carCalendar')}
        subtitle={t('car.cal.subtitle')}
        extra={
          <Space.Compact>
            <Button
              icon={<LeftOutlined />}
              aria-label={t('car.cal.prevYear')}
              disabled={year <= MIN_YEAR}
              onClick={() => goTo(year - 1)}
              data-testid="car-cal-prev"
            />
            <Select value={year} options={yearOptions} onChange={goTo} style={{ minWidth: 150 }} data-testid="car-cal-year" />
            <Button
              icon={<RightOutlined />}
              aria-label={t('car.cal.nextYear')}
              disabled={year >= MAX_YEAR}
              onClick={() => goTo(year + 1)}
              data-testid="car-cal-next"
            />
          </Space.Compact>
        }
      />
      {details.isError ? (
        <LoadError error={details.error} onRetry={() => void details.refetch()} />
      ) : details.isPending ? (
        <Spin />
      ) : (
        <>
          {!details.data.loaded && !mine ? (
            <Alert type="warning" showIcon title={t('car.cal.notLoaded', { year })} className="hx-block" data-testid="car-cal-not-loaded" />
          ) : null}
          {!editable ? <Alert type="info" showIcon title={t('car.cal.readOnly')} className="hx-block" data-testid="car-cal-readonly" /> : null}
          <Card size="small" className="hx-block" data-testid="car-cal-info">
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
              <Descriptions.Item label={t('car.cal.year', { year })}>
                <span data-testid="car-cal-counts">{t('car.cal.counts', { holidays, workdays: entries.size - holidays })}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('car.cal.source')}>
                {editable ? (
                  <Input
                    value={source}
                    maxLength={200}
                    placeholder={t('car.cal.sourcePlaceholder')}
                    onChange={(e) => edit(() => undefined, e.target.value)}
                    data-testid="car-cal-source"
                  />
                ) : (
                  <span data-testid="car-cal-source">{serverSource || t('car.cal.sourceNone')}</span>
                )}
              </Descriptions.Item>
              {details.data.source?.shipped ? (
                <Descriptions.Item label={t('car.cal.sourceShipped')}>
                  <Typography.Text type="secondary">{details.data.source.note ?? details.data.source.title}</Typography.Text>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('car.cal.lastChange')}>
                <span data-testid="car-cal-last-change">
                  {change
                    ? t('car.cal.lastChangeBy', {
                        who: change.displayName ?? change.username ?? '—',
                        at: formatMinute(change.at),
                        how: t(`car.cal.action.${change.action}`),
                      })
                    : t('car.cal.lastChangeNone')}
                  {change?.recomputedDeadlines !== null && change?.recomputedDeadlines !== undefined ? (
                    <Typography.Text type="secondary" data-testid="car-cal-recomputed">
                      {' · '}
                      {t('car.cal.recomputed', { n: change.recomputedDeadlines })}
                    </Typography.Text>
                  ) : null}
                </span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {changes ? (
            <Alert
              type="warning"
              showIcon
              className="hx-block"
              data-testid="car-cal-unsaved"
              title={t('car.cal.unsaved', { n: changes })}
              action={
                <Space wrap>
                  <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="car-cal-save">
                    {t('car.cal.save', { year })}
                  </Button>
                  <Button onClick={() => setDraft(null)} data-testid="car-cal-discard">
                    {t('car.cal.discard')}
                  </Button>
                </Space>
              }
            />
          ) : null}
          <ImportPanel year={year} editable={editable} source={source} dirty={changes > 0} onImported={imported} />
          <Card size="small" className="hx-block">
            <div className="hx-cal-toolbar">
              <Segmented
                value={shownView}
                onChange={(v) => setView(v as 'grid' | 'list')}
                options={[
                  { value: 'grid', label: t('car.cal.view.grid') },
                  { value: 'list', label: t('car.cal.view.list') },
                ]}
                data-testid="car-cal-view"
              />
              {editable ? (
                <Button icon={<PlusOutlined />} onClick={() => setEditing({ date: null })} data-testid="car-cal-add">
                  {t('car.cal.add')}
                </Button>
              ) : null}
            </div>
            {shownView === 'grid' ? (
              <>
                <Legend />
                <MonthGrid year={year} entries={entries} onPick={editable ? (date) => setEditing({ date }) : undefined} />
              </>
            ) : (
              <DayList
                entries={entries}
                onEdit={editable ? (date) => setEditing({ date }) : undefined}
                onRemove={editable ? (date) => edit((m) => m.delete(date)) : undefined}
              />
            )}
          </Card>
        </>
      )}
      {editable ? (
        <DayEditor
          year={year}
          open={editing !== null}
          date={editing?.date ?? null}
          entry={editing?.date ? entries.get(editing.date) : undefined}
          onCancel={() => setEditing(null)}
          onOk={(date, entry) => {
            edit((m) => (entry ? m.set(date, entry) : m.delete(date)));
            setEditing(null);
          }}
        />
      ) : null}
    </div>
  );
}
