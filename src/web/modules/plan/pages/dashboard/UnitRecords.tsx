import { Link, useSearchParams } from 'react-router';
import { Empty, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { planKeys, useUnitRecords, type DashboardView, type PeriodView, type UnitRecordView } from '../../api';
import { StatusCounts } from './StatusCounts';

/** Each unit's reporting record for a period: on time, late, missing — every number opens the reports behind it. */
export function UnitRecords({ data, planId }: { data: DashboardView; planId: number }) {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const periods = useQuery({
    queryKey: planKeys.periods(planId),
    queryFn: ({ signal }) => api.get<PeriodView[]>('/api/plan-periods', { planId }, signal),
  });
  const periodId = Number(search.get('periodId')) || periods.data?.[0]?.id;
  const records = useUnitRecords(planId, periodId);
  // The indicators' status per unit comes with the dashboard; the reporting record from its own roll-up.
  const rollUps = new Map(data.units.map((u) => [u.organizationId, u]));
  if (periods.isError) return <LoadError error={periods.error} onRetry={() => void periods.refetch()} />;
  if (periods.data && !periods.data.length) return <Empty description={t('plan.empty.periods')} data-testid="unit-records-empty" />;
  const link = (u: UnitRecordView, n: number, extra: Record<string, string>) =>
    n === 0 ? (
      <Typography.Text type="secondary">0</Typography.Text>
    ) : (
      <Link to={`/plan/reports?${new URLSearchParams({ periodId: String(periodId), organizationId: String(u.organizationId), ...extra }).toString()}`}>
        {n}
      </Link>
    );
  const columns: TableColumnsType<UnitRecordView> = [
    { key: 'name', title: t('plan.field.organization'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'), fixed: 'left' },
    {
      key: 'kind',
      title: t('plan.field.orgKind'),
      render: (_, u) => t(u.kind === 'town' ? 'orgKind.town' : 'orgKind.department'),
      filters: [
        { text: t('orgKind.department'), value: 'department' },
        { text: t('orgKind.town'), value: 'town' },
      ],
      onFilter: (v, u) => u.kind === v,
    },
    { key: 'total', title: t('plan.unitRecord.total'), align: 'right', sorter: (a, b) => a.total - b.total, render: (_, u) => link(u, u.total, {}) },
    {
      key: 'onTime',
      title: t('plan.unitRecord.onTime'),
      align: 'right',
      sorter: (a, b) => a.onTime - b.onTime,
      render: (_, u) => link(u, u.onTime, { late: 'false' }),
    },
    {
      key: 'late',
      title: t('plan.unitRecord.late'),
      align: 'right',
      sorter: (a, b) => a.late - b.late,
      render: (_, u) => <span className={u.late ? 'hx-plan-warn' : ''}>{link(u, u.late, { late: 'true' })}</span>,
    },
    {
      key: 'missing',
      title: t('plan.unitRecord.missing'),
      align: 'right',
      sorter: (a, b) => a.missing - b.missing,
      defaultSortOrder: 'descend',
      render: (_, u) => <span className={u.missing ? 'hx-plan-bad' : ''}>{link(u, u.missing, { overdue: 'true' })}</span>,
    },
    { key: 'notDue', title: t('plan.unitRecord.notDue'), align: 'right', sorter: (a, b) => a.notDue - b.notDue, render: (_, u) => u.notDue },
    {
      key: 'accepted',
      title: t('plan.unitRecord.accepted'),
      align: 'right',
      sorter: (a, b) => a.accepted - b.accepted,
      render: (_, u) => link(u, u.accepted, { status: 'accepted' }),
    },
    {
      key: 'returned',
      title: t('plan.unitRecord.returned'),
      align: 'right',
      sorter: (a, b) => a.returned - b.returned,
      render: (_, u) => link(u, u.returned, { status: 'returned' }),
    },
    {
      key: 'indicators',
      title: t('plan.unitRecord.indicatorStatus'),
      render: (_, u) => {
        const r = rollUps.get(u.organizationId);
        return r ? <StatusCounts counts={r.counts} compact /> : <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
  ];
  return (
    <>
      <Space wrap className="hx-block">
        <span>{t('plan.field.period')}</span>
        <Select
          value={periodId}
          loading={periods.isPending}
          style={{ minWidth: 160 }}
          onChange={(v) =>
            setSearch(
              (p) => {
                const n = new URLSearchParams(p);
                n.set('periodId', String(v));
                return n;
              },
              { replace: true },
            )
          }
          options={(periods.data ?? []).map((p) => ({ value: p.id, label: `${p.period}${p.status === 'closed' ? ` (${t('plan.period.closed')})` : ''}` }))}
          data-testid="unit-records-period"
        />
        {periods.data?.find((p) => p.id === periodId) ? (
          <Typography.Text type="secondary">{t('plan.period.deadline', { date: periods.data.find((p) => p.id === periodId)!.deadlineDate })}</Typography.Text>
        ) : null}
      </Space>
      {records.isError ? (
        <LoadError error={records.error} onRetry={() => void records.refetch()} />
      ) : (
        <Table<UnitRecordView>
          rowKey="organizationId"
          size="middle"
          columns={columns}
          dataSource={records.data?.units ?? []}
          loading={records.isFetching || periods.isPending}
          scroll={{ x: 'max-content' }}
          sortDirections={['descend', 'ascend']}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
          data-testid="unit-records"
        />
      )}
    </>
  );
}
