import { useRef, useState } from 'react';
import { Alert, App, Button, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../api/client';
import type { Attachment } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { EVIDENCE_EXTENSIONS, EVIDENCE_MAX_BYTES, fileExtension } from './evidence';
import { errorMessage } from './formErrors';
import { formatBytes } from './format';

export type EvidenceFile = Pick<Attachment, 'id' | 'filename' | 'sizeBytes'>;

/**
 * Evidence upload: each file goes to POST /api/attachments as soon as it is picked; type and size are checked
 * first here (the server checks again, by content), and every refusal is listed under the button.
 */
export function EvidenceUpload({
  value = [],
  onChange,
  disabled,
  max = 10,
  testId = 'evidence-upload',
}: {
  value?: EvidenceFile[];
  onChange?: (files: EvidenceFile[]) => void;
  disabled?: boolean;
  max?: number;
  /** The root's test id; the button's is `<testId>-button`, the list's `<testId>-files`. */
  testId?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(0);
  const files = value;
  // Several files picked at once finish one by one: each must add to the latest list, not the one it started with.
  const latest = useRef(files);
  latest.current = files;
  return (
    <div data-testid={testId}>
      <Upload
        multiple
        showUploadList={false}
        disabled={disabled || files.length >= max}
        accept={EVIDENCE_EXTENSIONS.map((e) => `.${e}`).join(',')}
        beforeUpload={(file) => {
          const ext = fileExtension(file.name);
          if (!EVIDENCE_EXTENSIONS.includes(ext)) {
            setErrors((e) => [...e, t('evidence.badType', { name: file.name, allowed: EVIDENCE_EXTENSIONS.join(', ') })]);
            return Upload.LIST_IGNORE;
          }
          if (file.size > EVIDENCE_MAX_BYTES) {
            setErrors((e) => [...e, t('evidence.tooLarge', { name: file.name, max: formatBytes(EVIDENCE_MAX_BYTES) })]);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          setBusy((b) => b + 1);
          try {
            const a = await api.upload<Attachment>('/api/attachments', f);
            onSuccess?.(a);
            const next = [...latest.current, { id: a.id, filename: a.filename, sizeBytes: a.sizeBytes }];
            latest.current = next;
            onChange?.(next);
            message.success(t('evidence.uploaded', { name: a.filename }));
          } catch (e) {
            setErrors((prev) => [...prev, `${f.name}：${errorMessage(e)}`]);
            onError?.(e as Error);
          } finally {
            setBusy((b) => b - 1);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} disabled={disabled || files.length >= max} data-testid={`${testId}-button`}>
          {t('evidence.upload')}
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" className="hx-evidence-hint">
        {t('evidence.hint', { allowed: EVIDENCE_EXTENSIONS.join(', '), max: formatBytes(EVIDENCE_MAX_BYTES), count: max })}
      </Typography.Paragraph>
      {errors.length ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setErrors([]) }}
          data-testid={`${testId}-errors`}
          title={
            <ul className="hx-evidence-errors">
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          }
        />
      ) : null}
      {files.length ? (
        <ul className="hx-evidence-files" data-testid={`${testId}-files`}>
          {files.map((f) => (
            <li key={f.id}>
              <PaperClipOutlined /> <span>{f.filename}</span> <Typography.Text type="secondary">({formatBytes(f.sizeBytes)})</Typography.Text>
              {disabled ? null : (
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('evidence.remove')}
                  onClick={() => onChange?.(files.filter((x) => x.id !== f.id))}
                />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
