import { Tag } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { OrderStatus } from './api';

const COLOURS: Record<OrderStatus, string> = {
  draft: 'default',
  issued: 'processing',
  signed: 'cyan',
  handling: 'blue',
  fed_back: 'purple',
  returned: 'orange',
  closed: 'success',
};

export function OrderStatusTag({ status, testId }: { status: OrderStatus; testId?: string }) {
  const t = useT();
  return (
    <Tag color={COLOURS[status]} data-testid={testId} data-status={status}>
      {t(`plan.order.status.${status}`)}
    </Tag>
  );
}
