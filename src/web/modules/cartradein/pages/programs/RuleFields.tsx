import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { yuanToFen } from '../../../../../shared/money';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { shared } from '../../components';
import { EMISSION_STANDARDS, EVIDENCE_KINDS, type BandForm } from './ruleForm';

/** A 元 field the API receives as exact fen (money.ts parses the decimal string, never a float). */
function yuanRule(t: ReturnType<typeof useT>, required: boolean) {
  return {
    validator: async (_r: unknown, v: string | undefined) => {
      if (!v?.trim()) {
        if (required) throw new Error(t('common.required'));
        return;
      }
      if (yuanToFen(v) === null) throw new Error(t('car.admin.yuanRule'));
    },
  };
}

const NEW_BAND: BandForm = { energyType: 'nev', min: '0', max: '', amount: '' };

/**
 * The fields of a car programme's rule, under the form name `rule`: which old cars and new cars qualify, the
 * amount by new-car type and price band, the review and payment deadlines, and the evidence required.
 */
export function RuleFields() {
  const t = useT();
  const { locale } = useLocale();
  const form = Form.useFormInstance();
  const oldFuel = Form.useWatch(['rule', 'oldFuel'], form) as boolean | undefined;
  const oldNev = Form.useWatch(['rule', 'oldNev'], form) as boolean | undefined;
  const newFuel = Form.useWatch(['rule', 'newFuel'], form) as boolean | undefined;
  const required = { required: true, message: t('common.required') };
  return (
    <>
      <Card size="small" title={t('car.programs.oldCar')} className="hx-block" data-testid="car-rule-old">
        <Space wrap align="start">
          <Form.Item name={['rule', 'oldFuel']} label={t('car.admin.oldFuel')} valuePropName="checked">
            <Switch data-testid="car-rule-old-fuel" />
          </Form.Item>
          {oldFuel ? (
            <Form.Item name={['rule', 'oldFuelMax']} label={t('car.admin.oldFuelMax')} rules={[required]}>
              <Select
                style={{ minWidth: 140 }}
                options={EMISSION_STANDARDS.map((e) => ({ value: e, label: shared(locale, `cartradein.emission.${e}`) }))}
                data-testid="car-rule-old-fuel-max"
              />
            </Form.Item>
          ) : null}
        </Space>
        <Space wrap align="start">
          <Form.Item name={['rule', 'oldNev']} label={t('car.admin.oldNev')} valuePropName="checked">
            <Switch data-testid="car-rule-old-nev" />
          </Form.Item>
          {oldNev ? (
            <Form.Item name={['rule', 'oldNevBefore']} label={t('car.admin.oldNevBefore')} extra={t('car.admin.emptyAny')}>
              <Input type="date" data-testid="car-rule-old-nev-before" />
            </Form.Item>
          ) : null}
        </Space>
        <Space wrap align="start">
          <Form.Item name={['rule', 'ownedOnOrBefore']} label={t('car.admin.ownedOnOrBefore')} extra={t('car.admin.emptyNone')}>
            <Input type="date" data-testid="car-rule-owned" />
          </Form.Item>
          <Form.Item name={['rule', 'disposedOnOrAfter']} label={t('car.admin.disposedOnOrAfter')} extra={t('car.admin.emptyNone')}>
            <Input type="date" data-testid="car-rule-disposed" />
          </Form.Item>
        </Space>
      </Card>

      <Card size="small" title={t('car.programs.newCar')} className="hx-block" data-testid="car-rule-new">
        <Space wrap align="start">
          <Form.Item name={['rule', 'newNev']} label={t('car.admin.newNev')} valuePropName="checked">
            <Switch data-testid="car-rule-new-nev" />
          </Form.Item>
          <Form.Item name={['rule', 'newFuel']} label={t('car.admin.newFuel')} valuePropName="checked">
            <Switch data-testid="car-rule-new-fuel" />
          </Form.Item>
          {newFuel ? (
            <Form.Item name={['rule', 'newFuelMaxL']} label={t('car.admin.newFuelMaxL')} extra={t('car.admin.emptyAny')}>
              <InputNumber min={0.1} max={10} step={0.1} precision={1} suffix="L" data-testid="car-rule-new-fuel-max" />
            </Form.Item>
          ) : null}
        </Space>
      </Card>

      <Card size="small" title={t('car.programs.amount')} className="hx-block" data-testid="car-rule-amounts">
        <Typography.Paragraph type="secondary">{t('car.admin.bandsHelp')}</Typography.Paragraph>
        <Form.List
          name={['rule', 'amounts']}
          rules={[
            {
              validator: async (_r, v: unknown[] | undefined) => {
                if (!v?.length) throw new Error(t('car.admin.bandsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f) => (
                <div key={f.key} className="hx-car-band" data-testid={`car-rule-band-${f.name}`}>
                  <Form.Item name={[f.name, 'energyType']} label={t('car.admin.bandType')} rules={[required]}>
                    <Select
                      style={{ minWidth: 120 }}
                      options={(['nev', 'fuel'] as const).map((e) => ({ value: e, label: t(`car.energy.${e}`) }))}
                      data-testid={`car-rule-band-type-${f.name}`}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'min']} label={t('car.admin.bandMin')} rules={[yuanRule(t, true)]}>
                    <Input prefix="¥" inputMode="decimal" data-testid={`car-rule-band-min-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'max']} label={t('car.admin.bandMax')} rules={[yuanRule(t, false)]}>
                    <Input prefix="¥" inputMode="decimal" placeholder={t('car.admin.noUpper')} data-testid={`car-rule-band-max-${f.name}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'amount']} label={t('car.admin.bandAmount')} rules={[yuanRule(t, true)]}>
                    <Input prefix="¥" inputMode="decimal" data-testid={`car-rule-band-amount-${f.name}`} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('car.admin.removeBand')} />
                  ) : null}
                </div>
              ))}
              <Form.ErrorList errors={errors} />
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ ...NEW_BAND })} disabled={fields.length >= 20}>
                {t('car.admin.addBand')}
              </Button>
            </>
          )}
        </Form.List>
      </Card>

      <Card size="small" title={t('car.admin.deadlinesAndEvidence')} className="hx-block" data-testid="car-rule-deadlines">
        <Space wrap align="start">
          <Form.Item name={['rule', 'deadlines', 'reviewWorkingDays']} label={t('car.admin.reviewDays')} rules={[required]}>
            <InputNumber min={1} max={60} precision={0} data-testid="car-rule-review-days" />
          </Form.Item>
          <Form.Item name={['rule', 'deadlines', 'paymentWorkingDays']} label={t('car.admin.paymentDays')} rules={[required]}>
            <InputNumber min={1} max={90} precision={0} data-testid="car-rule-payment-days" />
          </Form.Item>
        </Space>
        <Form.Item name={['rule', 'evidence']} label={t('car.programs.evidence')}>
          <Checkbox.Group
            className="hx-car-evidence-kinds"
            options={EVIDENCE_KINDS.map((k) => ({ value: k, label: shared(locale, `cartradein.evidence.${k}`) }))}
            data-testid="car-rule-evidence"
          />
        </Form.Item>
      </Card>
    </>
  );
}
