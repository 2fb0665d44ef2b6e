import { Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { DashboardView } from '../../api';
import { formatNumber } from '../../components';
import { StatusCounts } from './StatusCounts';

/** One card per action: its indicators by status, mean progress, milestones done. */
export function ActionCards({ data, onPick, active }: { data: DashboardView; onPick: (actionId: number) => void; active: number | undefined }) {
  const t = useT();
  const { locale } = useLocale();
  const main = data.cards.filter((c) => c.total > 0);
  const others = data.cards.filter((c) => c.total === 0);
  return (
    <Row gutter={[12, 12]} className="hx-block" data-testid="plan-cards">
      {main.map((c) => (
        <Col key={c.actionId} xs={24} sm={12} lg={8} xxl={Math.max(4, Math.floor(24 / Math.max(1, main.length)))}>
          <Card
            size="small"
            hoverable
            className={`hx-plan-card${active === c.actionId ? ' hx-plan-card-active' : ''}`}
            onClick={() => onPick(c.actionId)}
            data-testid={`plan-card-${c.code}`}
          >
            <div className="hx-plan-card-head">
              <Typography.Text strong className="hx-plan-card-title">
                {c.title}
              </Typography.Text>
            </div>
            <div className="hx-plan-card-body">
              <Progress
                type="circle"
                size={64}
                percent={Math.max(0, Math.min(100, Math.round(c.meanProgress ?? 0)))}
                format={() => (c.meanProgress === null ? '—' : `${formatNumber(c.meanProgress, locale)}%`)}
              />
              <div className="hx-plan-card-meta">
                <div>{t('plan.card.indicators', { total: c.total })}</div>
                <div>{t('plan.card.milestones', { done: c.milestones.done, total: c.milestones.total })}</div>
                <StatusCounts counts={c.counts} compact />
              </div>
            </div>
          </Card>
        </Col>
      ))}
      {others.length ? (
        <Col span={24}>
          <Card size="small" title={t('plan.card.measures')} data-testid="plan-measures">
            <Space wrap size={[8, 8]}>
              {others.map((c) => (
                <Tag
                  key={c.actionId}
                  className="hx-plan-measure-tag"
                  color={c.milestones.total && c.milestones.done === c.milestones.total ? 'success' : undefined}
                >
                  {c.title} · {t('plan.card.milestones', { done: c.milestones.done, total: c.milestones.total })}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
