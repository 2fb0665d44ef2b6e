import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Descriptions, Form, Input, Modal, Select, Skeleton, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, newIdempotencyKey } from '../../../api/client';
import { translate } from '../../../../shared/i18n/messages';
import { validateBankAccount } from '../../../../shared/validators';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { keys, usePrograms, type MerchantView } from '../api';
import { EmptyState, StatusTag } from '../components';
import { useTowns } from '../../../api/towns';

interface ApplyForm {
  programId?: number;
  categories?: string[];
  stores?: { name?: string; townId?: number; address?: string }[];
  bankName?: string;
  accountName?: string;
  bankAccount?: string;
}

/** A business enrols in a programme: its stores, the categories it sells, the account the subsidies are paid to. */
export default function EnrolmentPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const towns = useTowns();
  const mine = useQuery({
    queryKey: keys.merchants({ mine: true }),
    queryFn: ({ signal }) => api.get<MerchantView[]>('/api/tradein/merchants', undefined, signal),
  });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ApplyForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const programId = Form.useWatch('programId', form);
  const enrolled = new Set((mine.data ?? []).map((m) => m.programId));
  const choosable = (programs.data ?? []).filter((p) => p.status === 'active' && !enrolled.has(p.id));
  const program = programs.data?.find((p) => p.id === programId);

  async function submit(v: ApplyForm) {
    setSaving(true);
    setError(null);
    try {
      await api.post<MerchantView>(
        '/api/tradein/merchants',
        {
          programId: v.programId,
          categories: v.categories,
          stores: (v.stores ?? []).map((s) => ({ name: s.name?.trim(), townId: s.townId, address: s.address?.trim() })),
          bankName: v.bankName?.trim(),
          accountName: v.accountName?.trim(),
          bankAccount: v.bankAccount?.replace(/\s+/g, ''),
        },
        { idempotencyKey: key, device: true },
      );
      message.success(t('tradein.enrol.sent'));
      setOpen(false);
      form.resetFields();
      setKey(newIdempotencyKey());
      void qc.invalidateQueries({ queryKey: ['tradein', 'merchants'] });
    } catch (e) {
      if (e instanceof ApiError && e.status > 0) setKey(newIdempotencyKey());
      setError(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  }

  const catName = (m: MerchantView, c: string) => programs.data?.find((p) => p.id === m.programId)?.categories.find((x) => x.category === c)?.name ?? c;

  return (
    <div data-testid="page-tradein-enrolment">
      <PageHeader
        title={t('tradein.nav.enrolment')}
        subtitle={t('tradein.enrol.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} disabled={!choosable.length} data-testid="enrol-new">
            {t('tradein.enrol.apply')}
          </Button>
        }
      />
      {mine.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : mine.isError ? (
        <Card>
          <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
        </Card>
      ) : !mine.data.length ? (
        <Card>
          <EmptyState text={t('tradein.enrol.none')} testId="enrol-empty" />
        </Card>
      ) : (
        mine.data.map((m) => (
          <Card
            key={m.id}
            className="hx-block"
            title={m.programName}
            extra={<StatusTag group="merchant" status={m.status} />}
            data-testid={`enrolment-${m.id}`}
          >
            {m.status === 'pending' ? <Alert type="info" showIcon title={t('tradein.enrol.pending')} className="hx-form-alert" /> : null}
            {m.reviewNote ? (
              <Alert
                type={m.status === 'approved' ? 'success' : 'warning'}
                showIcon
                title={t('tradein.enrol.note', { note: m.reviewNote })}
                className="hx-form-alert"
              />
            ) : null}
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('tradein.field.categories')}>{m.categories.map((c) => catName(m, c)).join('、')}</Descriptions.Item>
              <Descriptions.Item label={t('tradein.field.bank')}>
                {m.bankName} · {m.accountName} · {m.bankAccount}
              </Descriptions.Item>
              <Descriptions.Item label={t('tradein.field.stores')} span={2}>
                {m.stores.map((s) => `${s.name}（${s.townName}，${s.address}）`).join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(m.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('tradein.field.reviewedAt')}>{formatDateTime(m.reviewedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        ))
      )}

      <Modal
        open={open}
        title={t('tradein.enrol.apply')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okText={t('common.submit')}
        okButtonProps={{ ...testId('enrol-submit') }}
        width={640}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Form<ApplyForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ stores: [{}] }} data-testid="enrol-form">
          <Form.Item name="programId" label={t('tradein.field.program')} rules={[{ required: true, message: t('common.required') }]}>
            <Select<number>
              options={choosable.map((p) => ({ value: p.id, label: p.name }))}
              onChange={() => form.setFieldValue('categories', [])}
              data-testid="enrol-program"
            />
          </Form.Item>
          {program ? (
            <Form.Item
              name="categories"
              label={t('tradein.field.categories')}
              rules={[{ required: true, type: 'array', min: 1, message: t('tradein.enrol.pickCategory') }]}
            >
              <Checkbox.Group options={program.categories.map((c) => ({ value: c.category, label: c.name }))} data-testid="enrol-categories" />
            </Form.Item>
          ) : null}
          <Typography.Text strong>{t('tradein.field.stores')}</Typography.Text>
          <Form.List name="stores">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap className="hx-block" style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item
                      name={[f.name, 'name']}
                      rules={[{ required: true, whitespace: true, min: 2, message: t('tradein.enrol.storeName') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input placeholder={t('tradein.enrol.storeName')} data-testid={`enrol-store-name-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'townId']} rules={[{ required: true, message: t('field.town') }]} style={{ marginBottom: 0 }}>
                      <Select<number>
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder={t('field.town')}
                        style={{ width: 160 }}
                        options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                        data-testid={`enrol-store-town-${i}`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'address']}
                      rules={[{ required: true, whitespace: true, min: 4, message: t('tradein.enrol.storeAddress') }]}
                      style={{ marginBottom: 0 }}
                    >
                      <Input placeholder={t('tradein.enrol.storeAddress')} style={{ width: 220 }} data-testid={`enrol-store-address-${i}`} />
                    </Form.Item>
                    {fields.length > 1 ? (
                      <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('tradein.enrol.removeStore')} />
                    ) : null}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} className="hx-block">
                  {t('tradein.enrol.addStore')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="bankName" label={t('tradein.field.bankName')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
            <Input data-testid="enrol-bank-name" />
          </Form.Item>
          <Form.Item
            name="accountName"
            label={t('tradein.field.accountName')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}
          >
            <Input data-testid="enrol-account-name" />
          </Form.Item>
          <Form.Item
            name="bankAccount"
            label={t('tradein.field.bankAccount')}
            rules={[
              {
                validator: async (_r, v: string | undefined) => {
                  const res = validateBankAccount(v);
                  if (!res.ok) throw new Error(translate(locale, `field.bankAccount.${res.reason}` as Parameters<typeof translate>[1]));
                },
              },
            ]}
          >
            <Input inputMode="numeric" autoComplete="off" data-testid="enrol-bank-account" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
