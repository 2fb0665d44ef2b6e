import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Card, Empty, Skeleton, Space, Tabs, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useUser } from '../../../../auth/AuthProvider';
import { ExportButton } from '../../../../components/ExportButton';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { formatDate, formatDateTime } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import { planKeys, usePlanChoice, type DashboardIndicator, type DashboardView } from '../../api';
import { IndicatorDrawer } from '../../IndicatorDrawer';
import { ActionCards } from './ActionCards';
import { BriefingButton } from './BriefingButton';
import { DashboardFilters } from './DashboardFilters';
import { IndicatorTable } from './IndicatorTable';
import { OverdueList } from './OverdueList';
import { TownHeat } from './TownHeat';
import { UnitRecords } from './UnitRecords';
import { RaiseOrderModal, type OrderSubjectRef } from '../supervision/RaiseOrderModal';
import { RefreshAlertsButton, useIndicatorAlerts } from './Alerts';

/** The office and auditors read every unit's reports: the units' record, the overdue list and the briefing are theirs. */
const readsAllReports = (role: string) => role === 'office' || role === 'auditor';

/** The office's dashboard: cards per action, indicators, units' reporting, towns, overdue, drill-down. */
export default function DashboardPage() {
  const t = useT();
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  const { plans, plan, planId } = usePlanChoice();
  const asOf = search.get('asOf') ?? undefined;
  const townId = Number(search.get('townId')) || undefined;
  const tab = search.get('tab') ?? 'indicators';
  const q = { planId, asOf, townId };
  const data = useQuery({
    queryKey: planKeys.dashboard(q),
    queryFn: ({ signal }) => api.get<DashboardView>('/api/plan-dashboard', q, signal),
    enabled: planId !== undefined,
    placeholderData: keepPreviousData,
  });
  const [openRow, setOpenRow] = useState<DashboardIndicator | null>(null);
  const [raising, setRaising] = useState<OrderSubjectRef | null>(null);
  const alerts = useIndicatorAlerts(planId);
  const office = user.role === 'office';
  const raise = (r: DashboardIndicator) => planId && setRaising({ planId, subject: 'indicator', subjectId: r.id, title: r.name, organizationId: r.leadUnitId });
  const setParam = (k: string, v: string | undefined) =>
    setSearch(
      (p) => {
        const n = new URLSearchParams(p);
        if (v === undefined || v === '') n.delete(k);
        else n.set(k, v);
        return n;
      },
      { replace: true },
    );
  const full = readsAllReports(user.role);

  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  if (plans.data && !plans.data.length) return <Empty description={t('plan.empty.plans')} />;

  const d = data.data;
  const tabs = [
    {
      key: 'indicators',
      label: t('plan.tab.indicators'),
      children: d ? <IndicatorTable data={d} onOpen={setOpenRow} alerts={alerts.byIndicator} onRaise={office ? raise : undefined} /> : null,
    },
    ...(full && planId ? [{ key: 'units', label: t('plan.tab.units'), children: d ? <UnitRecords data={d} planId={planId} /> : null }] : []),
    ...(planId
      ? [
          {
            key: 'towns',
            label: t('plan.tab.towns'),
            children: d && tab === 'towns' ? <TownHeat planId={planId} asOf={asOf} indicators={d.indicators} onOpen={setOpenRow} /> : null,
          },
        ]
      : []),
    ...(full && planId ? [{ key: 'overdue', label: t('plan.tab.overdue'), children: tab === 'overdue' ? <OverdueList planId={planId} /> : null }] : []),
  ];

  return (
    <div data-testid="page-plan-dashboard">
      <PageHeader
        title={t('plan.dashboard.title')}
        subtitle={plan ? `${plan.title}（${plan.docNumber}）${d ? ` · ${t('plan.dashboard.asOf', { at: formatDateTime(d.dataAsOf) })}` : ''}` : undefined}
        extra={
          <Space wrap>
            {planId ? <ExportButton path="/api/plan-dashboard/export.xlsx" query={q} fallbackName="indicators.xlsx" testId="dashboard-export" /> : null}
            {full && planId ? <BriefingButton planId={planId} /> : null}
            {office && planId ? <RefreshAlertsButton planId={planId} /> : null}
          </Space>
        }
      />
      <DashboardFilters plans={plans.data} planId={planId} asOf={asOf} townId={townId} data={d} setParam={setParam} />
      {data.isError ? (
        <LoadError error={data.error} onRetry={() => void data.refetch()} />
      ) : !d ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <>
          <ActionCards
            data={d}
            active={Number(search.get('action')) || undefined}
            onPick={(actionId) =>
              setSearch(
                (p) => {
                  const n = new URLSearchParams(p);
                  n.set('action', String(actionId));
                  n.delete('tab');
                  return n;
                },
                { replace: true },
              )
            }
          />
          <Card className="hx-block hx-table-card">
            <Tabs activeKey={tab} onChange={(k) => setParam('tab', k === 'indicators' ? undefined : k)} items={tabs} data-testid="dashboard-tabs" />
          </Card>
          <Typography.Text type="secondary">{t('plan.dashboard.footnote', { date: formatDate(d.asOf) })}</Typography.Text>
        </>
      )}
      {raising ? <RaiseOrderModal subject={raising} onClose={() => setRaising(null)} /> : null}
      <IndicatorDrawer indicatorId={openRow?.id ?? null} row={openRow ?? undefined} planId={planId} asOf={asOf} onClose={() => setOpenRow(null)} />
    </div>
  );
}
