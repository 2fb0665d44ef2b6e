import { useState } from 'react';
import { Card, Descriptions, Skeleton, Space, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { useSite, type SiteView } from './sites/api';
import { SiteActions } from './sites/SiteActions';
import { SiteFormDrawer } from './sites/SiteFormDrawer';
import { Materials, SiteKindTag, SiteStatusTag } from './sites/shared';
import './sites/sites.css';
import { DemoTag } from '../../../components/DemoTag';

/** One site: every detail, what the caller may do now, and its status history with the date of each change. */
export default function SitePage() {
  const t = useT();
  const isPhone = useIsPhone();
  const id = Number(useParams().id);
  const site = useSite(id);
  const [editing, setEditing] = useState<{ site: SiteView; operationsOnly: boolean } | null>(null);
  if (site.isPending) return <Skeleton active />;
  if (site.isError) return <LoadError error={site.error} onRetry={() => void site.refetch()} />;
  const s = site.data;
  const none = '—';
  return (
    <div data-testid="page-recycling-site">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{s.name}</span>
            <SiteStatusTag status={s.status} />
            <DemoTag show={s.isDemo} />
          </Space>
        }
        subtitle={<Link to="/recycling/sites">{t('recycling.sites.back')}</Link>}
        extra={<SiteActions site={s} size="middle" onEdit={(x, operationsOnly) => setEditing({ site: x, operationsOnly })} />}
      />
      <Card className="hx-block">
        <Descriptions column={isPhone ? 1 : 2} size="small" bordered data-testid="site-details">
          <Descriptions.Item label={t('recycling.sites.field.code')}>{s.code}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.kind')}>
            <SiteKindTag kind={s.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.town')}>{s.townName}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.address')}>{s.address}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.operator')}>{s.operatorName ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.statusSince')}>{s.statusSince}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.origin')}>{t(`recycling.sites.origin.${s.origin}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.completedOn')}>{s.completedOn ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.licence')}>{s.licenceNumber ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.licenceValidTo')}>{s.licenceValidTo ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.fireSafety')}>{t(`recycling.sites.fire.${s.fireSafety}` as MessageKey)}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.standardisation')}>
            {t(`recycling.sites.std.${s.standardisation}` as MessageKey)}
          </Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.capacity')}>{s.capacityTonnesPerDay ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.openingHours')}>{s.openingHours ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.materials')} span={isPhone ? 1 : 2}>
            <Materials codes={s.materials} />
          </Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.contactName')}>{s.contactName ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('recycling.sites.field.contactPhone')}>{s.contactPhone ?? none}</Descriptions.Item>
          <Descriptions.Item label={`${t('recycling.sites.field.latitude')} / ${t('recycling.sites.field.longitude')}`}>
            {s.latitude !== null ? `${s.latitude}, ${s.longitude}` : none}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="hx-block" title={t('recycling.sites.history')}>
        <Timeline
          data-testid="site-history"
          items={s.history.map((h) => ({
            color: h.to === 'banned' ? 'red' : h.to === 'operating' ? 'green' : 'blue',
            children: (
              <div>
                <Typography.Text strong>{t(`recycling.sites.action.${h.action}` as MessageKey)}</Typography.Text> →{' '}
                {t(`recycling.sites.status.${h.to}` as MessageKey)}
                <div>
                  <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                </div>
                {h.note ? <div>{h.note}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
      <SiteFormDrawer
        open={editing !== null}
        editing={editing?.site ?? null}
        operationsOnly={editing?.operationsOnly ?? false}
        onClose={() => setEditing(null)}
      />
    </div>
  );
}
