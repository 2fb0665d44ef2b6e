import { Card, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, GlobalOutlined, ShopOutlined } from '@ant-design/icons';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { PublicMerchantView } from '../../api';

/**
 * One merchant of the store finder: its stores (town and address), its online shops (delivery in the city), what it
 * sells with a subsidy, and under which programmes.
 */
export function StoreCard({ merchant }: { merchant: PublicMerchantView }) {
  const t = useT();
  return (
    <Card size="small" data-testid={`store-card-${merchant.organizationId}`} title={<span style={{ whiteSpace: 'normal' }}>{merchant.organizationName}</span>}>
      <Space direction="vertical" size={10} style={{ width: '100%' }}>
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="store-card-stores">
          {merchant.stores.map((s) => (
            <li key={`${s.name}-${s.townId}-${s.address}`} style={{ marginBottom: 6 }}>
              <div>
                <ShopOutlined /> <Typography.Text strong>{s.name}</Typography.Text> <Tag>{s.townName}</Tag>
              </div>
              <Typography.Text type="secondary">
                <EnvironmentOutlined /> {s.address}
              </Typography.Text>
            </li>
          ))}
        </ul>
        {merchant.onlineStores.length ? (
          <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="store-card-online">
            {merchant.onlineStores.map((o) => (
              <li key={`${o.platform}-${o.shopUrl}`} style={{ marginBottom: 6 }}>
                <GlobalOutlined /> <Tag>{t(`tradein.platform.${o.platform}` as MessageKey)}</Tag>
                <Typography.Link href={o.shopUrl} target="_blank" rel="noopener noreferrer">
                  {o.shopName}
                </Typography.Link>
                <div>
                  <Typography.Text type="secondary">{t('tradein.stores.onlineHint')}</Typography.Text>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        <div data-testid="store-card-categories">
          <Typography.Text type="secondary">{t('tradein.stores.sells')}：</Typography.Text>
          {merchant.categories.map((c) => (
            <Tag key={c.category} color="blue" style={{ marginBottom: 4 }}>
              {c.name}
            </Tag>
          ))}
        </div>
        <div data-testid="store-card-programs">
          <Typography.Text type="secondary">{t('tradein.stores.programs')}：</Typography.Text>
          {merchant.programs.map((p) => (
            <Tag key={p.id} color="green" style={{ marginBottom: 4, whiteSpace: 'normal' }}>
              {p.name} · {t('tradein.stores.window', { from: p.validFrom, to: p.validTo })}
            </Tag>
          ))}
        </div>
      </Space>
    </Card>
  );
}
