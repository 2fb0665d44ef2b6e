import { Tag } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import type { FulfilmentView } from './api';

const COLORS: Record<FulfilmentView['status'], string> = {
  awaiting_delivery: 'warning',
  delivered: 'processing',
  installed: 'processing',
  settleable: 'success',
  cancelled: 'default',
};

/** Where a sale stands between the till and settlement. */
export function FulfilmentTag({ status }: { status: FulfilmentView['status'] }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} data-testid={`fulfilment-${status}`}>
      {t(`tradein.fulfilment.status.${status}` as MessageKey)}
    </Tag>
  );
}
