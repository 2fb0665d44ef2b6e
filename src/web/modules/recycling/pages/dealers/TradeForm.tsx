import { Alert, App, Button, DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useFormSubmit } from '../../../../components/formErrors';
import { shanghaiNow } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import { yuanToFen } from '../../../../../shared/money';
import { dealerKeys, type DealerView, type TradeView } from './api';
import { useDealerOptions, type DealerKind } from './shared';

interface Values {
  dealerId: number;
  kind: DealerKind;
  tradedOn: Dayjs;
  description: string;
  amount: string;
  vin?: string;
  plateRegionFrom?: string;
  plateRegionTo?: string;
  export?: boolean;
  exportCountry?: string;
}

const up = (s: string | undefined) => (s?.trim() ? s.trim().toUpperCase() : undefined);

/**
 * Records one trade, on a phone at the counter: big fields, the used-car part only for a used car, and the export
 * flag with its country. A transfer to another region is said to be fine (全面取消二手车限迁) and is counted.
 */
export function TradeForm({ dealers, onDone }: { dealers: DealerView[]; onDone?: (trade: TradeView) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const options = useDealerOptions();
  const [form] = Form.useForm<Values>();
  const dealerId = Form.useWatch('dealerId', form) ?? dealers[0]?.id;
  const kind = Form.useWatch('kind', form);
  const exported = Form.useWatch('export', form) ?? false;
  const from = Form.useWatch('plateRegionFrom', form);
  const to = Form.useWatch('plateRegionTo', form);
  const dealer = dealers.find((d) => d.id === dealerId) ?? dealers[0];
  const car = kind === 'cars';
  const cross = car && !exported && up(from) && up(to) && up(from) !== up(to);

  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (v) => {
      const body = {
        dealerId: v.dealerId,
        kind: v.kind,
        tradedOn: v.tradedOn.format('YYYY-MM-DD'),
        description: v.description,
        amountFen: yuanToFen(v.amount) ?? -1,
        ...(car
          ? {
              vin: up(v.vin),
              plateRegionFrom: up(v.plateRegionFrom),
              ...(v.export ? { export: true, exportCountry: up(v.exportCountry) } : { plateRegionTo: up(v.plateRegionTo) }),
            }
          : {}),
      };
      const trade = await api.post<TradeView>('/api/recycling/dealer-trades', body);
      void message.success(t('recycling.trades.recorded'));
      void qc.invalidateQueries({ queryKey: dealerKeys.all });
      form.resetFields(['description', 'amount', 'vin', 'plateRegionTo', 'export', 'exportCountry']);
      onDone?.(trade);
    },
    { amountFen: 'amount' },
  );

  if (!dealer) return null;
  return (
    <Form
      form={form}
      layout="vertical"
      className="hx-trade-form"
      requiredMark="optional"
      initialValues={{ dealerId: dealer.id, kind: dealer.kinds[0], tradedOn: shanghaiNow(), plateRegionFrom: '闽C', export: false }}
      onFinish={(v) => void submit(v)}
      data-testid="trade-form"
    >
      {error ? <Alert type="error" showIcon className="hx-block" title={error} data-testid="trade-form-error" /> : null}
      {dealers.length > 1 ? (
        <Form.Item name="dealerId" label={t('recycling.trades.field.dealer')} rules={[{ required: true }]}>
          <Select options={dealers.map((d) => ({ value: d.id, label: d.name }))} data-testid="trade-dealer" />
        </Form.Item>
      ) : (
        <Form.Item name="dealerId" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="kind" label={t('recycling.trades.field.kind')} rules={[{ required: true }]}>
        <Select options={options(dealer.kinds, 'dealers.kind')} data-testid="trade-kind" />
      </Form.Item>
      <Form.Item name="tradedOn" label={t('recycling.trades.field.tradedOn')} rules={[{ required: true }]}>
        <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="trade-date" />
      </Form.Item>
      <Form.Item name="description" label={t('recycling.trades.field.description')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} placeholder={t('recycling.trades.field.descriptionHint')} data-testid="trade-description" />
      </Form.Item>
      <Form.Item name="amount" label={t('recycling.trades.field.amount')} rules={[{ required: true, pattern: /^\d{1,10}(\.\d{0,2})?$/ }]}>
        <Input inputMode="decimal" prefix="¥" data-testid="trade-amount" />
      </Form.Item>
      {car ? (
        <>
          <Form.Item name="vin" label={t('recycling.trades.field.vin')} rules={[{ required: true, len: 17 }]}>
            <Input maxLength={17} autoCapitalize="characters" style={{ fontFamily: 'monospace' }} data-testid="trade-vin" />
          </Form.Item>
          <Form.Item
            name="plateRegionFrom"
            label={t('recycling.trades.field.from')}
            extra={t('recycling.trades.field.regionHint')}
            rules={[{ required: true }]}
          >
            <Input maxLength={2} data-testid="trade-from" />
          </Form.Item>
          <Form.Item name="export" label={t('recycling.trades.field.export')} valuePropName="checked">
            <Switch data-testid="trade-export-flag" />
          </Form.Item>
          {exported ? (
            <Form.Item name="exportCountry" label={t('recycling.trades.field.exportCountry')} rules={[{ required: true, len: 2 }]}>
              <Input maxLength={2} autoCapitalize="characters" placeholder="KZ" data-testid="trade-country" />
            </Form.Item>
          ) : (
            <Form.Item name="plateRegionTo" label={t('recycling.trades.field.to')} extra={t('recycling.trades.field.regionHint')} rules={[{ required: true }]}>
              <Input maxLength={2} data-testid="trade-to" />
            </Form.Item>
          )}
          {cross ? <Alert type="info" showIcon className="hx-block" title={t('recycling.trades.crossRegionHint')} data-testid="trade-cross-region" /> : null}
        </>
      ) : null}
      {dealer.status !== 'active' ? <Typography.Text type="danger">{t('recycling.trades.notActive')}</Typography.Text> : null}
      <Button type="primary" htmlType="submit" loading={saving} disabled={dealer.status !== 'active'} className="hx-trade-submit" data-testid="trade-submit">
        {t('recycling.trades.record')}
      </Button>
    </Form>
  );
}
