import { Alert, App, Button, Col, Drawer, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { fenToYuan, yuanToFen } from '../../../../../shared/money';
import { INTEREST_SUBSIDY_SOURCE } from '../../../../../shared/enums/renewalFunding';
import { fundingKeys, useSubsidy, type ApplicationDetailView, type FundingProjectView } from './api';
import { DateItem, percentToBp, useSources, useYuanRule } from './parts';

interface LoanValues {
  bank?: string;
  principalFen?: string;
  annualRateBp?: string;
  subsidyPointsBp?: string;
  from?: string;
  to?: string;
}
interface Values {
  source?: string;
  requestedFen?: string;
  appliedOn?: string;
  note?: string;
  loan?: LoanValues;
}

/** The loan as the API takes it, or null while a part is missing or malformed. */
export function loanOf(l: LoanValues | undefined) {
  const principalFen = yuanToFen(l?.principalFen);
  const annualRateBp = percentToBp(l?.annualRateBp);
  const subsidyPointsBp = percentToBp(l?.subsidyPointsBp);
  if (!l || !principalFen || !annualRateBp || !subsidyPointsBp || !l.from || !l.to) return null;
  return { ...(l.bank?.trim() ? { bank: l.bank.trim() } : {}), principalFen, annualRateBp, subsidyPointsBp, from: l.from, to: l.to };
}

/** The loan's fields and, as they are typed, the subsidy the server computes with its formula. */
export function LoanFields({ projectId, excludeApplicationId }: { projectId: number; excludeApplicationId?: number }) {
  const t = useT();
  const form = Form.useFormInstance<Values>();
  const loan = loanOf(Form.useWatch('loan', form));
  const isPhone = useIsPhone();
  const yuan = useYuanRule();
  const { bank: _bank, ...computed } = loan ?? {};
  const preview = useSubsidy(loan ? { ...computed, projectId, ...(excludeApplicationId ? { excludeApplicationId } : {}) } : null);
  const half = isPhone ? 24 : 12;
  const pct = { pattern: /^\d{1,2}(\.\d{1,2})?$/, message: t('renewal.funding.percentRule') };
  return (
    <>
      <Typography.Title level={5}>{t('renewal.funding.loan')}</Typography.Title>
      <Row gutter={12}>
        <Col span={half}>
          <Form.Item name={['loan', 'bank']} label={t('renewal.funding.field.bank')}>
            <Input maxLength={100} data-testid="funding-loan-bank" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name={['loan', 'principalFen']} label={t('renewal.funding.field.principal')} rules={[yuan]} required>
            <Input inputMode="decimal" suffix="元" data-testid="funding-loan-principal" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item name={['loan', 'annualRateBp']} label={t('renewal.funding.field.rate')} rules={[{ required: true }, pct]}>
            <Input inputMode="decimal" suffix="%" data-testid="funding-loan-rate" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <Form.Item
            name={['loan', 'subsidyPointsBp']}
            label={t('renewal.funding.field.points')}
            extra={t('renewal.funding.field.pointsHelp')}
            rules={[{ required: true }, pct]}
          >
            <Input inputMode="decimal" suffix="%" data-testid="funding-loan-points" />
          </Form.Item>
        </Col>
        <Col span={half}>
          <DateItem name={['loan', 'from']} label={t('renewal.funding.field.from')} testId="funding-loan-from" required />
        </Col>
        <Col span={half}>
          <DateItem name={['loan', 'to']} label={t('renewal.funding.field.to')} testId="funding-loan-to" required />
        </Col>
      </Row>
      {preview.data ? (
        <Alert
          type={preview.data.capped ? 'warning' : 'info'}
          showIcon
          className="hx-block"
          data-testid="funding-subsidy-preview"
          message={t('renewal.funding.subsidyIs', { amount: fenToYuan(preview.data.subsidyFen) })}
          description={preview.data.formula}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('renewal.funding.subsidyHint')}</Typography.Paragraph>
      )}
    </>
  );
}

/** The enterprise applies for its project to one funding source (a 贴息 source takes the loan). */
export function ApplyDrawer({ project, onClose }: { project: FundingProjectView | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const sources = useSources();
  const source = Form.useWatch('source', form);
  const interest =
    source !== undefined && (source === INTEREST_SUBSIDY_SOURCE || sources.options.find((o) => o.value === source)?.parentCode === INTEREST_SUBSIDY_SOURCE);
  const yuanOptional = useYuanRule(!interest);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const requested = v.requestedFen?.trim() ? yuanToFen(v.requestedFen) : null;
      const loan = interest ? loanOf(v.loan) : null;
      return api.post<ApplicationDetailView>('/api/renewal/funding/applications', {
        projectId: project!.id,
        source: v.source,
        ...(requested ? { requestedFen: requested } : {}),
        ...(v.appliedOn ? { appliedOn: v.appliedOn } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(loan ? { loan } : {}),
      });
    },
  });
  const { saving, error, submit } = useFormSubmit<Values>(form, async (v) => {
    await save.mutateAsync(v);
    void message.success(t('renewal.funding.applied'));
    void qc.invalidateQueries({ queryKey: fundingKeys.all });
    form.resetFields();
    onClose();
  });
  return (
    <Drawer
      open={project !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 640}
      title={project ? `${t('renewal.funding.apply')} · ${project.name}` : ''}
      destroyOnHidden
      data-testid="funding-apply"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="funding-apply-submit">
            {t('common.submit')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon className="hx-block" message={error} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        <Form.Item name="source" label={t('renewal.funding.field.source')} rules={[{ required: true }]}>
          <Select options={sources.options} loading={sources.loading} data-testid="funding-apply-source" />
        </Form.Item>
        <Form.Item
          name="requestedFen"
          label={t('renewal.funding.field.requested')}
          extra={interest ? t('renewal.funding.field.requestedSubsidyHelp') : undefined}
          rules={[yuanOptional]}
        >
          <Input inputMode="decimal" suffix="元" data-testid="funding-apply-requested" />
        </Form.Item>
        <DateItem name="appliedOn" label={t('renewal.funding.field.appliedOn')} testId="funding-apply-date" />
        {interest && project ? <LoanFields projectId={project.id} /> : null}
        <Form.Item name="note" label={t('renewal.funding.field.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
