import { Progress, Space, Tag, Tooltip, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { IndicatorStatus, ReportStatus } from '../../../shared/enums/plan';
import type { Locale } from '../../../shared/roles';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { Evidence, UnitRef } from './api';
import { formatBytes } from '../../components/format';
import './plan.css';

export const STATUS_COLORS: Record<IndicatorStatus, string> = {
  on_track: 'success',
  at_risk: 'warning',
  behind: 'error',
  not_started: 'default',
  overdue: 'magenta',
};

/** Colours for charts and the heat table, in the same order of severity as the tags. */
export const STATUS_HEX: Record<IndicatorStatus, string> = {
  // Dark enough to be read as tag text on their own tint (WCAG AA, 4.5:1).
  on_track: '#237804',
  at_risk: '#8a5300',
  behind: '#cf1322',
  not_started: '#666666',
  overdue: '#c41d7f',
};

export function IndicatorStatusTag({ status, reason }: { status: IndicatorStatus; reason?: string }) {
  const t = useT();
  const tag = (
    <Tag color={STATUS_COLORS[status]} data-testid={`indicator-status-${status}`}>
      {t(`plan.status.${status}`)}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

const REPORT_COLORS: Record<ReportStatus, string> = {
  pending: 'default',
  draft: 'processing',
  submitted: 'blue',
  returned: 'error',
  corrected: 'orange',
  accepted: 'success',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Tag color={REPORT_COLORS[status]} data-testid="report-status" data-status={status}>
      {t(`plan.reportStatus.${status}`)}
    </Tag>
  );
}

/** A figure as officials read it: grouped thousands, at most two decimals; — when there is none. */
export function formatNumber(value: number | null | undefined, locale: Locale = 'zh-CN'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(value);
}

export function useFormatNumber() {
  const { locale } = useLocale();
  return (value: number | null | undefined) => formatNumber(value, locale);
}

export function ProgressCell({ progress, status }: { progress: number | null; status: IndicatorStatus }) {
  const { locale } = useLocale();
  if (progress === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const clamped = Math.max(0, Math.min(100, progress));
  return (
    <div className="hx-plan-progress">
      <Progress
        percent={clamped}
        size="small"
        showInfo={false}
        strokeColor={STATUS_HEX[status]}
        status={status === 'on_track' && progress >= 100 ? 'success' : 'normal'}
      />
      <span className="hx-plan-progress-text">{formatNumber(progress, locale)}%</span>
    </div>
  );
}

/** The responsible units: the lead first (marked), then the co-operating ones. */
export function UnitTags({ units, max }: { units: UnitRef[]; max?: number }) {
  const t = useT();
  const shown = max ? units.slice(0, max) : units;
  return (
    <Space size={[4, 4]} wrap>
      {shown.map((u) => (
        <Tag key={`${u.role}-${u.name}`} color={u.role === 'lead' ? 'geekblue' : undefined}>
          {u.role === 'lead' ? `${t('plan.unit.lead')} · ` : ''}
          {u.name}
        </Tag>
      ))}
      {max && units.length > max ? <Tag>+{units.length - max}</Tag> : null}
    </Space>
  );
}

export function indicatorName(i: { name: string; nameEn: string }, locale: Locale): string {
  return locale === 'en' && i.nameEn ? i.nameEn : i.name;
}

/** Evidence files of a report, each a download link (the browser sends the session cookie). */
export function EvidenceList({ reportId, evidence }: { reportId: number; evidence: Evidence[] }) {
  const t = useT();
  if (!evidence.length) return <Typography.Text type="secondary">{t('plan.evidence.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} data-testid="evidence-list">
      {evidence.map((e) => (
        <a key={e.id} href={`/api/plan-reports/${reportId}/evidence/${e.id}`} download={e.filename} data-testid="evidence-link">
          <PaperClipOutlined /> {e.filename} <Typography.Text type="secondary">({formatBytes(e.sizeBytes)})</Typography.Text>
        </a>
      ))}
    </Space>
  );
}

export { EvidenceUpload, type EvidenceFile } from '../../components/EvidenceUpload';
export { formatBytes };
