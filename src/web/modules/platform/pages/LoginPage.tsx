import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { CheckCircleFilled, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth, type MfaChallenge } from '../../../auth/AuthProvider';
import { LoginSecondStep } from '../mfa/LoginSecondStep';
import { useT } from '../../../i18n/I18nProvider';
import { PublicFrame } from '../../../layout/PublicFrame';
import { errorMessage } from '../../../components/formErrors';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const { login, acceptSession, sessionExpired } = useAuth();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<LoginValues>();
  const presetUser = search.get('username') ?? undefined;
  // After a right password of an account with a second factor: the second step replaces the form.
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);

  const goOn = () => {
    const next = search.get('next');
    void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };

  const onFinish = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await login(values.username.trim(), values.password);
      if ('mfaRequired' in outcome) {
        setChallenge(outcome);
        form.setFieldValue('password', '');
        return;
      }
      goOn();
    } catch (e) {
      setError(errorMessage(e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicFrame bare testId="page-login">
      <div className="hx-login">
        <section className="hx-login-hero">
          <div className="hx-login-hero-mark">
            <img src="/logo.svg" alt="" width={44} height={44} />
            <span>{t('app.shortTitle')}</span>
          </div>
          <Typography.Title level={2} className="hx-login-hero-title">
            {t('app.fullName')}
          </Typography.Title>
          <Typography.Paragraph className="hx-login-hero-sub">{t('app.subtitle')}</Typography.Paragraph>
          <ul className="hx-login-points">
            {(['login.intro1', 'login.intro2', 'login.intro3'] as const).map((k) => (
              <li key={k}>
                <CheckCircleFilled /> <span>{t(k)}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="hx-login-form">
          <Typography.Title level={3}>{t('login.title')}</Typography.Title>
          {challenge ? (
            <LoginSecondStep
              challenge={challenge}
              onSignedIn={(res) => {
                acceptSession(res);
                goOn();
              }}
              onBack={() => setChallenge(null)}
            />
          ) : null}
          {sessionExpired && !error && !challenge ? <Alert type="info" showIcon title={t('login.sessionExpired')} className="hx-form-alert" /> : null}
          {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="login-error" /> : null}
          <Form<LoginValues>
            hidden={challenge !== null}
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={onFinish}
            initialValues={{ username: presetUser }}
            data-testid="login-form"
          >
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input prefix={<UserOutlined />} placeholder={t('login.username.placeholder')} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required') }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('login.password.placeholder')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <div className="hx-login-links">
            <Typography.Text type="secondary">{t('login.noAccount')}</Typography.Text>
            <Link to="/register/resident" data-testid="link-register-resident">
              {t('login.registerResident')}
            </Link>
            <Link to="/register/enterprise" data-testid="link-register-enterprise">
              {t('login.registerEnterprise')}
            </Link>
          </div>
          <div className="hx-login-links">
            <Typography.Text type="secondary">{t('tradein.stores.linkHint')}</Typography.Text>
            <Link to="/stores" data-testid="link-store-finder">
              {t('tradein.stores.link')}
            </Link>
          </div>
        </section>
      </div>
    </PublicFrame>
  );
}
