import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Skeleton, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { useGrants } from '../../../platform/grants/useGrants';
import { dealerKeys, useCreditRules, type CreditRules, type RuleHistoryView } from './api';
import { RuleHistory, RuleVersionDetails } from './RulesView';
import { VIOLATION_TYPES } from './shared';
import './dealers.css';

type Values = CreditRules & { note: string };

/** The grading rules: the current version, every earlier one, and (市商务局, the office) publishing a new one. */
export default function CreditRulesPage() {
  const t = useT();
  const { message } = App.useApp();
  const grants = useGrants('recycling');
  const qc = useQueryClient();
  const rules = useCreditRules();
  const [form] = Form.useForm<Values>();
  const current = rules.data?.current;
  useEffect(() => {
    if (current) form.setFieldsValue({ ...current.rules, note: '' });
  }, [current, form]);
  const publish = useMutation({
    mutationFn: (v: Values) => api.post<RuleHistoryView>('/api/recycling/credit/rules', { ...v, baseVersion: current!.version }),
  });
  const { saving, error, submit } = useFormSubmit<Values>(form, async (v) => {
    await publish.mutateAsync(v);
    void message.success(t('recycling.rules.published'));
    void qc.invalidateQueries({ queryKey: dealerKeys.all });
  });
  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <LoadError error={rules.error} onRetry={() => void rules.refetch()} />;
  const conflict = publish.error instanceof ApiError && publish.error.code === 'VERSION_CONFLICT';
  return (
    <div data-testid="page-recycling-credit-rules">
      <PageHeader title={t('recycling.nav.creditRules')} subtitle={t('recycling.rules.subtitle')} />
      <Row gutter={16}>
        <Col xs={24} lg={grants.manage ? 12 : 24}>
          <Card className="hx-block" title={t('recycling.rules.current', { version: rules.data.current.version })}>
            <RuleVersionDetails v={rules.data.current} />
          </Card>
          <Card className="hx-block" title={t('recycling.rules.history')}>
            <RuleHistory versions={rules.data.versions} />
          </Card>
        </Col>
        {grants.manage ? (
          <Col xs={24} lg={12}>
            <Card className="hx-block" title={t('recycling.rules.publish')} data-testid="rules-publish">
              {conflict ? <Alert type="warning" showIcon className="hx-block" title={t('recycling.dealers.conflict')} /> : null}
              {error && !conflict ? <Alert type="error" showIcon className="hx-block" title={error} /> : null}
              <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
                <Form.Item name="lookbackDays" label={t('recycling.rules.lookback')} rules={[{ required: true }]}>
                  <InputNumber min={30} max={3650} style={{ width: '100%' }} data-testid="rules-lookback" />
                </Form.Item>
                <Typography.Text strong>{t('recycling.rules.points')}</Typography.Text>
                <Row gutter={12}>
                  {VIOLATION_TYPES.map((type) => (
                    <Col key={type} xs={24} sm={12}>
                      <Form.Item name={['points', type]} label={t(`recycling.violations.type.${type}` as MessageKey)} rules={[{ required: true }]}>
                        <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid={`rules-points-${type}`} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Typography.Text strong>{t('recycling.rules.thresholds')}</Typography.Text>
                <Row gutter={12}>
                  {(['B', 'C', 'D'] as const).map((g) => (
                    <Col key={g} xs={8}>
                      <Form.Item name={['thresholds', g]} label={t(`recycling.dealers.grade.${g}` as MessageKey)} rules={[{ required: true }]}>
                        <InputNumber min={1} max={1000} style={{ width: '100%' }} data-testid={`rules-threshold-${g}`} />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
                <Form.Item name="note" label={t('recycling.rules.note')} rules={[{ required: true, min: 2, whitespace: true }]}>
                  <Input.TextArea rows={2} maxLength={500} data-testid="rules-note" />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="rules-publish-submit">
                  {t('recycling.rules.publish')}
                </Button>
              </Form>
            </Card>
          </Col>
        ) : null}
      </Row>
    </div>
  );
}
