import { Collapse, Descriptions, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { RuleVersion } from './api';
import { VIOLATION_TYPES } from './shared';

/** One version of the grading rules as published: look-back, points per type, thresholds, who published it and why. */
export function RuleVersionDetails({ v }: { v: RuleVersion }) {
  const t = useT();
  return (
    <Descriptions column={1} size="small" bordered data-testid={`rule-version-${v.version}`}>
      <Descriptions.Item label={t('recycling.rules.lookback')}>{v.rules.lookbackDays}</Descriptions.Item>
      <Descriptions.Item label={t('recycling.rules.points')}>
        <div className="hx-rule-points">
          {VIOLATION_TYPES.map((type) => (
            <span key={type}>
              {t(`recycling.violations.type.${type}` as MessageKey)}：<strong>{v.rules.points[type]}</strong>
            </span>
          ))}
        </div>
      </Descriptions.Item>
      <Descriptions.Item label={t('recycling.rules.thresholds')}>
        <Space wrap>
          <Tag color="green">{t('recycling.dealers.grade.A')}</Tag>
          {(['B', 'C', 'D'] as const).map((g) => (
            <span key={g}>{t('recycling.rules.threshold', { points: v.rules.thresholds[g], grade: t(`recycling.dealers.grade.${g}` as MessageKey) })}</span>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('recycling.rules.publishedBy')}>
        {v.publishedBy ?? <Typography.Text type="warning">{t('recycling.rules.unconfirmed')}</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label={t('recycling.rules.publishedAt')}>{formatDateTime(v.publishedAt)}</Descriptions.Item>
      {v.note ? <Descriptions.Item label={t('recycling.rules.note')}>{v.note}</Descriptions.Item> : null}
    </Descriptions>
  );
}

/** Every version, newest first, the current one marked. */
export function RuleHistory({ versions }: { versions: RuleVersion[] }) {
  const t = useT();
  return (
    <Collapse
      data-testid="rule-history"
      items={versions.map((v) => ({
        key: v.version,
        label: (
          <Space size={4}>
            <span>{t('recycling.rules.version', { version: v.version })}</span>
            {v.current ? <Tag color="blue">{t('recycling.rules.currentTag')}</Tag> : null}
            <Typography.Text type="secondary">{formatDateTime(v.publishedAt)}</Typography.Text>
          </Space>
        ),
        children: <RuleVersionDetails v={v} />,
      }))}
    />
  );
}
