import { Alert, Card, Descriptions, Space, Tag, Tooltip, Typography } from 'antd';
import { formatDateTime } from '../../../../components/format';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { IndicatorStatusTag, formatNumber, indicatorName } from '../../components';
import type { IndicatorLevel, MissingLevel, Share } from './api';

const LEVEL_COLORS = { national: 'red', province: 'volcano', city: 'gold', county: 'blue' } as const;

function ShareText({ share, unit }: { share: Share; unit: string }) {
  const t = useT();
  const { locale } = useLocale();
  const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, locale)}%`);
  switch (share.status) {
    case 'additive':
      return (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="cascade-share">
            {t('plan.cascade.share.additive', {
              share: pct(share.targetShare),
              year: share.year,
              child: formatNumber(share.childTarget, locale),
              parent: formatNumber(share.parentTarget, locale),
              unit: share.parentUnit,
            })}
          </Typography.Text>
          {share.actualShare !== null ? <Typography.Text>{t('plan.cascade.share.actual', { share: pct(share.actualShare) })}</Typography.Text> : null}
        </Space>
      );
    case 'not_additive':
      return (
        <Space orientation="vertical" size={0} data-testid="cascade-share">
          <Typography.Text>{t(`plan.cascade.share.not_additive.${share.reason}`)}</Typography.Text>
          {share.comparison ? <Typography.Text type="secondary">{t(`plan.cascade.compare.${share.comparison}`)}</Typography.Text> : null}
        </Space>
      );
    case 'unit_mismatch':
      return <Typography.Text data-testid="cascade-share">{t('plan.cascade.share.unit_mismatch', { child: unit, parent: share.parentUnit })}</Typography.Text>;
    default:
      return <Typography.Text data-testid="cascade-share">{t(`plan.cascade.share.${share.status}`)}</Typography.Text>;
  }
}

/** One level of the chain: the plan, its indicator, the target, what the platform observed, the share of the level above. */
export function IndicatorLevelCard({ level, isPhone, current }: { level: IndicatorLevel; isPhone: boolean; current: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const { plan, indicator, target, actual } = level;
  const value = (v: number) => `${formatNumber(v, locale)} ${indicator.unit}`;
  return (
    <Card
      size="small"
      data-testid={`cascade-level-${plan.level}`}
      className={current ? 'hx-cascade-current' : undefined}
      style={current ? { borderColor: 'var(--ant-color-primary, #1677ff)' } : undefined}
      title={
        <Space wrap size={4}>
          <Tag color={LEVEL_COLORS[plan.level]}>{t(`plan.cascade.level.${plan.level}`)}</Tag>
          <Typography.Text strong>{plan.region.name}</Typography.Text>
          <Typography.Text type="secondary">{plan.docNumber}</Typography.Text>
          {plan.reference ? (
            <Tooltip title={t('plan.cascade.referenceHint', { provenance: plan.provenance ?? '' })}>
              <Tag data-testid="cascade-reference">{t('plan.cascade.reference')}</Tag>
            </Tooltip>
          ) : null}
        </Space>
      }
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{plan.title}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {indicator.code} {indicatorName(indicator, locale)}
      </Typography.Paragraph>
      <Descriptions size="small" column={isPhone ? 1 : 2} className="hx-descriptions">
        <Descriptions.Item label={t('plan.cascade.target')}>
          <span data-testid="cascade-target">{target ? `${indicator.comparator} ${value(target.value)}（${target.year}）` : '—'}</span>
        </Descriptions.Item>
        {indicator.baseline ? (
          <Descriptions.Item label={t('plan.cascade.baseline')}>
            {indicator.baseline.year}
            {indicator.baseline.value === null ? '' : `: ${formatNumber(indicator.baseline.value, locale)}`}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('plan.cascade.actual')}>
          {actual ? (
            <Space wrap size={4} data-testid="cascade-actual">
              <strong>{value(actual.value)}</strong>
              <Typography.Text type="secondary">{t('plan.cascade.actualAsOf', { at: formatDateTime(actual.asOf) })}</Typography.Text>
              <IndicatorStatusTag status={actual.status as Parameters<typeof IndicatorStatusTag>[0]['status']} />
            </Space>
          ) : (
            <Typography.Text type="secondary" data-testid="cascade-no-data">
              {t(`plan.cascade.noData.${level.noDataReason ?? 'no_observations'}`)}
            </Typography.Text>
          )}
        </Descriptions.Item>
        {level.share ? (
          <Descriptions.Item label={t('plan.cascade.share')}>
            <ShareText share={level.share} unit={indicator.unit} />
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('plan.cascade.clause')} span={isPhone ? 1 : 2}>
          <Typography.Text className="hx-plan-original">{indicator.text}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** A level the plans name but the platform does not hold: shown as a gap, never filled in. */
export function MissingLevelCard({ level }: { level: MissingLevel }) {
  const t = useT();
  const doc = level.docNumber ?? level.planCode ?? '—';
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="cascade-missing"
      style={{ borderStyle: 'dashed' }}
      title={t(`plan.cascade.missing.${level.reason}`, { doc, indicator: level.indicatorCode ?? '' })}
    />
  );
}
