import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../../../i18n/I18nProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { OrdersTab } from './OrdersTab';
import { StoresTab } from './StoresTab';

/** A merchant's online stores and their orders. */
export default function MerchantOnlinePage() {
  const t = useT();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'stores' ? 'stores' : 'orders';
  return (
    <div data-testid="page-tradein-merchant-online">
      <PageHeader title={t('tradein.nav.merchantOnline')} subtitle={t('tradein.online.subtitle')} />
      <Card className="hx-block">
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch(k === 'stores' ? { tab: 'stores' } : {})}
          destroyOnHidden
          items={[
            { key: 'orders', label: <span data-testid="online-tab-orders">{t('tradein.online.tab.orders')}</span>, children: <OrdersTab /> },
            { key: 'stores', label: <span data-testid="online-tab-stores">{t('tradein.online.tab.stores')}</span>, children: <StoresTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
