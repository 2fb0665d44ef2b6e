import { Tag } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { orderColor, type OnlineOrderView, type OnlineStoreView } from './onlineApi';

/** An online order's status as a coloured tag. */
export function OrderStatusTag({ status }: { status: OnlineOrderView['status'] }) {
  const t = useT();
  return (
    <Tag color={orderColor(status)} data-testid={`online-status-${status}`}>
      {t(`tradein.onlineStatus.${status}`)}
    </Tag>
  );
}

export function StoreStatusTag({ status }: { status: OnlineStoreView['status'] }) {
  const t = useT();
  return <Tag color={status === 'active' ? 'success' : 'default'}>{t(`tradein.storeStatus.${status}`)}</Tag>;
}
