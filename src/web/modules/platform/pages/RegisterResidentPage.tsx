import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form, Input, Result, Typography } from 'antd';
import { api } from '../../../api/client';
import type { UserView } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PublicFrame } from '../../../layout/PublicFrame';
import { applyApiError } from '../../../components/formErrors';
import { identifierRule, minRule, passwordRule, requiredRule, sameAsRule } from '../../../components/rules';

interface Values {
  mobile: string;
  realName: string;
  idNumber: string;
  password: string;
  confirm: string;
}

/** A resident registers with mobile, real name and citizen ID; laid out for a phone first. */
export default function RegisterResidentPage() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post<UserView>('/api/auth/register/resident', {
        mobile: v.mobile.trim(),
        realName: v.realName.trim(),
        idNumber: v.idNumber.trim(),
        password: v.password,
      });
      setDone(v.mobile.replace(/[\s-]/g, ''));
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PublicFrame testId="page-register-resident">
        <Result
          status="success"
          title={t('register.resident.done')}
          subTitle={t('register.resident.doneText', { mobile: done })}
          data-testid="register-done"
          extra={
            <Link to={`/login?username=${encodeURIComponent(done)}`}>
              <Button type="primary" size="large">
                {t('register.goLogin')}
              </Button>
            </Link>
          }
        />
      </PublicFrame>
    );
  }

  return (
    <PublicFrame title={t('register.resident.title')} intro={t('register.resident.intro')} width={480} testId="page-register-resident">
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="form-error" /> : null}
      <Form<Values> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark data-testid="register-resident-form" scrollToFirstError>
        <Form.Item name="mobile" required label={t('field.mobile')} rules={[identifierRule('mobile', locale)]} validateFirst>
          <Input inputMode="tel" autoComplete="tel" maxLength={20} data-testid="reg-mobile" />
        </Form.Item>
        <Form.Item name="realName" label={t('field.realName')} rules={[requiredRule(t), minRule(t, 2)]} validateFirst>
          <Input autoComplete="name" maxLength={30} data-testid="reg-realName" />
        </Form.Item>
        <Form.Item name="idNumber" required label={t('field.idNumber')} rules={[identifierRule('citizenId', locale)]} validateFirst>
          <Input maxLength={18} autoComplete="off" data-testid="reg-idNumber" />
        </Form.Item>
        <Form.Item name="password" required label={t('field.password')} extra={t('field.passwordHint')} rules={[passwordRule(locale)]} validateFirst>
          <Input.Password autoComplete="new-password" data-testid="reg-password" />
        </Form.Item>
        <Form.Item name="confirm" required label={t('field.confirmPassword')} dependencies={['password']} rules={[sameAsRule('password', t)]}>
          <Input.Password autoComplete="new-password" data-testid="reg-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="reg-submit">
          {t('common.submit')}
        </Button>
      </Form>
      <div className="hx-form-footer">
        <Typography.Text type="secondary">{t('register.haveAccount')}</Typography.Text> <Link to="/login">{t('register.goLogin')}</Link>
      </div>
    </PublicFrame>
  );
}
