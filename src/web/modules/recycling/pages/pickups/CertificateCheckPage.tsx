import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input } from 'antd';
import { api } from '../../../../api/client';
import { PageHeader } from '../../../../components/PageHeader';
import { formatMinute } from '../../../../components/format';
import { useFormSubmit } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import type { CertificateCheckView } from './api';
import { useCategoryLabel } from './parts';
import './pickups.css';

/** A merchant (or 市商务局, the office) checks a recycling certificate before citing it at the till. */
export default function CertificateCheckPage() {
  const t = useT();
  const label = useCategoryLabel();
  const [form] = Form.useForm<{ number: string }>();
  const [result, setResult] = useState<CertificateCheckView | null>(null);
  const { saving, error, submit } = useFormSubmit<{ number: string }>(form, async (v) => {
    setResult(null);
    setResult(await api.get<CertificateCheckView>(`/api/recycling/certificates/${encodeURIComponent(v.number.trim())}`));
  });
  return (
    <div className="hx-pickups">
      <PageHeader title={t('recycling.pk.check.title')} testId="certificate-check" />
      <Card size="small">
        <Form form={form} layout="inline" onFinish={(v) => void submit(v)}>
          <Form.Item name="number" rules={[{ required: true, min: 4, message: t('recycling.pk.check.number') }]}>
            <Input placeholder="RC-YYYYMMDD-XXXXXX" data-testid="check-number" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('recycling.pk.check.submit')}
          </Button>
        </Form>
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
        {result && (
          <>
            <Alert
              style={{ marginTop: 12 }}
              type={result.valid ? 'success' : 'warning'}
              showIcon
              message={result.valid ? t('recycling.pk.check.valid') : t('recycling.pk.check.invalid')}
              data-testid="check-result"
            />
            <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('recycling.pk.category')}>{label(result.category)}</Descriptions.Item>
              {result.serialNumber && <Descriptions.Item label={t('recycling.pk.serial')}>{result.serialNumber}</Descriptions.Item>}
              <Descriptions.Item label={t('recycling.pk.issuedAt')}>{formatMinute(result.issuedAt)}</Descriptions.Item>
              {result.usedBy && <Descriptions.Item label={t('recycling.pk.used')}>{formatMinute(result.usedBy.at)}</Descriptions.Item>}
            </Descriptions>
          </>
        )}
      </Card>
    </div>
  );
}
