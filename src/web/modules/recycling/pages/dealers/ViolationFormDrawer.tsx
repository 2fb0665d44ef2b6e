import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Select, Space, Tag, Typography, Upload } from 'antd';
import { CloseOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Attachment } from '../../../../api/types';
import { errorMessage, useFormSubmit } from '../../../../components/formErrors';
import { shanghaiNow } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { yuanToFen } from '../../../../../shared/money';
import { dealerKeys, type DealerView, type ViolationView } from './api';
import { VIOLATION_TYPES, useDealerOptions, type ViolationType } from './shared';

interface Values {
  occurredOn: Dayjs;
  type: ViolationType;
  description: string;
  penaltyText: string;
  penaltyAmount?: string;
  discloseUntil?: Dayjs | null;
}

/** Evidence files, uploaded at once by the recording official; their ids go with the form. */
function EvidenceUpload({ value, onChange }: { value: Attachment[]; onChange: (v: Attachment[]) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="violation-evidence">
      <Space wrap className="hx-block">
        {value.map((a) => (
          <Tag key={a.id} closeIcon={<CloseOutlined />} onClose={() => onChange(value.filter((x) => x.id !== a.id))}>
            {a.filename}
          </Tag>
        ))}
      </Space>
      <Upload
        accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx"
        showUploadList={false}
        multiple
        beforeUpload={async (file) => {
          setBusy(true);
          try {
            const a = await api.upload<Attachment>('/api/attachments', file);
            onChange([...value, a]);
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="violation-evidence-add">
          {t('recycling.violations.field.addEvidence')}
        </Button>
      </Upload>
    </div>
  );
}

/**
 * A department records a violation of a dealer. What it writes in the description and the penalty is published, so
 * the form says so, and the server refuses an ID number, a mobile, a VIN or a plate on the field it is in.
 */
export function ViolationFormDrawer({ open, dealer, onClose }: { open: boolean; dealer: DealerView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const options = useDealerOptions();
  const [form] = Form.useForm<Values>();
  const [evidence, setEvidence] = useState<Attachment[]>([]);
  useEffect(() => {
    if (open) {
      form.resetFields();
      setEvidence([]);
    }
  }, [open, form]);
  const { saving, error, submit } = useFormSubmit<Values>(
    form,
    async (v) => {
      await api.post<ViolationView>('/api/recycling/dealer-violations', {
        dealerId: dealer.id,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        type: v.type,
        description: v.description,
        penaltyText: v.penaltyText,
        penaltyFen: v.penaltyAmount?.trim() ? (yuanToFen(v.penaltyAmount) ?? -1) : null,
        evidence: evidence.map((a) => a.id),
        ...(v.discloseUntil ? { discloseUntil: v.discloseUntil.format('YYYY-MM-DD') } : {}),
      });
      void message.success(t('recycling.violations.recorded'));
      void qc.invalidateQueries({ queryKey: dealerKeys.all });
      onClose();
    },
    { penaltyFen: 'penaltyAmount' },
  );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={`${t('recycling.violations.record')} · ${dealer.name}`}
      data-testid="violation-form"
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" danger loading={saving} onClick={() => form.submit()} data-testid="violation-form-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon className="hx-block" title={error} data-testid="violation-form-error" /> : null}
      <Form form={form} layout="vertical" requiredMark="optional" initialValues={{ occurredOn: shanghaiNow(), type: 'other' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="occurredOn" label={t('recycling.violations.field.occurredOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="type" label={t('recycling.violations.field.type')} rules={[{ required: true }]}>
          <Select options={options(VIOLATION_TYPES, 'violations.type')} data-testid="violation-type" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('recycling.violations.field.description')}
          extra={t('recycling.violations.field.descriptionHint')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="violation-description" />
        </Form.Item>
        <Form.Item name="penaltyText" label={t('recycling.violations.field.penalty')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={300} data-testid="violation-penalty" />
        </Form.Item>
        <Form.Item name="penaltyAmount" label={t('recycling.violations.field.penaltyAmount')} rules={[{ pattern: /^\d{1,10}(\.\d{0,2})?$/ }]}>
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
        <Form.Item name="discloseUntil" label={t('recycling.violations.field.discloseUntil')} extra={t('recycling.violations.field.discloseUntilHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('recycling.violations.field.evidence')}>
          <EvidenceUpload value={evidence} onChange={setEvidence} />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('recycling.violations.field.issuingUnit')}：{t('recycling.violations.issuerIsYou')}
        </Typography.Text>
      </Form>
    </Drawer>
  );
}
