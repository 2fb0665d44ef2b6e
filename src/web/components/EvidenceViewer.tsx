import { useEffect, useRef, useState } from 'react';
import { App, Button, Image, Modal, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleOutlined, DownloadOutlined, FileImageOutlined, FilePdfOutlined, FileOutlined } from '@ant-design/icons';
import { fetchFile } from '../api/client';
import { useT } from '../i18n/I18nProvider';
import { errorMessage } from './formErrors';
import { evidenceMode, formatBytes, saveBlob } from './evidenceFiles';
import './EvidenceViewer.css';

/** One evidence file as a record cites it. */
export interface EvidenceItem {
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  /** What the record calls the file (a kind of evidence): its code, and in words. */
  kind?: string | undefined;
  label?: string | undefined;
  /** The server says this user opened it before (on an earlier visit). */
  openedByMe?: boolean | undefined;
  /** Where the record serves it (its access check and audit record), e.g. `/api/plan-reports/3/evidence/7`. */
  url: string;
}

const ICONS = { image: <FileImageOutlined />, pdf: <FilePdfOutlined />, download: <FileOutlined /> };

/**
 * The evidence a decision depends on, each file openable where the decision is made: photos in the image
 * preview, PDFs in a frame, other files saved. Every opening goes through the record's own route (so the server
 * checks access and writes the audit record) and is told to `onOpened`, e.g. to enable "checked by hand".
 */
export function EvidenceViewer({ items, onOpened, testId = 'evidence' }: { items: EvidenceItem[]; onOpened?: (item: EvidenceItem) => void; testId?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const [opened, setOpened] = useState<ReadonlySet<number>>(() => new Set());
  const [busy, setBusy] = useState<number | null>(null);
  const [image, setImage] = useState<{ url: string; name: string } | null>(null);
  const [pdf, setPdf] = useState<{ url: string; item: EvidenceItem } | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((u) => URL.revokeObjectURL(u)), []);

  async function open(item: EvidenceItem, save: boolean) {
    const mode = save ? 'download' : evidenceMode(item.mimeType);
    setBusy(item.id);
    try {
      const file = await fetchFile(item.url, mode === 'download' ? { download: 1 } : undefined);
      if (mode === 'download') {
        saveBlob(file.blob, file.filename || item.filename);
        message.success(t('evidence.downloaded', { name: item.filename }));
      } else {
        // The blob takes the type the server checked at upload, never one guessed from the bytes.
        const url = URL.createObjectURL(new Blob([file.blob], { type: item.mimeType }));
        urls.current.push(url);
        if (mode === 'image') setImage({ url, name: item.filename });
        else setPdf({ url, item });
      }
      setOpened((s) => new Set(s).add(item.id));
      onOpened?.(item);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }

  if (!items.length) return <Typography.Text type="secondary">{t('evidence.none')}</Typography.Text>;
  return (
    <div className="hx-evidence" data-testid={testId}>
      {items.map((item) => {
        const mode = evidenceMode(item.mimeType);
        const seen = opened.has(item.id) || item.openedByMe === true;
        return (
          <div key={item.id} className="hx-evidence-row" data-testid={`${testId}-item`} data-kind={item.kind} data-opened={seen ? 'true' : 'false'}>
            {item.label ? <Tag>{item.label}</Tag> : null}
            <Button
              type="link"
              size="small"
              className="hx-evidence-name"
              icon={ICONS[mode]}
              loading={busy === item.id}
              onClick={() => void open(item, false)}
              data-testid={`${testId}-open-${item.id}`}
            >
              {item.filename}
            </Button>
            <Typography.Text type="secondary">{formatBytes(item.sizeBytes)}</Typography.Text>
            {seen ? (
              <Tag color="success" icon={<CheckCircleOutlined />} data-testid={`${testId}-opened-${item.id}`}>
                {t('evidence.opened')}
              </Tag>
            ) : null}
            {mode !== 'download' ? (
              <Tooltip title={t('evidence.download')}>
                <Button
                  size="small"
                  type="text"
                  icon={<DownloadOutlined />}
                  aria-label={`${t('evidence.download')} ${item.filename}`}
                  disabled={busy === item.id}
                  onClick={() => void open(item, true)}
                />
              </Tooltip>
            ) : null}
          </div>
        );
      })}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evidence.audited')}
      </Typography.Text>
      {image ? (
        <Image
          style={{ display: 'none' }}
          src={image.url}
          alt={image.name}
          preview={{ open: true, src: image.url, onOpenChange: (v) => (v ? undefined : setImage(null)) }}
          data-testid={`${testId}-image`}
        />
      ) : null}
      {pdf ? (
        <Modal
          open
          width={960}
          title={t('evidence.pdfTitle', { name: pdf.item.filename })}
          onCancel={() => setPdf(null)}
          footer={[
            <Button key="save" icon={<DownloadOutlined />} onClick={() => void open(pdf.item, true)} data-testid={`${testId}-pdf-save`}>
              {t('evidence.download')}
            </Button>,
            <Button key="close" type="primary" onClick={() => setPdf(null)} data-testid={`${testId}-pdf-close`}>
              {t('evidence.close')}
            </Button>,
          ]}
          destroyOnHidden
          data-testid={`${testId}-pdf`}
        >
          <iframe className="hx-evidence-frame" src={pdf.url} title={pdf.item.filename} data-testid={`${testId}-pdf-frame`} />
          <Typography.Text type="secondary">{t('evidence.pdfFallback')}</Typography.Text>
        </Modal>
      ) : null}
    </div>
  );
}
