import { useRef, useState } from 'react';
import { Alert, App, Button, Progress, Space, Tag, Tooltip, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { IndicatorStatus, ReportStatus } from '../../../shared/enums/plan';
import type { Locale } from '../../../shared/roles';
import { api } from '../../api/client';
import { errorMessage } from '../../components/formErrors';
import { useLocale, useT } from '../../i18n/I18nProvider';
import type { Attachment, Evidence, UnitRef } from './api';
import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, fileExtension } from './evidence';
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
  on_track: '#389e0d',
  at_risk: '#d48806',
  behind: '#cf1322',
  not_started: '#8c8c8c',
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
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

export type EvidenceFile = Pick<Attachment, 'id' | 'filename' | 'sizeBytes'>;

/**
 * Evidence upload: each file goes to POST /api/attachments as soon as it is picked; type and size are checked
 * first here (the server checks again, by content), and every refusal is listed under the button.
 */
export function EvidenceUpload({
  value = [],
  onChange,
  disabled,
  max = 10,
}: {
  value?: EvidenceFile[];
  onChange?: (files: EvidenceFile[]) => void;
  disabled?: boolean;
  max?: number;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);
  const files = value;
  // Several files picked at once finish one by one: each must add to the latest list, not the one it started with.
  const latest = useRef(files);
  latest.current = files;
  return (
    <div data-testid="evidence-upload">
      <Upload
        multiple
        showUploadList={false}
        disabled={disabled || files.length >= max}
        accept={EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',')}
        beforeUpload={(file) => {
          const ext = fileExtension(file.name);
          if (!EVIDENCE_EXTENSIONS.includes(ext)) {
            setErrors((e) => [...e, t('plan.evidence.badType', { name: file.name, allowed: EVIDENCE_EXTENSIONS.join(', ') })]);
            return Upload.LIST_IGNORE;
          }
          if (file.size > EVIDENCE_MAX_BYTES) {
            setErrors((e) => [...e, t('plan.evidence.tooLarge', { name: file.name, max: formatBytes(EVIDENCE_MAX_BYTES) })]);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          setBusy((b) => b + 1);
          try {
            const a = await api.upload<Attachment>('/api/attachments', f);
            onSuccess?.(a);
            const next = [...latest.current, { id: a.id, filename: a.filename, sizeBytes: a.sizeBytes }];
            latest.current = next;
            onChange?.(next);
            message.success(t('plan.evidence.uploaded', { name: a.filename }));
          } catch (e) {
            setErrors((prev) => [...prev, `${f.name}：${errorMessage(e)}`]);
            onError?.(e as Error);
          } finally {
            setBusy((b) => b - 1);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} disabled={disabled || files.length >= max} data-testid="evidence-upload-button">
          {t('plan.evidence.upload')}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" className="hx-plan-hint">
        {t('plan.evidence.hint', { allowed: EVIDENCE_EXTENSIONS.join(', '), max: formatBytes(EVIDENCE_MAX_BYTES), count: max })}
      </Typography.Paragraph>
      {errors.length ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setErrors([]) }}
          data-testid="evidence-errors"
          title={
            <ul className="hx-plan-error-list">
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {files.length ? (
        <ul className="hx-plan-files" data-testid="evidence-files">
          {files.map((f) => (
            <li key={f.id}>
              <PaperClipOutlined /> <span>{f.filename}</span> <Typography.Text type="secondary">({formatBytes(f.sizeBytes)})</Typography.Text>
              {disabled ? null : (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('plan.evidence.remove')}
                  onClick={() => onChange?.(files.filter((x) => x.id !== f.id))}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
