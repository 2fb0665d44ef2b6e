import { Tag } from 'antd';
import { useT } from '../../../i18n/I18nProvider';
import type { NoticeKind, NoticeStatus } from './api';

const STATUS_COLORS: Record<NoticeStatus, string> = { draft: 'default', published: 'success', withdrawn: 'warning' };

export function NoticeStatusTag({ status }: { status: NoticeStatus }) {
  const t = useT();
  return <Tag color={STATUS_COLORS[status]}>{t(`notice.status.${status}`)}</Tag>;
}

export function NoticeKindTag({ kind }: { kind: NoticeKind }) {
  const t = useT();
  return <Tag color={kind === 'policy' ? 'geekblue' : 'blue'}>{t(`notice.kind.${kind}`)}</Tag>;
}
