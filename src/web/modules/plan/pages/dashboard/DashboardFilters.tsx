import { Card, DatePicker, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { INDICATOR_STATUSES, type IndicatorStatus } from '../../../../../shared/enums/plan';
import { useT } from '../../../../i18n/I18nProvider';
import type { DashboardView, PlanSummaryView } from '../../api';
import { STATUS_HEX } from '../../components';
import { useTowns } from '../../../../api/towns';

/**
 * What the dashboard shows: which plan, as of which date, the city or one town; and the indicators by status,
 * each count a filter of the table. Every choice lives in the query string (`setParam`).
 */
export function DashboardFilters({
  plans,
  planId,
  asOf,
  townId,
  data,
  setParam,
}: {
  plans: PlanSummaryView[] | undefined;
  planId: number | undefined;
  asOf: string | undefined;
  townId: number | undefined;
  data: DashboardView | undefined;
  setParam: (key: string, value: string | undefined) => void;
}) {
  const t = useT();
  const towns = useTowns();
  const totals = data
    ? INDICATOR_STATUSES.reduce((acc, s) => ({ ...acc, [s]: data.indicators.filter((i) => i.status === s).length }), {} as Record<IndicatorStatus, number>)
    : null;
  return (
    <Card size="small" className="hx-block">
      <Space wrap size="middle">
        {plans && plans.length > 1 ? (
          <Select
            value={planId}
            onChange={(v) => setParam('planId', String(v))}
            options={plans.map((p) => ({ value: p.id, label: p.docNumber }))}
            style={{ minWidth: 200 }}
          />
        ) : null}
        <Space size={4}>
          <span>{t('plan.field.asOf')}</span>
          <DatePicker
            value={asOf ? dayjs(asOf) : null}
            placeholder={t('plan.asOf.today')}
            onChange={(v) => setParam('asOf', v ? v.format('YYYY-MM-DD') : undefined)}
            data-testid="dashboard-asof"
          />
        </Space>
        <Space size={4}>
          <span>{t('plan.field.town')}</span>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={townId}
            placeholder={t('plan.town.city')}
            loading={towns.isPending}
            onChange={(v) => setParam('townId', v ? String(v) : undefined)}
            options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            style={{ minWidth: 160 }}
            data-testid="dashboard-town"
          />
        </Space>
        {totals ? (
          <Space size={[4, 4]} wrap data-testid="dashboard-totals">
            {INDICATOR_STATUSES.map((s) => (
              <Tag
                key={s}
                color={STATUS_HEX[s]}
                className="hx-plan-total-tag"
                onClick={() => {
                  setParam('status', s);
                  setParam('tab', undefined);
                }}
                data-testid={`total-${s}`}
              >
                {t(`plan.status.${s}`)} {totals[s]}
              </Tag>
            ))}
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
