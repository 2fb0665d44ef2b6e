import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { Empty, Select, Skeleton, Space, Typography } from 'antd';
import { ArrowDownOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { indicatorName } from '../../components';
import { cascadeKeys, type CascadeListView, type CascadeView } from './api';
import { IndicatorLevelCard, MissingLevelCard } from './LevelCard';

/**
 * 目标层层分解: one of Jinjiang's indicators with the national, provincial and city plans' indicators it cascades
 * from, top-down — each level's target, what the platform observed (Jinjiang's only) and its share of the level above.
 */
export default function CascadePage() {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const [search, setSearch] = useSearchParams();
  const wanted = Number(search.get('indicator')) || undefined;

  const list = useQuery({
    queryKey: cascadeKeys.list,
    queryFn: ({ signal }) => api.get<CascadeListView>('/api/indicator-cascade', undefined, signal),
    staleTime: 60_000,
  });
  const first = list.data?.indicators[0]?.id;
  const indicatorId = wanted ?? first;
  // No indicator named: show the first one, and say so in the address so the view can be shared.
  useEffect(() => {
    if (wanted === undefined && first !== undefined) setSearch({ indicator: String(first) }, { replace: true });
  }, [wanted, first, setSearch]);

  const chain = useQuery({
    queryKey: cascadeKeys.chain(indicatorId ?? 0),
    queryFn: ({ signal }) => api.get<CascadeView>(`/api/indicators/${indicatorId}/cascade`, undefined, signal),
    enabled: indicatorId !== undefined,
  });

  const plan = list.data?.plan;
  const options = (list.data?.indicators ?? []).map((i) => ({ value: i.id, label: `${i.code} ${indicatorName(i, locale)}` }));
  // An indicator reached from the drawer may have no parent of its own; it is still shown, and offered in the picker.
  if (wanted !== undefined && !options.some((o) => o.value === wanted) && chain.data) {
    const own = chain.data.levels.at(-1);
    if (own?.kind === 'indicator') options.push({ value: wanted, label: `${own.indicator.code} ${indicatorName(own.indicator, locale)}` });
  }

  return (
    <div data-testid="page-plan-cascade" style={{ maxWidth: 960 }}>
      <PageHeader title={t('plan.cascade.title')} subtitle={plan ? t('plan.cascade.subtitle', { plan: `${plan.title}（${plan.docNumber}）` }) : undefined} />
      {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Skeleton active /> : null}
      {list.data && !list.data.indicators.length && wanted === undefined ? <Empty description={t('plan.cascade.none')} data-testid="cascade-empty" /> : null}
      {options.length ? (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('plan.cascade.pick')}</Typography.Text>
          <Select
            data-testid="cascade-picker"
            aria-label={t('plan.cascade.pick')}
            style={{ width: isPhone ? '100%' : 520 }}
            showSearch={{ optionFilterProp: 'label' }}
            value={indicatorId}
            options={options}
            onChange={(id: number) => setSearch({ indicator: String(id) })}
          />
        </Space>
      ) : null}
      {chain.isError ? <LoadError error={chain.error} onRetry={() => void chain.refetch()} /> : null}
      {indicatorId !== undefined && chain.isPending ? <Skeleton active /> : null}
      {chain.data ? (
        <section aria-label={t('plan.cascade.chain')} data-testid="cascade-chain">
          {chain.data.levels.map((level, i) => (
            <div key={level.kind === 'indicator' ? `i${level.indicator.id}` : `m${level.docNumber ?? level.planCode ?? i}`}>
              {i > 0 ? (
                <div style={{ textAlign: 'center', padding: '4px 0' }} aria-hidden>
                  <ArrowDownOutlined />
                </div>
              ) : null}
              {level.kind === 'indicator' ? (
                <IndicatorLevelCard level={level} isPhone={isPhone} current={i === chain.data.levels.length - 1} />
              ) : (
                <MissingLevelCard level={level} />
              )}
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
