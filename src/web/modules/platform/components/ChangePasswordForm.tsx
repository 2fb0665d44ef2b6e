import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Form, Input } from 'antd';
import { api } from '../../../api/client';
import { useAuth } from '../../../auth/AuthProvider';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { applyApiError } from '../../../components/formErrors';
import { passwordRule, requiredRule, sameAsRule } from '../../../components/rules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** The change-password form; `forced` when the account must change its password before anything else. */
export function ChangePasswordForm({ forced = false, onSignOut }: { forced?: boolean; onSignOut?: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      await refresh();
      if (!forced) void navigate('/');
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {forced ? <Alert type="warning" showIcon title={t('password.forced')} className="hx-form-alert" data-testid="password-forced" /> : null}
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="form-error" /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('field.currentPassword')} rules={[requiredRule(t, false)]}>
          <Input.Password autoComplete="current-password" data-testid="pw-current" />
        </Form.Item>
        <Form.Item name="newPassword" required label={t('field.newPassword')} extra={t('field.passwordHint')} rules={[passwordRule(locale)]}>
          <Input.Password autoComplete="new-password" data-testid="pw-new" />
        </Form.Item>
        <Form.Item name="confirm" required label={t('field.confirmPassword')} dependencies={['newPassword']} rules={[sameAsRule('newPassword', t)]}>
          <Input.Password autoComplete="new-password" data-testid="pw-confirm" />
        </Form.Item>
        <div className="hx-form-actions">
          <Button type="primary" htmlType="submit" loading={busy} data-testid="pw-submit">
            {t('password.submit')}
          </Button>
          {onSignOut ? (
            <Button onClick={onSignOut} data-testid="logout">
              {t('nav.logout')}
            </Button>
          ) : null}
        </div>
      </Form>
    </>
  );
}
