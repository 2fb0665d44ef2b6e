import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Modal, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime } from '../../../components/format';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { useT } from '../../../i18n/I18nProvider';
import { testId } from '../../../components/testId';
import { CodeField, RecoveryCodesView, SecretView, type Enrolment } from './parts';

interface MfaStatus {
  enabled: boolean;
  confirmedAt: string | null;
  pending: boolean;
  recoveryCodesLeft: number;
  required: boolean;
}

const KEY = ['mfa', 'me'] as const;

/** A code asked for in a dialog (new recovery codes, turning off), the server's refusal shown on the field. */
function CodeModal({
  title,
  text,
  onSubmit,
  onClose,
  danger,
}: {
  title: string;
  text: string;
  onSubmit: (code: string) => Promise<unknown>;
  onClose: () => void;
  danger?: boolean;
}) {
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: (code: string) => onSubmit(code), onSuccess: onClose, onError: (e) => setError(applyApiError(form, e)) });
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => void form.submit()}
      okButtonProps={{ loading: mutation.isPending, ...(danger ? { danger } : {}), ...testId('mfa-modal-ok') }}
      destroyOnHidden
    >
      <Typography.Paragraph>{text}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.code.trim())}>
        <CodeField testId="mfa-modal-code" />
      </Form>
    </Modal>
  );
}

/** My second factor (/my/two-factor): status, enrolment with the key and link, recovery codes shown once. */
export default function TwoFactorPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: KEY, queryFn: () => api.get<MfaStatus>('/api/mfa/me') });
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [dialog, setDialog] = useState<'regenerate' | 'disable' | null>(null);
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });

  const start = useMutation({
    mutationFn: () => api.post<Enrolment>('/api/mfa/enrol'),
    onSuccess: (e) => {
      setEnrolment(e);
      setError(null);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const confirm = useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/mfa/enrol/confirm', { code }),
    onSuccess: async (res) => {
      setEnrolment(null);
      setCodes(res.recoveryCodes);
      message.success(t('mfa.enabled'));
      await refresh();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });

  if (status.isError) return <LoadError error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;
  return (
    <div data-testid="page-two-factor">
      <PageHeader title={t('mfa.nav')} subtitle={t('mfa.intro')} />
      <Card className="hx-block" loading={!s}>
        {s ? (
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('mfa.status')}>
              <Space wrap>
                {s.enabled ? (
                  <Tag color="green" data-testid="mfa-status-on">
                    {t('mfa.on')}
                  </Tag>
                ) : (
                  <Tag data-testid="mfa-status-off">{t('mfa.off')}</Tag>
                )}
                {s.required ? <Tag color="blue">{t('mfa.required')}</Tag> : null}
              </Space>
            </Descriptions.Item>
            {s.enabled && s.confirmedAt ? <Descriptions.Item label={t('mfa.enabledAt')}>{formatDateTime(s.confirmedAt)}</Descriptions.Item> : null}
            {s.enabled ? <Descriptions.Item label={t('mfa.recoveryLeft')}>{s.recoveryCodesLeft}</Descriptions.Item> : null}
          </Descriptions>
        ) : null}
        {s && !s.enabled && !enrolment ? (
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate()} data-testid="mfa-start">
            {t('mfa.start')}
          </Button>
        ) : null}
        {s?.enabled ? (
          <Space wrap>
            <Button onClick={() => setDialog('regenerate')} data-testid="mfa-regenerate">
              {t('mfa.regenerate')}
            </Button>
            {s.required ? null : (
              <Button danger onClick={() => setDialog('disable')} data-testid="mfa-disable">
                {t('mfa.disable')}
              </Button>
            )}
          </Space>
        ) : null}
      </Card>
      {enrolment ? (
        <Card className="hx-block">
          <SecretView enrolment={enrolment} />
          <Typography.Paragraph>{t('mfa.step2')}</Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => confirm.mutate(v.code.trim())}>
            <CodeField testId="mfa-confirm-code" />
            <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="mfa-confirm">
              {t('mfa.confirm')}
            </Button>
          </Form>
        </Card>
      ) : null}
      {codes ? (
        <Card className="hx-block">
          <RecoveryCodesView codes={codes} />
          <Button type="link" onClick={() => setCodes(null)} data-testid="mfa-codes-saved">
            {t('mfa.savedThem')}
          </Button>
        </Card>
      ) : null}
      {dialog === 'regenerate' ? (
        <CodeModal
          title={t('mfa.regenerate')}
          text={t('mfa.regenerateText')}
          onClose={() => setDialog(null)}
          onSubmit={async (code) => {
            const res = await api.post<{ recoveryCodes: string[] }>('/api/mfa/recovery-codes', { code });
            setCodes(res.recoveryCodes);
            await refresh();
          }}
        />
      ) : null}
      {dialog === 'disable' ? (
        <CodeModal
          danger
          title={t('mfa.disable')}
          text={t('mfa.disableText')}
          onClose={() => setDialog(null)}
          onSubmit={async (code) => {
            await api.post('/api/mfa/disable', { code });
            message.success(t('mfa.disabled'));
            await refresh();
          }}
        />
      ) : null}
    </div>
  );
}
