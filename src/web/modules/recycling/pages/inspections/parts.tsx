import { useState } from 'react';
import { Button, Space, Tag, Upload, message } from 'antd';
import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { api } from '../../../../api/client';
import type { Attachment } from '../../../../api/types';
import { errorMessage } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import type { InspectionResult, RectificationView } from './api';

const RESULT_COLOURS: Record<InspectionResult, string> = { pass: 'green', rectify: 'orange', ban: 'red' };
const RECT_COLOURS: Record<RectificationView['status'], string> = { open: 'orange', submitted: 'blue', closed: 'green' };

export function ResultTag({ result }: { result: InspectionResult }) {
  const t = useT();
  return <Tag color={RESULT_COLOURS[result]}>{t(`recycling.insp.result.${result}`)}</Tag>;
}

export function RectificationTag({ status, overdue }: { status: RectificationView['status']; overdue?: boolean }) {
  const t = useT();
  return (
    <Space size={2}>
      <Tag color={RECT_COLOURS[status]}>{t(`recycling.rect.status.${status}`)}</Tag>
      {overdue ? <Tag color="red">{t('recycling.rect.overdue')}</Tag> : null}
    </Space>
  );
}

/** Photos taken on the phone (the camera opens on a phone), uploaded at once; the ids go with the form. */
export function PhotoUpload({ value, onChange, testId }: { value: Attachment[]; onChange: (v: Attachment[]) => void; testId: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid={testId}>
      <Space wrap>
        {value.map((a) => (
          <Tag key={a.id} closeIcon={<CloseOutlined />} onClose={() => onChange(value.filter((x) => x.id !== a.id))}>
            {a.filename}
          </Tag>
        ))}
      </Space>
      <Upload
        accept="image/png,image/jpeg,image/webp"
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
        <Button icon={<CameraOutlined />} loading={busy} size="large" data-testid={`${testId}-add`}>
          {t('recycling.insp.addPhoto')}
        </Button>
      </Upload>
    </div>
  );
}
