import { Card, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, GlobalOutlined, ShopOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import type { PublicShowroomView } from '../../../../../server/modules/tradein/showrooms/schema';

/** The host of a web address, to say where a link goes without a long address breaking a phone's line. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** One showroom or sample room of the finder: its kind, where it is (or its link, online), when it is open, and under which programmes. */
export function ShowroomCard({ showroom }: { showroom: PublicShowroomView }) {
  const t = useT();
  const s = showroom;
  return (
    <Card size="small" data-testid={`showroom-card-${s.id}`} title={<span style={{ whiteSpace: 'normal' }}>{s.name}</span>}>
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        <div>
          <Tag color="purple">{t(`tradein.showroom.kind.${s.kind}`)}</Tag>
          {s.channel === 'online' ? <Tag color="geekblue">{t('tradein.showroom.channel.online')}</Tag> : null}
          {s.townName ? <Tag>{s.townName}</Tag> : null}
        </div>
        <Typography.Text type="secondary">
          <ShopOutlined /> {s.organizationName}
        </Typography.Text>
        {s.address ? (
          <Typography.Text data-testid="showroom-card-address">
            <EnvironmentOutlined /> {s.address}
          </Typography.Text>
        ) : null}
        <Typography.Text data-testid="showroom-card-hours">
          <ClockCircleOutlined /> {t('tradein.stores.hours')}：{s.openingHours}
        </Typography.Text>
        {s.url ? (
          <Typography.Link href={s.url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }} data-testid="showroom-card-link">
            <GlobalOutlined /> {s.channel === 'online' ? t('tradein.stores.visitOnline') : t('tradein.stores.moreInfo')}（{hostOf(s.url)}）
          </Typography.Link>
        ) : null}
        {s.description ? (
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
            {s.description}
          </Typography.Paragraph>
        ) : null}
        <div data-testid="showroom-card-programs">
          <Typography.Text type="secondary">{t('tradein.stores.programs')}：</Typography.Text>
          {s.programs.map((p) => (
            <Tag key={p.id} color="green" style={{ marginBottom: 4, whiteSpace: 'normal' }}>
              {p.name}
            </Tag>
          ))}
        </div>
      </Space>
    </Card>
  );
}
