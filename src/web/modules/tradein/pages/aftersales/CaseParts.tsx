import { Tag, Timeline, Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { formatMinute } from '../../../../components/format';
import type { CaseDetailView, CaseView } from './api';

const COLORS: Record<CaseView['status'], string> = { open: 'warning', responded: 'processing', resolved: 'success', refused: 'default' };

export function CaseStatusTag({ status }: { status: CaseView['status'] }) {
  const t = useT();
  return (
    <Tag color={COLORS[status]} data-testid={`status-${status}`}>
      {t(`tradein.afterSales.status.${status}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const t = useT();
  return (
    <Tag color="error" data-testid="after-sales-overdue">
      {t('tradein.afterSales.overdue')}
    </Tag>
  );
}

/** A case's steps, oldest first, each with who wrote what. */
export function CaseTimeline({ detail }: { detail: CaseDetailView }) {
  const t = useT();
  return (
    <Timeline
      data-testid={`after-sales-timeline-${detail.id}`}
      items={detail.timeline.map((e) => ({
        key: `${e.at}-${e.action}`,
        children: (
          <>
            <Typography.Text strong>{t(`tradein.afterSales.action.${e.action as 'open'}`)}</Typography.Text>{' '}
            <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
            {e.note ? <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{e.note}</div> : null}
          </>
        ),
      }))}
    />
  );
}
