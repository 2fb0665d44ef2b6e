import { Tag } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import type { MatterStatus, MatterUrgency } from './api';

const STATUS_COLORS: Record<MatterStatus, string> = { raised: 'processing', escalated: 'purple', answered: 'success', closed: 'default', withdrawn: 'default' };
const URGENCY_COLORS: Record<MatterUrgency, string> = { normal: 'default', urgent: 'orange', critical: 'red' };

export function MatterStatusTag({ status }: { status: MatterStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`matter.status.${status}`)}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: MatterUrgency }) {
  const t = useT();
  return <Tag color={URGENCY_COLORS[urgency]}>{t(`matter.urgency.${urgency}`)}</Tag>;
}
