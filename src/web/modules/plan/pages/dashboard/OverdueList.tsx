import { useState } from 'react';
import { Link } from 'react-router';
import { Empty, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { LoadError } from '../../../../components/ResultPages';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { planKeys, type ReportView } from '../../api';
import { indicatorName } from '../../components';

/** Reports past their deadline and not handed in (server-side, paged). */
export function OverdueList({ planId }: { planId: number }) {
  const t = useT();
  const { locale } = useLocale();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = { planId, overdue: 'true', page, pageSize };
  const data = useQuery({
    queryKey: planKeys.reports(q),
    queryFn: ({ signal }) => api.get<Page<ReportView>>('/api/plan-reports', q, signal),
    placeholderData: keepPreviousData,
  });
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  const now = dayjs();
  const columns: TableColumnsType<ReportView> = [
    { key: 'period', title: t('plan.field.period'), dataIndex: 'period' },
    { key: 'indicator', title: t('plan.field.indicator'), render: (_, r) => `${r.indicator.code} ${indicatorName(r.indicator, locale)}` },
    { key: 'organization', title: t('plan.field.organization'), render: (_, r) => r.organization.name },
    { key: 'role', title: t('plan.field.role'), render: (_, r) => t(`plan.role.${r.role}`) },
    { key: 'deadline', title: t('plan.field.deadline'), dataIndex: 'deadlineDate' },
    {
      key: 'days',
      title: t('plan.overdue.days'),
      align: 'right',
      render: (_, r) => <span className="hx-plan-bad">{Math.max(0, now.diff(dayjs(r.deadlineDate), 'day'))}</span>,
    },
    { key: 'open', title: '', render: (_, r) => <Link to={`/plan/reports/${r.id}`}>{t('common.details')}</Link> },
  ];
  return (
    <Table<ReportView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data.data?.items ?? []}
      loading={data.isFetching}
      scroll={{ x: 'max-content' }}
      onChange={(p) => {
        setPage(p.current ?? 1);
        setPageSize(p.pageSize ?? 20);
      }}
      pagination={{ current: page, pageSize, total: data.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
      locale={{ emptyText: <Empty description={t('plan.empty.overdue')} /> }}
      data-testid="overdue-list"
    />
  );
}
