import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { EvidenceViewer } from '../../../components/EvidenceViewer';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { EDITABLE_REPORT_STATUSES } from '../../../../shared/enums/plan';
import { planKeys, type ReportDetailView } from '../api';
import { EvidenceUpload, ReportStatusTag, formatNumber, indicatorName, type EvidenceFile } from '../components';

interface FormValues {
  value?: number | null;
  baselineValue?: number | null;
  narrative?: string;
  evidence?: EvidenceFile[];
}

const COUNT_UNITS = new Set(['个', '座', '台', '部', '场', '项', '辆', '家', '处', '条', '艘', '套', '次', '人']);

/** The same rule the server applies (valueRules.ts), told before the value is sent. */
function valueHintKey(r: ReportDetailView) {
  const { unit, kind } = r.indicator;
  if ((unit === '%' && (kind === 'level' || kind === 'share')) || unit === '百分点') return 'plan.report.hint.percent' as const;
  if (COUNT_UNITS.has(unit) && (kind === 'cumulative' || kind === 'annual')) return 'plan.report.hint.count' as const;
  return 'plan.report.hint.amount' as const;
}

function ReturnModal({ report, onClose }: { report: ReportDetailView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (reason: string) => api.post<ReportDetailView>(`/api/plan-reports/${report.id}/return`, { reason }),
    onSuccess: async (r) => {
      queryClient.setQueryData(planKeys.report(r.id), r);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      message.success(t('plan.review.returned'));
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('plan.review.returnTitle')}
      okText={t('plan.review.return')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: mutation.isPending, ...testId('return-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('plan.review.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('plan.review.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="return-reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * One report: the unit fills it in (value with its unit, narrative, evidence), saves a draft, submits; a returned
 * report shows the office's reason and is corrected and resubmitted here. The office accepts or returns it.
 */
export default function ReportPage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const report = useQuery({
    queryKey: planKeys.report(id),
    queryFn: ({ signal }) => api.get<ReportDetailView>(`/api/plan-reports/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
  const r = report.data;
  const own = !!r && (user.role === 'department' || user.role === 'town') && r.organization.id === user.organization.id;
  const editable = own && EDITABLE_REPORT_STATUSES.includes(r.status);
  const isOffice = user.role === 'office';

  useEffect(() => {
    if (!r) return;
    form.setFieldsValue({
      value: r.value,
      baselineValue: r.baselineValue,
      narrative: r.narrative ?? '',
      evidence: r.evidence.map((e) => ({ id: e.id, filename: e.filename, sizeBytes: e.sizeBytes })),
    });
  }, [r, form]);

  const body = (v: FormValues) => ({
    value: v.value ?? null,
    ...(r?.needsBaseline ? { baselineValue: v.baselineValue ?? null } : {}),
    narrative: v.narrative?.trim() ? v.narrative.trim() : null,
    attachmentIds: (v.evidence ?? []).map((e) => e.id),
  });
  const after = async (next: ReportDetailView, text: string) => {
    queryClient.setQueryData(planKeys.report(next.id), next);
    await queryClient.invalidateQueries({ queryKey: planKeys.all });
    setError(null);
    message.success(text);
  };
  const save = useMutation({
    mutationFn: (v: FormValues) => api.put<ReportDetailView>(`/api/plan-reports/${id}`, body(v)),
    onSuccess: (next) => after(next, t('plan.report.saved')),
    onError: (e) => setError(applyApiError(form, e, { attachmentIds: 'evidence' })),
  });
  const submit = useMutation({
    mutationFn: (v: FormValues) => api.post<ReportDetailView>(`/api/plan-reports/${id}/submit`, body(v)),
    onSuccess: (next) => after(next, t('plan.report.submitted')),
    onError: (e) => setError(applyApiError(form, e, { attachmentIds: 'evidence' })),
  });
  const accept = useMutation({
    mutationFn: () => api.post<ReportDetailView>(`/api/plan-reports/${id}/accept`),
    onSuccess: (next) => after(next, t('plan.review.accepted')),
    onError: (e) => message.error(errorMessage(e)),
  });

  if (report.isError) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  if (!r)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const unit = r.indicator.unit;
  return (
    <div data-testid="page-plan-report" data-status={r.status}>
      <PageHeader
        title={`${r.indicator.code} ${indicatorName(r.indicator, locale)}`}
        subtitle={t('plan.report.subtitle', { period: r.period, organization: r.organization.name })}
        extra={
          <Space wrap>
            <Button
              icon={<ArrowLeftOutlined />}
              onClick={() => (window.history.length > 1 ? navigate(-1) : navigate(own ? '/plan/workspace' : '/plan/reports'))}
            >
              {t('plan.back')}
            </Button>
            {isOffice && r.status === 'submitted' ? (
              <>
                <Popconfirm
                  title={t('plan.review.acceptConfirm')}
                  okText={t('plan.review.accept')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => accept.mutateAsync()}
                  okButtonProps={testId('accept-ok')}
                >
                  <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending} data-testid="report-accept">
                    {t('plan.review.accept')}
                  </Button>
                </Popconfirm>
                <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)} data-testid="report-return">
                  {t('plan.review.return')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {r.status === 'returned' || (r.status === 'corrected' && r.returnReason) ? (
        <Alert
          type={r.status === 'returned' ? 'error' : 'warning'}
          showIcon
          className="hx-block"
          data-testid="return-reason"
          title={t('plan.report.returnedTitle', { at: formatDateTime(r.returnedAt) })}
          description={r.returnReason}
        />
      ) : null}
      {r.status === 'accepted' ? (
        <Alert type="success" showIcon className="hx-block" title={t('plan.report.acceptedTitle', { at: formatDateTime(r.acceptedAt) })} />
      ) : null}
      <Card className="hx-block" size="small">
        <Descriptions size="small" column={isPhone ? 1 : 3} className="hx-descriptions">
          <Descriptions.Item label={t('plan.field.status')}>
            <Space size={4} wrap>
              <ReportStatusTag status={r.status} />
              {r.late ? <Tag color="orange">{t('plan.report.late')}</Tag> : null}
              {r.overdue ? <Tag color="red">{t('plan.report.overdue')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.field.deadline')}>{r.deadlineDate}</Descriptions.Item>
          <Descriptions.Item label={t('plan.field.role')}>{t(`plan.role.${r.role}`)}</Descriptions.Item>
          <Descriptions.Item label={t('plan.field.organization')}>{r.organization.name}</Descriptions.Item>
          <Descriptions.Item label={t('plan.field.submittedAt')}>{formatDateTime(r.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('plan.field.submissions')}>{r.submissionCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      {editable ? (
        <Card className="hx-block" title={r.status === 'returned' || r.status === 'corrected' ? t('plan.report.correctTitle') : t('plan.report.formTitle')}>
          {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="report-error" /> : null}
          <Form<FormValues>
            form={form}
            layout="vertical"
            className="hx-plan-report-form"
            data-testid="report-form"
            onFinish={(v) => submit.mutate(v)}
            // The server's reasons stay on a field only until the field is changed.
            onValuesChange={(changed: Partial<FormValues>) =>
              form.setFields(Object.keys(changed).map((name) => ({ name: name as keyof FormValues, errors: [] })))
            }
          >
            <Form.Item name="value" label={t('plan.report.value', { period: r.period })} extra={t(valueHintKey(r), { unit })}>
              <InputNumber<number> style={{ width: '100%', maxWidth: 320 }} suffix={unit} data-testid="report-value" stringMode={false} />
            </Form.Item>
            {r.needsBaseline ? (
              <Form.Item name="baselineValue" label={t('plan.report.baseline', { year: r.baselineYear ?? '' })} extra={t('plan.report.baselineHint')}>
                <InputNumber<number> style={{ width: '100%', maxWidth: 320 }} suffix={unit === '%' ? '' : unit} data-testid="report-baseline" />
              </Form.Item>
            ) : null}
            <Form.Item name="narrative" label={t('plan.report.narrative')} extra={t('plan.report.narrativeHint')}>
              <Input.TextArea rows={5} maxLength={4000} showCount data-testid="report-narrative" />
            </Form.Item>
            <Form.Item name="evidence" label={t('plan.field.evidence')}>
              <EvidenceUpload />
            </Form.Item>
            <Space wrap className="hx-form-actions">
              <Button icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate(form.getFieldsValue())} data-testid="report-save">
                {t('plan.report.saveDraft')}
              </Button>
              <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={submit.isPending} data-testid="report-submit">
                {r.submissionCount > 0 ? t('plan.report.resubmit') : t('plan.report.submit')}
              </Button>
            </Space>
          </Form>
        </Card>
      ) : (
        <Card className="hx-block" title={t('plan.report.content')}>
          <Descriptions size="small" column={1} bordered className="hx-descriptions">
            <Descriptions.Item label={t('plan.field.value')}>
              <span data-testid="report-value-text">
                {formatNumber(r.value, locale)} {unit}
              </span>
            </Descriptions.Item>
            {r.baselineValue !== null ? (
              <Descriptions.Item label={t('plan.report.baseline', { year: r.baselineYear ?? '' })}>{formatNumber(r.baselineValue, locale)}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('plan.report.narrative')}>
              <Typography.Paragraph className="hx-plan-original">{r.narrative ?? '—'}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('plan.field.evidence')}>
              <EvidenceViewer testId="report-evidence" items={r.evidence.map((e) => ({ ...e, url: `/api/plan-reports/${r.id}/evidence/${e.id}` }))} />
            </Descriptions.Item>
          </Descriptions>
          {own && !editable ? (
            <Typography.Paragraph type="secondary" className="hx-plan-hint">
              {t('plan.report.locked')}
            </Typography.Paragraph>
          ) : null}
        </Card>
      )}
      <Card className="hx-block" title={t('plan.report.history')} size="small">
        {r.events.length ? (
          <Timeline
            data-testid="report-history"
            items={[...r.events].reverse().map((e) => ({
              key: e.id,
              color: e.toStatus === 'accepted' ? 'green' : e.toStatus === 'returned' ? 'red' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{t(`plan.event.${e.action}` as MessageKey)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  <div>
                    {t(`plan.reportStatus.${e.fromStatus}` as MessageKey)} → {t(`plan.reportStatus.${e.toStatus}` as MessageKey)}
                    {e.value !== null ? ` · ${formatNumber(e.value, locale)} ${unit}` : ''}
                  </div>
                  {e.reason ? <Typography.Text type="danger">{e.reason}</Typography.Text> : null}
                </div>
              ),
            }))}
          />
        ) : (
          <Typography.Text type="secondary">{t('plan.report.noHistory')}</Typography.Text>
        )}
      </Card>
      <Typography.Text type="secondary">
        <Link to={own ? '/plan/workspace' : '/plan/reports'}>{own ? t('plan.workspace.title') : t('plan.reports.title')}</Link>
      </Typography.Text>
      {returning ? <ReturnModal report={r} onClose={() => setReturning(false)} /> : null}
    </div>
  );
}
