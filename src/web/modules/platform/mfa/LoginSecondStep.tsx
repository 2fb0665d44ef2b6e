import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { request } from '../../../api/client';
import type { LoginResponse } from '../../../api/types';
import type { MfaChallenge } from '../../../auth/AuthProvider';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { useT } from '../../../i18n/I18nProvider';
import { CodeField, RecoveryCodesView, SecretView, type Enrolment } from './parts';

type Answer = LoginResponse & { recoveryCodes?: string[] };

/**
 * The second step of a sign-in (LoginPage): a code or a recovery code; or, for an official whose role requires a
 * second factor and who has none, setting up the authenticator first — the recovery codes are shown before the
 * session is taken, so they are not skipped by the redirect into the app.
 */
export function LoginSecondStep({ challenge, onSignedIn, onBack }: { challenge: MfaChallenge; onSignedIn: (res: LoginResponse) => void; onBack: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ code?: string; recoveryCode?: string }>();
  const [useRecovery, setUseRecovery] = useState(false);
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enrol = challenge.enrolmentRequired;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await request<Enrolment>('POST', '/api/auth/login/mfa/enrol', { body: { challenge: challenge.challenge }, allow401: true }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (v: { code?: string; recoveryCode?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const body = useRecovery
        ? { challenge: challenge.challenge, recoveryCode: v.recoveryCode?.trim() }
        : { challenge: challenge.challenge, code: v.code?.trim() };
      const res = await request<Answer>('POST', '/api/auth/login/mfa', { body, allow401: true });
      if (res.recoveryCodes?.length) setAnswer(res);
      else onSignedIn(res);
    } catch (e) {
      setError(applyApiError(form, e));
      form.setFieldsValue({ code: '', recoveryCode: '' });
    } finally {
      setBusy(false);
    }
  };

  if (answer?.recoveryCodes) {
    return (
      <div data-testid="login-mfa-done">
        <Alert type="success" showIcon title={t('mfa.enabled')} className="hx-form-alert" />
        <RecoveryCodesView codes={answer.recoveryCodes} />
        <Button type="primary" block size="large" style={{ marginTop: 16 }} onClick={() => onSignedIn(answer)} data-testid="login-mfa-continue">
          {t('mfa.login.continue')}
        </Button>
      </div>
    );
  }

  return (
    <div data-testid="login-mfa">
      <Typography.Title level={4}>{enrol ? t('mfa.login.enrolTitle') : t('mfa.login.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {enrol ? t('mfa.login.enrolText') : useRecovery ? t('mfa.recoveryText') : t('mfa.login.text')}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="login-mfa-error" /> : null}
      {enrol && !enrolment ? (
        <Button type="primary" block size="large" loading={busy} onClick={() => void start()} data-testid="login-mfa-start">
          {t('mfa.start')}
        </Button>
      ) : (
        <>
          {enrolment ? <SecretView enrolment={enrolment} /> : null}
          <Form form={form} layout="vertical" size="large" requiredMark={false} onFinish={(v) => void submit(v)}>
            {useRecovery ? (
              <Form.Item name="recoveryCode" label={t('mfa.login.recoveryCode')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input autoComplete="off" maxLength={20} data-testid="login-mfa-recovery" />
              </Form.Item>
            ) : (
              <CodeField testId="login-mfa-code" />
            )}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-mfa-submit">
              {t('mfa.login.submit')}
            </Button>
          </Form>
          {enrol ? null : (
            <Button type="link" onClick={() => setUseRecovery((r) => !r)} data-testid="login-mfa-toggle">
              {useRecovery ? t('mfa.login.useCode') : t('mfa.login.useRecovery')}
            </Button>
          )}
        </>
      )}
      <Button type="link" onClick={onBack} data-testid="login-mfa-back">
        {t('mfa.login.back')}
      </Button>
    </div>
  );
}
