import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { shanghaiNow } from '../../../../components/format';
import { useFormSubmit } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { fenToYuan, yuanToFen } from '../../../../../shared/money';
import { RECYCLING_APPLIANCE_CATEGORIES } from '../../../../../shared/enums/recycling';
import { INTAKE_MATERIALS, SCRAP_METALS, type IntakeMaterial, type IntakeSource } from '../../../../../shared/enums/recyclingIntake';
import type { RecyclingMessageKey } from '../../index';
import { useCategoryLabel } from '../pickups/parts';
import { getIntake, intakeKeys, percent, recordIntake, type IntakeOptions, type RecordIntakeBody } from './api';

interface Values {
  siteId?: number;
  material: IntakeMaterial;
  applianceCategory?: string;
  units?: number;
  weightKg?: number;
  source: IntakeSource;
  productionScrap?: boolean;
  priceYuan?: string;
  takenInOn: Dayjs;
  seller: { name?: string; creditCode?: string; idNumber?: string; contactName?: string; contactPhone?: string };
  note?: string;
}

/** Vehicles are taken in through the scrapped-vehicle one-stop; the form does not offer them. */
const MATERIALS = INTAKE_MATERIALS.filter((m) => m !== 'vehicles');

/** The record form, one column so that it is usable on a phone at the site's scale. */
export function IntakeForm({ options }: { options: IntakeOptions }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const category = useCategoryLabel();
  const [form] = Form.useForm<Values>();
  const material = Form.useWatch('material', form);
  const source = Form.useWatch('source', form);
  const scrap = Form.useWatch('productionScrap', form);
  const appliances = material === 'appliances';
  const scrapPossible = source === 'enterprise' && material !== undefined && SCRAP_METALS.includes(material);
  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (v) => {
      const s = v.seller;
      const body: RecordIntakeBody = {
        siteId: v.siteId ?? 0,
        material: v.material,
        source: v.source,
        productionScrap: scrapPossible && v.productionScrap === true,
        priceFen: yuanToFen(v.priceYuan ?? '') ?? -1,
        takenInOn: v.takenInOn.format('YYYY-MM-DD'),
        ...(appliances ? { applianceCategory: v.applianceCategory as RecordIntakeBody['applianceCategory'], units: v.units } : { weightKg: v.weightKg }),
        seller: {
          name: s.name ?? '',
          ...(v.source === 'enterprise' ? { creditCode: s.creditCode ?? '' } : { idNumber: s.idNumber ?? '' }),
          ...(s.contactName ? { contactName: s.contactName } : {}),
          ...(s.contactPhone ? { contactPhone: s.contactPhone } : {}),
        },
        ...(v.note ? { note: v.note } : {}),
      };
      const { id, reverseInvoiceId } = await recordIntake(body);
      if (reverseInvoiceId !== null) {
        const inv = (await getIntake(id)).reverseInvoice;
        message.success(
          t('recycling.in.recordedInvoice', { amount: fenToYuan(inv?.amountFen), vat: fenToYuan(inv?.vatFen), tax: fenToYuan(inv?.incomeTaxFen) }),
          6,
        );
      } else message.success(t('recycling.in.recorded'));
      form.resetFields(['units', 'weightKg', 'priceYuan', 'seller', 'note', 'productionScrap']);
      await qc.invalidateQueries({ queryKey: intakeKeys.all });
    },
    { priceFen: 'priceYuan' },
  );
  const r = options.rates;
  return (
    <Card title={t('recycling.in.form')} size="small" data-testid="intake-form">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={t('recycling.in.ratesNote', { vat: percent(r.vatRateBp), tax: percent(r.incomeTaxRateBp), limit: fenToYuan(r.annualLimitYuan * 100) })}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="intake-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          siteId: options.sites[0]?.id,
          material: 'paper',
          source: 'individual',
          takenInOn: dayjs(shanghaiNow().format('YYYY-MM-DD')),
          seller: {},
        }}
      >
        <Form.Item
          name="siteId"
          label={t('recycling.in.site')}
          rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.site') }) }]}
        >
          <Select options={options.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.townName}）` }))} data-testid="intake-site" />
        </Form.Item>
        <Form.Item name="material" label={t('recycling.in.material')} rules={[{ required: true }]}>
          <Select options={MATERIALS.map((m) => ({ value: m, label: t(`recycling.in.material.${m}` as RecyclingMessageKey) }))} data-testid="intake-material" />
        </Form.Item>
        {appliances ? (
          <>
            <Form.Item
              name="applianceCategory"
              label={t('recycling.in.category')}
              rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.category') }) }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                options={RECYCLING_APPLIANCE_CATEGORIES.map((c) => ({ value: c, label: category(c) }))}
                data-testid="intake-category"
              />
            </Form.Item>
            <Form.Item
              name="units"
              label={t('recycling.in.units')}
              rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.units') }) }]}
            >
              <InputNumber min={1} max={10_000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="intake-units" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="weightKg"
            label={t('recycling.in.weightKg')}
            rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.weightKg') }) }]}
          >
            <InputNumber min={0.1} max={1_000_000} step={0.1} style={{ width: '100%' }} inputMode="decimal" data-testid="intake-weight" />
          </Form.Item>
        )}
        <Form.Item name="source" label={t('recycling.in.source')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="intake-source">
            <Radio.Button value="individual">{t('recycling.in.source.individual')}</Radio.Button>
            <Radio.Button value="enterprise">{t('recycling.in.source.enterprise')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {scrapPossible && (
          <Form.Item name="productionScrap" valuePropName="checked" extra={t('recycling.in.productionScrapHelp')}>
            <Checkbox data-testid="intake-scrap">{t('recycling.in.productionScrap')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          name={['seller', 'name']}
          label={t('recycling.in.sellerName')}
          rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.sellerName') }) }]}
        >
          <Input maxLength={100} data-testid="intake-seller-name" />
        </Form.Item>
        {source === 'enterprise' ? (
          <Form.Item
            name={['seller', 'creditCode']}
            label={t('recycling.in.creditCode')}
            rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.creditCode') }) }]}
          >
            <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="intake-credit-code" />
          </Form.Item>
        ) : (
          <Form.Item
            name={['seller', 'idNumber']}
            label={t('recycling.in.idNumber')}
            extra={t('recycling.in.idHelp')}
            rules={[{ required: true, message: t('recycling.in.required', { field: t('recycling.in.idNumber') }) }]}
          >
            <Input maxLength={18} autoComplete="off" data-testid="intake-id-number" />
          </Form.Item>
        )}
        {source === 'enterprise' && (
          <>
            <Form.Item
              name={['seller', 'contactName']}
              label={t('recycling.in.contactName')}
              rules={[{ required: scrapPossible && scrap === true, message: t('recycling.in.required', { field: t('recycling.in.contactName') }) }]}
            >
              <Input maxLength={60} data-testid="intake-contact-name" />
            </Form.Item>
            <Form.Item
              name={['seller', 'contactPhone']}
              label={t('recycling.in.contactPhone')}
              rules={[{ required: scrapPossible && scrap === true, message: t('recycling.in.required', { field: t('recycling.in.contactPhone') }) }]}
            >
              <Input maxLength={20} inputMode="tel" data-testid="intake-contact-phone" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="priceYuan"
          label={t('recycling.in.price')}
          rules={[{ required: true, pattern: /^\d{1,10}(\.\d{0,2})?$/, message: t('recycling.in.required', { field: t('recycling.in.price') }) }]}
        >
          <Input inputMode="decimal" prefix="¥" data-testid="intake-price" />
        </Form.Item>
        <Form.Item name="takenInOn" label={t('recycling.in.takenInOn')} rules={[{ required: true }]}>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            disabledDate={(d) => d.isAfter(shanghaiNow(), 'day') || d.isBefore(shanghaiNow().subtract(31, 'day'), 'day')}
            data-testid="intake-date"
          />
        </Form.Item>
        <Form.Item name="note" label={t('recycling.in.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={saving} data-testid="intake-submit">
          {t('recycling.in.submit')}
        </Button>
      </Form>
    </Card>
  );
}
