import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { testId } from '../../../components/testId';
import { applyApiError } from '../../../components/formErrors';
import { useIsPhone } from '../../../components/useMediaQuery';
import type { ProgramView } from '../api';
import { PROGRAM_KINDS } from '../../../../shared/enums/tradein';
import type { CreateProgramBody, UpdateProgramBody } from '../adminApi';
import { fenToYuan, yuanToFen } from '../../../../shared/money';

type Evidence = 'invoice' | 'serialNumber' | 'oldItemProof';

interface CategoryForm {
  category?: string;
  name?: string;
  dailyQuota?: number;
  rates?: { grade?: number | null; ratePercent?: number }[];
  cap?: string;
  ceiling?: string;
  limitPerPerson?: number;
  evidence?: Evidence[];
}

interface ProgramForm {
  code?: string;
  name?: string;
  kind?: CreateProgramBody['kind'];
  status?: ProgramView['status'];
  validFrom?: string;
  validTo?: string;
  budget?: { central?: string; provincial?: string; city?: string };
  budgetTotal?: unknown;
  voucherValidDays?: number;
  releaseTime?: string;
  rounding?: 'half_up' | 'down';
  isExample?: boolean;
  sourceNote?: string;
  categories?: CategoryForm[];
}

const plain = (fen: number) => fenToYuan(fen).replace(/,/g, '');

/** The API's field paths for the budget and the category rules, mapped onto this form's field names. */
function aliases(categories: number): Record<string, string> {
  const map: Record<string, string> = {
    budget: 'budgetTotal',
    'budget.centralFen': 'budget.central',
    'budget.provincialFen': 'budget.provincial',
    'budget.cityFen': 'budget.city',
  };
  for (let i = 0; i < categories; i++) {
    map[`categories.${i}.rule.capFen`] = `categories.${i}.cap`;
    map[`categories.${i}.rule.priceCeilingFen`] = `categories.${i}.ceiling`;
    map[`categories.${i}.rule.limitPerPerson`] = `categories.${i}.limitPerPerson`;
    map[`categories.${i}.rule.rates`] = `categories.${i}.rates`;
    map[`categories.${i}.rule`] = `categories.${i}.cap`;
  }
  return map;
}

/** The budget's total under its three sources; also where the API's "budget" errors (split, below what is used) show. */
function BudgetTotal(_props: { value?: unknown; onChange?: unknown }) {
  const t = useT();
  const form = Form.useFormInstance<ProgramForm>();
  const budget = Form.useWatch('budget', form);
  const parts = [budget?.central, budget?.provincial, budget?.city].map((v) => (v?.trim() ? yuanToFen(v) : 0));
  const total = parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  return (
    <Typography.Text strong data-testid="program-budget-total">
      {t('tradein.editor.budgetTotal', { amount: total === null ? '—' : fenToYuan(total) })}
    </Typography.Text>
  );
}

/** A 元 amount field whose value the API receives as exact fen (money.ts parses the decimal string, never a float). */
function yuanRule(t: ReturnType<typeof useT>, required: boolean) {
  return {
    validator: async (_r: unknown, v: string | undefined) => {
      if (!v?.trim()) {
        if (required) throw new Error(t('common.required'));
        return;
      }
      if (yuanToFen(v) === null) throw new Error(t('tradein.redeem.priceRule'));
    },
  };
}

const NEW_CATEGORY: CategoryForm = { rates: [{ grade: null, ratePercent: 15 }], limitPerPerson: 1, dailyQuota: 1000, evidence: ['invoice'] };

/**
 * Creates a programme or changes one (市商务局 / the office with the trade-in manage grant). A new programme carries
 * its categories and their first rule version; afterwards rules change one category at a time (ProgramsPage),
 * and rounding stays what it was at creation, because issued vouchers were promised a subsidy computed that way.
 */
export function ProgramEditor({ program, onClose }: { program: ProgramView | null; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ProgramForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const creating = program === null;

  useEffect(() => {
    form.resetFields();
    if (program)
      form.setFieldsValue({
        name: program.name,
        status: program.status,
        validFrom: program.validFrom,
        validTo: program.validTo,
        budget: { central: plain(program.budget.centralFen), provincial: plain(program.budget.provincialFen), city: plain(program.budget.cityFen) },
        voucherValidDays: program.voucherValidDays,
        releaseTime: program.releaseTime,
        isExample: program.isExample,
        sourceNote: program.sourceNote ?? '',
      });
    else
      form.setFieldsValue({
        kind: 'appliance',
        status: 'draft',
        budget: { central: '0', provincial: '0', city: '0' },
        voucherValidDays: 30,
        releaseTime: '10:00',
        rounding: 'half_up',
        isExample: false,
        categories: [{ ...NEW_CATEGORY }],
      });
  }, [program, form]);

  const budgetOf = (v: ProgramForm) => ({
    centralFen: yuanToFen(v.budget?.central) ?? 0,
    provincialFen: yuanToFen(v.budget?.provincial) ?? 0,
    cityFen: yuanToFen(v.budget?.city) ?? 0,
  });

  async function save(v: ProgramForm) {
    setSaving(true);
    setError(null);
    try {
      if (creating) {
        const body: CreateProgramBody = {
          code: v.code!.trim(),
          name: v.name!.trim(),
          kind: v.kind!,
          status: v.status === 'active' ? 'active' : 'draft',
          validFrom: v.validFrom!,
          validTo: v.validTo!,
          budget: budgetOf(v),
          voucherValidDays: v.voucherValidDays!,
          releaseTime: v.releaseTime!,
          rounding: v.rounding ?? 'half_up',
          isExample: v.isExample ?? false,
          ...(v.sourceNote?.trim() ? { sourceNote: v.sourceNote.trim() } : {}),
          categories: (v.categories ?? []).map((c) => {
            const ev = new Set(c.evidence ?? []);
            return {
              category: c.category!.trim(),
              name: c.name!.trim(),
              dailyQuota: c.dailyQuota ?? 0,
              rule: {
                rates: (c.rates ?? []).map((x) => ({ grade: x.grade ?? null, rateBp: Math.round((x.ratePercent ?? 0) * 100) })),
                capFen: yuanToFen(c.cap) ?? 0,
                priceCeilingFen: c.ceiling?.trim() ? yuanToFen(c.ceiling) : null,
                limitPerPerson: c.limitPerPerson ?? 1,
                evidence: { invoice: ev.has('invoice'), serialNumber: ev.has('serialNumber'), oldItemProof: ev.has('oldItemProof') },
              },
            };
          }),
        };
        await api.post<ProgramView>('/api/tradein/programs', body);
        message.success(t('tradein.editor.created'));
      } else {
        const body: UpdateProgramBody = {
          name: v.name!.trim(),
          status: v.status!,
          validFrom: v.validFrom!,
          validTo: v.validTo!,
          budget: budgetOf(v),
          voucherValidDays: v.voucherValidDays!,
          releaseTime: v.releaseTime!,
          isExample: v.isExample ?? false,
          sourceNote: v.sourceNote?.trim() ? v.sourceNote.trim() : null,
        };
        await api.patch<ProgramView>(`/api/tradein/programs/${program.id}`, body);
        message.success(t('tradein.editor.saved'));
      }
      void qc.invalidateQueries({ queryKey: ['tradein', 'programs'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'budget'] });
      onClose();
    } catch (e) {
      setError(applyApiError(form, e, aliases(v.categories?.length ?? 0)));
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, message: t('common.required') };
  const statuses = creating ? (['draft', 'active'] as const) : program.status === 'closed' ? (['closed'] as const) : (['draft', 'active', 'closed'] as const);

  return (
    <Drawer
      open
      onClose={onClose}
      title={creating ? t('tradein.editor.createTitle') : t('tradein.editor.editTitle', { name: program.name })}
      size={isPhone ? '100%' : 720}
      data-testid="program-editor"
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} {...testId('program-save')}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="program-error" /> : null}
      <Form<ProgramForm> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="program-form" scrollToFirstError>
        {creating ? (
          <Form.Item
            name="code"
            label={t('tradein.editor.code')}
            extra={t('tradein.editor.codeHelp')}
            rules={[required, { pattern: /^[a-z0-9][a-z0-9-]{2,59}$/, message: t('tradein.editor.codeRule') }]}
          >
            <Input maxLength={60} data-testid="program-code" autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label={t('tradein.editor.name')} rules={[required, { min: 2, max: 100, message: t('tradein.editor.nameRule') }]}>
          <Input maxLength={100} data-testid="program-name" />
        </Form.Item>
        <Space wrap align="start">
          {creating ? (
            <Form.Item name="kind" label={t('tradein.editor.kind')} rules={[required]}>
              <Select style={{ minWidth: 160 }} options={PROGRAM_KINDS.map((k) => ({ value: k, label: t(`tradein.kind.${k}`) }))} data-testid="program-kind" />
            </Form.Item>
          ) : null}
          <Form.Item name="status" label={t('tradein.editor.status')} rules={[required]} extra={creating ? t('tradein.editor.statusHelp') : undefined}>
            <Select
              style={{ minWidth: 140 }}
              options={statuses.map((s) => ({ value: s, label: t(`tradein.status.program.${s}`) }))}
              data-testid="program-status"
            />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="validFrom" label={t('tradein.editor.validFrom')} rules={[required]}>
            <Input type="date" data-testid="program-valid-from" />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={t('tradein.editor.validTo')}
            dependencies={['validFrom']}
            rules={[
              required,
              ({ getFieldValue }) => ({
                validator: async (_r, v: string | undefined) => {
                  const from = getFieldValue('validFrom') as string | undefined;
                  if (v && from && v < from) throw new Error(t('tradein.editor.windowOrder'));
                },
              }),
            ]}
          >
            <Input type="date" data-testid="program-valid-to" />
          </Form.Item>
        </Space>

        <Typography.Title level={5}>{t('tradein.editor.budget')}</Typography.Title>
        <Space wrap align="start">
          <Form.Item name={['budget', 'central']} label={t('tradein.editor.central')} rules={[yuanRule(t, true)]}>
            <Input prefix="¥" inputMode="decimal" data-testid="program-budget-central" />
          </Form.Item>
          <Form.Item name={['budget', 'provincial']} label={t('tradein.editor.provincial')} rules={[yuanRule(t, true)]}>
            <Input prefix="¥" inputMode="decimal" data-testid="program-budget-provincial" />
          </Form.Item>
          <Form.Item name={['budget', 'city']} label={t('tradein.editor.city')} rules={[yuanRule(t, true)]}>
            <Input prefix="¥" inputMode="decimal" data-testid="program-budget-city" />
          </Form.Item>
        </Space>
        <Form.Item
          name="budgetTotal"
          extra={program ? t('tradein.editor.budgetUsed', { amount: fenToYuan(program.budget.usedFen) }) : t('tradein.editor.budgetHelp')}
        >
          <BudgetTotal />
        </Form.Item>

        <Typography.Title level={5}>{t('tradein.editor.schedule')}</Typography.Title>
        <Space wrap align="start">
          <Form.Item name="voucherValidDays" label={t('tradein.editor.voucherValidDays')} rules={[required]}>
            <InputNumber min={1} max={365} precision={0} data-testid="program-valid-days" />
          </Form.Item>
          <Form.Item
            name="releaseTime"
            label={t('tradein.editor.releaseTime')}
            rules={[required, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('tradein.editor.releaseTimeRule') }]}
          >
            <Input placeholder="10:00" maxLength={5} style={{ width: 100 }} data-testid="program-release-time" />
          </Form.Item>
          {creating ? (
            <Form.Item name="rounding" label={t('tradein.editor.rounding')} extra={t('tradein.editor.roundingFixed')}>
              <Select
                style={{ minWidth: 180 }}
                options={[
                  { value: 'half_up', label: t('tradein.editor.rounding.half_up') },
                  { value: 'down', label: t('tradein.editor.rounding.down') },
                ]}
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('tradein.editor.rounding')} extra={t('tradein.editor.roundingFixed')}>
              <Typography.Text>{t(`tradein.editor.rounding.${program.rounding}`)}</Typography.Text>
            </Form.Item>
          )}
        </Space>
        <Form.Item name="isExample" label={t('tradein.editor.isExample')} valuePropName="checked" extra={t('tradein.editor.isExampleHelp')}>
          <Switch />
        </Form.Item>
        <Form.Item name="sourceNote" label={t('tradein.editor.sourceNote')} extra={t('tradein.editor.sourceNoteHelp')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>

        {creating ? (
          <>
            <Typography.Title level={5}>{t('tradein.editor.categories')}</Typography.Title>
            <Form.List name="categories">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Card
                      key={f.key}
                      size="small"
                      className="hx-block"
                      title={t('tradein.editor.categoryN', { n: f.name + 1 })}
                      data-testid={`program-category-${f.name}`}
                      extra={
                        fields.length > 1 ? (
                          <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('tradein.editor.removeCategory')} />
                        ) : null
                      }
                    >
                      <Space wrap align="start">
                        <Form.Item
                          name={[f.name, 'category']}
                          label={t('tradein.editor.categoryCode')}
                          extra={t('tradein.editor.categoryCodeHelp')}
                          rules={[required, { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('tradein.editor.categoryCodeRule') }]}
                        >
                          <Input maxLength={40} data-testid={`program-category-code-${f.name}`} autoComplete="off" />
                        </Form.Item>
                        <Form.Item name={[f.name, 'name']} label={t('tradein.field.category')} rules={[{ ...required, whitespace: true }]}>
                          <Input maxLength={40} data-testid={`program-category-name-${f.name}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'dailyQuota']} label={t('tradein.field.dailyQuota')} rules={[required]}>
                          <InputNumber min={0} max={1_000_000} precision={0} />
                        </Form.Item>
                      </Space>
                      <Form.List name={[f.name, 'rates']}>
                        {(rates, r) => (
                          <>
                            {rates.map((x) => (
                              <Space key={x.key} align="baseline" wrap style={{ display: 'flex' }}>
                                <Form.Item name={[x.name, 'grade']} label={t('tradein.field.grade')} extra={t('tradein.programs.anyGrade')}>
                                  <InputNumber min={1} max={5} precision={0} />
                                </Form.Item>
                                <Form.Item name={[x.name, 'ratePercent']} label={t('tradein.programs.ratePercent')} rules={[required]}>
                                  <InputNumber
                                    min={0}
                                    max={100}
                                    step={0.5}
                                    precision={2}
                                    suffix="%"
                                    data-testid={`program-category-rate-${f.name}-${x.name}`}
                                  />
                                </Form.Item>
                                {rates.length > 1 ? <Button type="text" icon={<MinusCircleOutlined />} onClick={() => r.remove(x.name)} /> : null}
                              </Space>
                            ))}
                            <Button
                              type="dashed"
                              size="small"
                              icon={<PlusOutlined />}
                              onClick={() => r.add({ grade: null, ratePercent: 15 })}
                              disabled={rates.length >= 6}
                              className="hx-block"
                            >
                              {t('tradein.programs.addRate')}
                            </Button>
                          </>
                        )}
                      </Form.List>
                      <Space wrap align="start">
                        <Form.Item name={[f.name, 'cap']} label={t('tradein.programs.capYuan')} rules={[yuanRule(t, true)]}>
                          <Input prefix="¥" inputMode="decimal" data-testid={`program-category-cap-${f.name}`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'ceiling']} label={t('tradein.programs.ceilingYuan')} rules={[yuanRule(t, false)]}>
                          <Input prefix="¥" inputMode="decimal" placeholder={t('tradein.programs.noCeiling')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'limitPerPerson']} label={t('tradein.programs.limit')} rules={[required]}>
                          <InputNumber min={1} max={20} precision={0} />
                        </Form.Item>
                      </Space>
                      <Form.Item name={[f.name, 'evidence']} label={t('tradein.programs.evidence')}>
                        <Checkbox.Group
                          options={[
                            { value: 'invoice', label: t('tradein.rule.evidence.invoice') },
                            { value: 'serialNumber', label: t('tradein.rule.evidence.serial') },
                            { value: 'oldItemProof', label: t('tradein.rule.evidence.oldItem') },
                          ]}
                        />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button
                    type="dashed"
                    block
                    icon={<PlusOutlined />}
                    onClick={() => add({ ...NEW_CATEGORY })}
                    disabled={fields.length >= 50}
                    data-testid="program-add-category"
                  >
                    {t('tradein.editor.addCategory')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        ) : (
          <Alert type="info" showIcon title={t('tradein.editor.rulesElsewhere')} />
        )}
      </Form>
    </Drawer>
  );
}
