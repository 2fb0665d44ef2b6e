import { Button, Space, Table, Tag } from 'antd';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { EmptyState } from '../../components';
import { weekdayName, type Entries, type Entry } from './days';

interface Item extends Entry {
  date: string;
}

/** The year's entries one per line, in date order: what fits a phone, and where a keeper adds or removes one. */
export function DayList({
  entries,
  onEdit,
  onRemove,
}: {
  entries: Entries;
  onEdit?: ((date: string) => void) | undefined;
  onRemove?: ((date: string) => void) | undefined;
}) {
  const t = useT();
  const { locale } = useLocale();
  const items: Item[] = [...entries.entries()].map(([date, e]) => ({ date, ...e })).sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Table<Item>
      rowKey="date"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      {...(onEdit ? { scroll: { x: 'max-content' } } : {})}
      data-testid="car-cal-list"
      locale={{ emptyText: <EmptyState text={t('car.cal.none')} testId="car-cal-empty" /> }}
      columns={[
        { title: t('car.cal.col.date'), dataIndex: 'date', width: 100, sorter: (a, b) => a.date.localeCompare(b.date), defaultSortOrder: 'ascend' },
        { title: t('car.cal.col.weekday'), key: 'weekday', width: 56, render: (_: unknown, r) => weekdayName(r.date, locale) },
        {
          title: t('car.cal.col.kind'),
          key: 'kind',
          width: 104,
          filters: [
            { text: t('car.cal.kind.holiday'), value: 'holiday' },
            { text: t('car.cal.kind.workday'), value: 'workday' },
          ],
          onFilter: (v, r) => (r.working ? 'workday' : 'holiday') === v,
          render: (_: unknown, r) => (
            <Tag color={r.working ? 'blue' : 'red'} data-testid={`car-cal-kind-${r.date}`}>
              {t(r.working ? 'car.cal.kind.workday' : 'car.cal.kind.holiday')}
            </Tag>
          ),
        },
        { title: t('car.cal.col.name'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
        ...(onEdit && onRemove
          ? [
              {
                title: t('common.actions'),
                key: 'actions',
                width: 140,
                render: (_: unknown, r: Item) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => onEdit(r.date)} data-testid={`car-cal-edit-${r.date}`}>
                      {t('car.cal.edit')}
                    </Button>
                    <Button size="small" danger onClick={() => onRemove(r.date)} data-testid={`car-cal-remove-${r.date}`}>
                      {t('car.cal.remove')}
                    </Button>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
