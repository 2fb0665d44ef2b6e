import { useEffect, useRef } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../../api/client';
import { useT } from '../../../../i18n/I18nProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { useFormSubmit } from '../../../../components/formErrors';
import { CAR_PROGRAM_KINDS, type CarProgramKind } from '../../../../../shared/enums/cartradein';
import { useGrants } from '../../../platform/grants/useGrants';
import { useCarPrograms, type CarProgramView } from '../../api';
import { RuleFields } from './RuleFields';
import { formToRule, ruleAliases, ruleToForm, type RuleForm } from './ruleForm';
import './programs.css';

interface CreateForm {
  code?: string;
  name?: string;
  kind?: CarProgramKind;
  validFrom?: string;
  validTo?: string;
  isExample?: boolean;
  sourceNote?: string;
  rule?: RuleForm;
}

/** A rule to start from when no programme of the kind exists yet: every value for 市商务局 to replace. */
const BLANK_RULE: RuleForm = {
  oldFuel: true,
  oldFuelMax: 'guo3',
  oldNev: true,
  oldNevBefore: '',
  ownedOnOrBefore: '',
  disposedOnOrAfter: '',
  newNev: true,
  newFuel: true,
  newFuelMaxL: 2,
  amounts: [{ energyType: 'nev', min: '0', max: '', amount: '' }],
  deadlines: { reviewWorkingDays: 10, paymentWorkingDays: 15 },
  evidence: ['new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'],
};

/** The newest programme of a kind, whose rule a new one starts from (the seeded national or example rule at first). */
const templateOf = (programs: CarProgramView[] | undefined, kind: CarProgramKind) => [...(programs ?? [])].reverse().find((p) => p.kind === kind);

/**
 * A new car programme (市商务局 or the office): name, kind, window and its first rule. It is saved as a draft,
 * so the budget can be set before it is activated from its page.
 */
export default function ProgramCreatePage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const grants = useGrants('cartradein');
  const programs = useCarPrograms();
  const [form] = Form.useForm<CreateForm>();
  const kind = Form.useWatch('kind', form);
  const template = kind ? templateOf(programs.data, kind) : undefined;

  // The rule starts from the kind's template once per choice of kind, never over edits when the list refetches.
  const appliedKind = useRef<CarProgramKind | null>(null);
  useEffect(() => {
    if (!kind || !programs.data || appliedKind.current === kind) return;
    appliedKind.current = kind;
    const from = templateOf(programs.data, kind);
    form.setFieldValue('rule', from ? ruleToForm(from.rule) : BLANK_RULE);
  }, [kind, programs.data, form]);

  const bands = (Form.useWatch(['rule', 'amounts'], form) as unknown[] | undefined)?.length ?? 0;
  const { saving, error, submit } = useFormSubmit(
    form,
    async (v: CreateForm) => {
      const created = await api.post<CarProgramView>('/api/tradein/car-programs', {
        code: v.code!.trim(),
        name: v.name!.trim(),
        kind: v.kind!,
        status: 'draft',
        validFrom: v.validFrom!,
        validTo: v.validTo!,
        isExample: v.isExample ?? false,
        ...(v.sourceNote?.trim() ? { sourceNote: v.sourceNote.trim() } : {}),
        rule: formToRule(v.rule ?? {}),
      });
      message.success(t('car.admin.created'));
      void qc.invalidateQueries({ queryKey: ['cartradein', 'programs'] });
      void navigate(`/car/programs/${created.id}`);
    },
    ruleAliases(bands),
  );

  const required = { required: true, message: t('common.required') };
  return (
    <div data-testid="page-car-program-new" className="hx-car-admin">
      <PageHeader title={t('car.admin.createTitle')} subtitle={t('car.admin.createSubtitle')} />
      {!grants.loading && !grants.manage ? <Alert type="warning" showIcon title={t('car.admin.noGrant')} className="hx-form-alert" /> : null}
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="car-program-error" /> : null}
      <Form<CreateForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'replacement', isExample: false, rule: BLANK_RULE }}
        onFinish={(v) => void submit(v)}
        scrollToFirstError
        data-testid="car-program-form"
      >
        <Card className="hx-block">
          <Space wrap align="start">
            <Form.Item name="kind" label={t('car.admin.kind')} rules={[required]}>
              <Select
                style={{ minWidth: 160 }}
                options={CAR_PROGRAM_KINDS.map((k) => ({ value: k, label: t(`car.kind.${k}`) }))}
                data-testid="car-program-kind"
              />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('car.admin.code')}
              extra={t('car.admin.codeHelp')}
              rules={[required, { pattern: /^[a-z0-9][a-z0-9-]{2,59}$/, message: t('car.admin.codeRule') }]}
            >
              <Input maxLength={60} autoComplete="off" data-testid="car-program-code" />
            </Form.Item>
          </Space>
          <Form.Item name="name" label={t('car.admin.name')} rules={[required, { min: 2, max: 100, message: t('car.admin.nameRule') }]}>
            <Input maxLength={100} data-testid="car-program-name" />
          </Form.Item>
          <WindowFields />
          <Form.Item name="isExample" label={t('car.admin.isExample')} valuePropName="checked" extra={t('car.admin.isExampleHelp')}>
            <Switch />
          </Form.Item>
          <Form.Item name="sourceNote" label={t('car.admin.sourceNote')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Card>
        <Typography.Title level={5}>{t('car.admin.rule')}</Typography.Title>
        {template ? (
          <Typography.Paragraph type="secondary" data-testid="car-program-template">
            {t('car.admin.templateFrom', { name: template.name })}
          </Typography.Paragraph>
        ) : null}
        <RuleFields />
        <div className="hx-car-actions hx-car-submit">
          <Button type="primary" htmlType="submit" loading={saving} data-testid="car-program-create">
            {t('car.admin.createDraft')}
          </Button>
          <Link to="/car/programs">
            <Button>{t('common.cancel')}</Button>
          </Link>
        </div>
      </Form>
    </div>
  );
}

/** The application window: first and last day, inclusive (Asia/Shanghai dates). */
export function WindowFields() {
  const t = useT();
  const required = { required: true, message: t('common.required') };
  return (
    <Space wrap align="start">
      <Form.Item name="validFrom" label={t('car.admin.validFrom')} rules={[required]}>
        <Input type="date" data-testid="car-program-valid-from" />
      </Form.Item>
      <Form.Item
        name="validTo"
        label={t('car.admin.validTo')}
        dependencies={['validFrom']}
        rules={[
          required,
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              const from = getFieldValue('validFrom') as string | undefined;
              if (v && from && v < from) throw new Error(t('rollover.windowOrder'));
            },
          }),
        ]}
      >
        <Input type="date" data-testid="car-program-valid-to" />
      </Form.Item>
    </Space>
  );
}
