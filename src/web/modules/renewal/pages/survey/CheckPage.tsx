import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Pagination, Segmented, Space, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { DemoTag } from '../../../../components/DemoTag';
import { errorMessage } from '../../../../components/formErrors';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { minRule, requiredRule } from '../../../../components/rules';
import { useT } from '../../../../i18n/I18nProvider';
import { checkResponse, returnResponse, surveyKeys, useQueue, type RegisterRowView } from './api';
import { AnswerSummary, SurveyStatusTag } from './parts';
import { useAction } from '../../../../components/useAction';
import './survey.css';

/** One enterprise's response with the town's two decisions; cards, not a wide table, so it reads on a phone. */
function ResponseCard({ row, onReturn }: { row: RegisterRowView; onReturn: (row: RegisterRowView) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { busy, run } = useAction();
  const r = row.response;
  if (!r) return null;
  const pass = () =>
    run(async () => {
      await checkResponse(r.id);
      await qc.invalidateQueries({ queryKey: surveyKeys.all });
    }, t('renewal.survey.check.done'));
  return (
    <Card
      size="small"
      className="hx-survey-card"
      data-testid={`survey-check-${row.id}`}
      title={
        <Space wrap size={4}>
          <Typography.Text strong>{row.name}</Typography.Text>
          <DemoTag show={row.isDemo} />
        </Space>
      }
      extra={<SurveyStatusTag status={r.status} />}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('renewal.survey.round', { year: row.year })} · {row.creditCode}
        {r.onBehalf ? ` · ${t('renewal.survey.onBehalf')}` : ''}
      </Typography.Paragraph>
      <AnswerSummary row={row} />
      {r.actions.includes('check') ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" loading={busy} onClick={() => void pass()} data-testid="survey-check-pass">
            {t('renewal.survey.check.pass')}
          </Button>
          <Button danger disabled={busy} onClick={() => onReturn(row)} data-testid="survey-check-return">
            {t('renewal.survey.check.return')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}

/** The town's check queue: its enterprises' submitted responses (or all of them), checked or returned with a reason. */
export default function CheckPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [scope, setScope] = useState<'submitted' | 'all'>('submitted');
  const [page, setPage] = useState(1);
  const q = useQueue({ page, pageSize: 20, sort: 'name', order: 'asc', status: scope === 'submitted' ? 'submitted' : 'answered' });
  const [returning, setReturning] = useState<RegisterRowView | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const items = q.data?.items ?? [];
  const confirmReturn = async () => {
    const { reason } = await form.validateFields();
    try {
      await returnResponse(returning!.response!.id, reason);
      void message.success(t('renewal.survey.check.returnedDone'));
      setReturning(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: surveyKeys.all });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <div data-testid="page-renewal-survey-check">
      <PageHeader title={t('renewal.survey.nav.check')} subtitle={t('renewal.survey.check.subtitle')} />
      <Segmented
        value={scope}
        onChange={(v) => {
          setScope(v as 'submitted' | 'all');
          setPage(1);
        }}
        options={[
          { value: 'submitted', label: t('renewal.survey.check.queue') },
          { value: 'all', label: t('renewal.survey.check.all') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isLoading ? <Spin /> : null}
      {q.data && items.length === 0 ? <Empty description={t('renewal.survey.check.none')} /> : null}
      {items.map((r) => (
        <ResponseCard key={r.id} row={r} onReturn={setReturning} />
      ))}
      {q.data && q.data.total > 20 ? <Pagination current={page} total={q.data.total} pageSize={20} onChange={setPage} simple /> : null}
      <Modal
        open={returning !== null}
        title={t('renewal.survey.check.return')}
        onCancel={() => setReturning(null)}
        onOk={() => void confirmReturn().catch(() => undefined)}
        okButtonProps={{ danger: true, 'data-testid': 'survey-return-confirm' } as never}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('renewal.survey.field.reason')} rules={[requiredRule(t), minRule(t, 2)]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="survey-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
