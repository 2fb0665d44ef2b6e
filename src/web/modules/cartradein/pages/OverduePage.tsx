import { Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { carKeys, type OverdueItem } from '../api';
import { CarStatusTag, EmptyState, Yuan } from '../components';

/** The office's list of review and payment steps past their working-day deadline, most overdue first. */
export default function OverduePage() {
  const t = useT();
  const q = useQuery({
    queryKey: carKeys.overdue,
    queryFn: ({ signal }) => api.get<OverdueItem[]>('/api/tradein/car-applications/overdue', undefined, signal),
  });
  return (
    <div data-testid="page-car-overdue">
      <PageHeader title={t('nav.carOverdue')} subtitle={t('car.overdue.subtitle')} />
      <Card size="small">
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<OverdueItem>
            rowKey={(r) => `${r.step}-${r.application.id}`}
            size="small"
            loading={q.isPending}
            dataSource={q.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 640 }}
            data-testid="car-overdue-table"
            locale={{ emptyText: <EmptyState text={t('car.overdue.none')} testId="car-overdue-empty" /> }}
            columns={[
              {
                title: t('car.col.id'),
                key: 'id',
                width: 70,
                render: (_: unknown, r) => <Link to={`/car/applications/${r.application.id}`}>{r.application.id}</Link>,
              },
              { title: t('car.overdue.col.step'), dataIndex: 'step', width: 150, render: (s: OverdueItem['step']) => t(`car.overdue.step.${s}`) },
              { title: t('car.overdue.col.dueOn'), dataIndex: 'dueOn', width: 110 },
              { title: '', dataIndex: 'daysOverdue', width: 110, render: (d: number) => <Tag color="error">{t('car.overdue.days', { days: d })}</Tag> },
              { title: t('car.col.applicant'), key: 'who', width: 100, render: (_: unknown, r) => r.application.applicantName },
              { title: t('car.col.status'), key: 'status', width: 110, render: (_: unknown, r) => <CarStatusTag status={r.application.status} /> },
              { title: t('car.col.amount'), key: 'amount', width: 110, align: 'right', render: (_: unknown, r) => <Yuan fen={r.application.amountFen} /> },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
