import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Select, Space, Table, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { formatDateTime } from '../../../../components/format';
import { useFormSubmit } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { yuanToFen } from '../../../../../shared/money';
import { fundingKeys, useApplication, useFundingOptions, type ApplicationDetailView } from './api';
import { LoanFields, loanOf } from './ApplyDrawer';
import { DateItem, FundingStatusTag, money, useSectorLabel, useSources, useYuanRule } from './parts';
import { DemoTag } from '../../../../components/DemoTag';

type Mode = 'grant' | 'reject' | 'pay' | null;

/** Grant (下达): amount (贴息: computed by the server unless lower), date, granting unit, document, reason if above the request. */
function GrantForm({ a, onDone }: { a: ApplicationDetailView; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const options = useFundingOptions();
  const yuan = useYuanRule(!a.loan);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { saving, error, submit } = useFormSubmit<Record<string, string | undefined> & { grantingOrganizationId?: number; loan?: never }>(form, async (v) => {
    const granted = v.grantedFen?.trim() ? yuanToFen(v.grantedFen) : null;
    const loan = a.loan ? loanOf(form.getFieldValue('loan')) : null;
    await api.post(`/api/renewal/funding/applications/${a.id}/grant`, {
      ...(granted ? { grantedFen: granted } : {}),
      ...(v.grantedOn ? { grantedOn: v.grantedOn } : {}),
      ...(v.grantingOrganizationId ? { grantingOrganizationId: v.grantingOrganizationId } : {}),
      ...(v.grantDocument?.trim() ? { grantDocument: v.grantDocument.trim() } : {}),
      ...(v.overRequestReason?.trim() ? { overRequestReason: v.overRequestReason.trim() } : {}),
      ...(loan ? { loan } : {}),
    });
    void message.success(t('renewal.funding.grantedDone'));
    void qc.invalidateQueries({ queryKey: fundingKeys.all });
    onDone();
  });
  const initialLoan = a.loan
    ? {
        bank: a.loan.bank ?? '',
        principalFen: (a.loan.principalFen / 100).toFixed(2),
        annualRateBp: (a.loan.annualRateBp / 100).toFixed(2),
        subsidyPointsBp: (a.loan.subsidyPointsBp / 100).toFixed(2),
        from: a.loan.from,
        to: a.loan.to,
      }
    : undefined;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ loan: initialLoan }} data-testid="funding-grant-form">
      {error ? <Alert type="error" showIcon className="hx-block" message={error} /> : null}
      <Form.Item
        name="grantedFen"
        label={t('renewal.funding.field.granted')}
        extra={a.loan ? t('renewal.funding.field.grantedSubsidyHelp') : undefined}
        rules={[yuan]}
      >
        <Input inputMode="decimal" suffix="元" data-testid="funding-grant-amount" />
      </Form.Item>
      <DateItem name="grantedOn" label={t('renewal.funding.field.grantedOn')} testId="funding-grant-date" />
      <Form.Item name="grantingOrganizationId" label={t('renewal.funding.field.unit')} extra={t('renewal.funding.field.unitHelp')}>
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={(options.data?.grantingUnits ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="funding-grant-unit"
        />
      </Form.Item>
      <Form.Item name="grantDocument" label={t('renewal.funding.field.document')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="overRequestReason" label={t('renewal.funding.field.overRequestReason')} extra={t('renewal.funding.field.overRequestHelp')}>
        <Input.TextArea maxLength={500} rows={2} data-testid="funding-grant-reason" />
      </Form.Item>
      {a.loan ? <LoanFields projectId={a.projectId} excludeApplicationId={a.id} /> : null}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="funding-grant-submit">
        {t('renewal.funding.action.grant')}
      </Button>
    </Form>
  );
}

function RejectForm({ a, onDone }: { a: ApplicationDetailView; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const qc = useQueryClient();
  const { saving, error, submit } = useFormSubmit<{ reason: string }>(form, async (v) => {
    await api.post(`/api/renewal/funding/applications/${a.id}/reject`, { reason: v.reason.trim() });
    void qc.invalidateQueries({ queryKey: fundingKeys.all });
    onDone();
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
      {error ? <Alert type="error" showIcon className="hx-block" message={error} /> : null}
      <Form.Item name="reason" label={t('renewal.funding.field.rejectionReason')} rules={[{ required: true, min: 2 }]}>
        <Input.TextArea maxLength={500} rows={3} data-testid="funding-reject-reason" />
      </Form.Item>
      <Button danger htmlType="submit" loading={saving} data-testid="funding-reject-submit">
        {t('renewal.funding.action.reject')}
      </Button>
    </Form>
  );
}

function PayForm({ a, onDone }: { a: ApplicationDetailView; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const yuan = useYuanRule();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const left = (a.grantedFen ?? 0) - a.paidFen;
  const { saving, error, submit } = useFormSubmit<{ amountFen: string; paidOn?: string; reference: string; note?: string }>(form, async (v) => {
    await api.post(`/api/renewal/funding/applications/${a.id}/payments`, {
      amountFen: yuanToFen(v.amountFen),
      reference: v.reference.trim(),
      ...(v.paidOn ? { paidOn: v.paidOn } : {}),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    });
    void message.success(t('renewal.funding.paidDone'));
    void qc.invalidateQueries({ queryKey: fundingKeys.all });
    onDone();
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ amountFen: (left / 100).toFixed(2) }} data-testid="funding-pay-form">
      {error ? <Alert type="error" showIcon className="hx-block" message={error} /> : null}
      <Typography.Paragraph>{t('renewal.funding.leftToPay', { amount: money(left) })}</Typography.Paragraph>
      <Form.Item name="amountFen" label={t('renewal.funding.field.amount')} rules={[yuan]}>
        <Input inputMode="decimal" suffix="元" data-testid="funding-pay-amount" />
      </Form.Item>
      <DateItem name="paidOn" label={t('renewal.funding.field.paidOn')} testId="funding-pay-date" />
      <Form.Item name="reference" label={t('renewal.funding.field.reference')} rules={[{ required: true }]}>
        <Input maxLength={60} data-testid="funding-pay-reference" />
      </Form.Item>
      <Form.Item name="note" label={t('renewal.funding.field.note')}>
        <Input maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="funding-pay-submit">
        {t('renewal.funding.action.pay')}
      </Button>
    </Form>
  );
}

/** One application: its figures, the loan and the subsidy's formula, payments, history; and what the caller may do. */
export function ApplicationDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const sources = useSources();
  const sector = useSectorLabel();
  const q = useApplication(id);
  const [mode, setMode] = useState<Mode>(null);
  const a = q.data;
  const close = () => {
    setMode(null);
    onClose();
  };
  return (
    <Drawer
      open={id !== null}
      onClose={close}
      size={isPhone ? '100%' : 720}
      title={a ? `${sources.labelOf(a.source)} · ${a.projectName}` : ''}
      data-testid="funding-drawer"
      destroyOnHidden
    >
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {a ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={isPhone ? 1 : 2}>
            <Descriptions.Item label={t('renewal.funding.field.status')}>
              <FundingStatusTag status={a.status} /> <DemoTag show={a.isDemo} />
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.project')}>
              {a.projectCode} {a.projectName}
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.enterprise')}>{a.organizationName}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.townSector')}>
              {a.townName} · {sector(a.sector)}
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.requestedYuan')}>{money(a.requestedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.appliedOn')}>{a.appliedOn}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.grantedYuan')}>{money(a.grantedFen)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.grantedOn')}>{a.grantedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.paidYuan')}>{money(a.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.funding.field.unit')}>{a.grantingOrganizationName ?? '—'}</Descriptions.Item>
            {a.grantDocument ? <Descriptions.Item label={t('renewal.funding.field.document')}>{a.grantDocument}</Descriptions.Item> : null}
            {a.overRequestReason ? <Descriptions.Item label={t('renewal.funding.field.overRequestReason')}>{a.overRequestReason}</Descriptions.Item> : null}
            {a.rejectionReason ? <Descriptions.Item label={t('renewal.funding.field.rejectionReason')}>{a.rejectionReason}</Descriptions.Item> : null}
            {a.note ? <Descriptions.Item label={t('renewal.funding.field.note')}>{a.note}</Descriptions.Item> : null}
          </Descriptions>
          {a.loan && a.subsidy ? (
            <Alert
              type="info"
              showIcon
              data-testid="funding-subsidy"
              message={t(a.grantedFen === null ? 'renewal.funding.subsidyNow' : 'renewal.funding.subsidyGranted', { amount: money(a.subsidy.subsidyFen) })}
              description={
                <>
                  <div>
                    {a.loan.bank ?? ''} {t('renewal.funding.loanLine', { rate: (a.loan.annualRateBp / 100).toFixed(2), from: a.loan.from, to: a.loan.to })}
                  </div>
                  <div>{a.subsidy.formula}</div>
                </>
              }
            />
          ) : null}
          {a.actions.length ? (
            <Space wrap>
              {a.actions.map((m) => (
                <Button
                  key={m}
                  type={mode === m ? 'primary' : 'default'}
                  danger={m === 'reject'}
                  onClick={() => setMode(m)}
                  data-testid={`funding-action-${m}`}
                >
                  {t(`renewal.funding.action.${m}`)}
                </Button>
              ))}
            </Space>
          ) : null}
          {mode === 'grant' ? <GrantForm a={a} onDone={() => setMode(null)} /> : null}
          {mode === 'reject' ? <RejectForm a={a} onDone={() => setMode(null)} /> : null}
          {mode === 'pay' ? <PayForm a={a} onDone={() => setMode(null)} /> : null}
          <Typography.Title level={5}>{t('renewal.funding.payments')}</Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={a.payments}
            locale={{ emptyText: t('renewal.funding.noPayments') }}
            data-testid="funding-payments"
            scroll={{ x: 'max-content' }}
            columns={[
              { key: 'paidOn', title: t('renewal.funding.field.paidOn'), dataIndex: 'paidOn' },
              { key: 'amount', title: t('renewal.funding.field.amountYuan'), align: 'right', render: (_, p) => money(p.amountFen) },
              { key: 'reference', title: t('renewal.funding.field.reference'), dataIndex: 'reference' },
            ]}
          />
          <Typography.Title level={5}>{t('renewal.funding.history')}</Typography.Title>
          <Timeline
            items={a.history.map((h) => ({
              children: (
                <>
                  <Typography.Text strong>{t(`renewal.funding.move.${h.action as 'apply'}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                  {h.note ? <div>{h.note}</div> : null}
                </>
              ),
            }))}
          />
        </Space>
      ) : null}
    </Drawer>
  );
}
