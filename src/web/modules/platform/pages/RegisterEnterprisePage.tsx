import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Col, Divider, Form, Input, Result, Row, Select, Typography } from 'antd';
import { api } from '../../../api/client';
import type { OrganizationView } from '../../../api/types';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PublicFrame } from '../../../layout/PublicFrame';
import { applyApiError } from '../../../components/formErrors';
import { identifierRule, minRule, passwordRule, requiredRule, sameAsRule, usernameRule } from '../../../components/rules';
import { useTowns } from '../../../api/towns';

interface Values {
  name: string;
  creditCode: string;
  townId: number;
  address: string;
  contactName: string;
  contactMobile: string;
  username: string;
  password: string;
  confirm: string;
}

/** An enterprise registers itself and its first account; its town or the office then reviews it. */
export default function RegisterEnterprisePage() {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ name: string; username: string } | null>(null);
  const towns = useTowns();

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const { confirm: _confirm, ...body } = v;
      const org = await api.post<OrganizationView>('/api/auth/register/enterprise', {
        ...body,
        name: body.name.trim(),
        creditCode: body.creditCode.trim().toUpperCase(),
        username: body.username.trim(),
      });
      setDone({ name: org.name, username: body.username.trim() });
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <PublicFrame testId="page-register-enterprise">
        <Result
          status="success"
          title={t('register.enterprise.done')}
          subTitle={t('register.enterprise.doneText', done)}
          data-testid="register-done"
          extra={
            <Link to={`/login?username=${encodeURIComponent(done.username)}`}>
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
    <PublicFrame title={t('register.enterprise.title')} intro={t('register.enterprise.intro')} width={760} testId="page-register-enterprise">
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="form-error" /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} data-testid="register-enterprise-form" scrollToFirstError>
        <Divider titlePlacement="start" plain>
          {t('register.section.enterprise')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('field.enterpriseName')} rules={[requiredRule(t), minRule(t, 2)]} validateFirst>
              <Input maxLength={100} data-testid="ent-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="creditCode" required label={t('field.creditCode')} rules={[identifierRule('creditCode', locale)]} validateFirst>
              <Input maxLength={18} data-testid="ent-creditCode" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="townId" label={t('field.town')} rules={[{ required: true, message: t('field.selectTown') }]}>
              <Select<number>
                showSearch={{ optionFilterProp: 'label' }}
                loading={towns.isPending}
                placeholder={t('field.selectTown')}
                options={(towns.data ?? []).map((town) => ({ value: town.id, label: town.name }))}
                data-testid="ent-town"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('field.address')} rules={[requiredRule(t), minRule(t, 2)]} validateFirst>
              <Input maxLength={200} data-testid="ent-address" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('register.section.contact')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('field.contactName')} rules={[requiredRule(t)]}>
              <Input maxLength={50} data-testid="ent-contactName" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactMobile" required label={t('field.contactMobile')} rules={[identifierRule('mobile', locale)]} validateFirst>
              <Input inputMode="tel" maxLength={20} data-testid="ent-contactMobile" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('register.section.account')}
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="username" label={t('field.username')} extra={t('field.usernameHint')} rules={[requiredRule(t), usernameRule(t)]} validateFirst>
              <Input autoComplete="username" maxLength={40} data-testid="ent-username" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} />
          <Col xs={24} md={12}>
            <Form.Item name="password" required label={t('field.password')} extra={t('field.passwordHint')} rules={[passwordRule(locale)]} validateFirst>
              <Input.Password autoComplete="new-password" data-testid="ent-password" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="confirm" required label={t('field.confirmPassword')} dependencies={['password']} rules={[sameAsRule('password', t)]}>
              <Input.Password autoComplete="new-password" data-testid="ent-confirm" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="ent-submit">
          {t('common.submit')}
        </Button>
      </Form>
      <div className="hx-form-footer">
        <Typography.Text type="secondary">{t('register.haveAccount')}</Typography.Text> <Link to="/login">{t('register.goLogin')}</Link>
      </div>
    </PublicFrame>
  );
}
