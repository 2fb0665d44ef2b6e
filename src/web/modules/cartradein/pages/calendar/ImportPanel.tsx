import { useState } from 'react';
import { Alert, App, Button, Card, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from '../../../../api/client';
import { testId } from '../../../../components/testId';
import { errorMessage } from '../../../../components/formErrors';
import type { MessageKey } from '../../../../i18n/messages';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { uploadCalendarSheet, type ImportError, type ImportResult, type ImportRow } from './api';
import { weekdayName } from './days';

const COLUMN_LABEL: Record<ImportError['column'], MessageKey> = {
  date: 'car.cal.col.date',
  kind: 'car.cal.col.kind',
  name: 'car.cal.col.name',
  '': 'car.cal.fileProblem',
};

/**
 * Excel in and out: the template, the year's export, and an upload that is previewed first (the server checks
 * every row and writes nothing) and imported only when confirmed and free of errors.
 */
export function ImportPanel({
  year,
  editable,
  source,
  dirty,
  onImported,
}: {
  year: number;
  editable: boolean;
  source: string;
  dirty: boolean;
  onImported: (result: ImportResult) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'template' | 'export' | 'upload' | 'import' | null>(null);
  const [preview, setPreview] = useState<{ file: File; result: ImportResult } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);

  const get = async (kind: 'template' | 'export', path: string, name: string) => {
    setBusy(kind);
    try {
      message.success(`${t('common.exported')}：${await download(path, undefined, name)}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const confirm = async () => {
    if (!preview) return;
    setBusy('import');
    try {
      const result = await uploadCalendarSheet(year, preview.file, { dryRun: false, source });
      setPreview(null);
      onImported(result);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t('car.cal.excel')} className="hx-block" data-testid="car-cal-excel">
      {editable ? <Typography.Paragraph type="secondary">{t('car.cal.excel.text')}</Typography.Paragraph> : null}
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'template'}
          onClick={() => void get('template', '/api/tradein/car-programs/working-calendar/template.xlsx', 'template.xlsx')}
          data-testid="car-cal-template"
        >
          {t('car.cal.template')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'export'}
          onClick={() => void get('export', `/api/tradein/car-programs/working-calendar/${year}/export.xlsx`, `calendar-${year}.xlsx`)}
          data-testid="car-cal-export"
        >
          {t('car.cal.export', { year })}
        </Button>
        {editable ? (
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              if (!file.name.toLowerCase().endsWith('.xlsx')) {
                setUploadError(t('car.cal.onlyXlsx', { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              return true;
            }}
            customRequest={async ({ file, onSuccess, onError }) => {
              setUploadError(null);
              setBusy('upload');
              try {
                const result = await uploadCalendarSheet(year, file as File, { dryRun: true });
                setPreview({ file: file as File, result });
                onSuccess?.(result);
              } catch (e) {
                setUploadError(errorMessage(e));
                onError?.(e as Error);
              } finally {
                setBusy(null);
              }
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={busy === 'upload'} data-testid="car-cal-upload">
              {t('car.cal.upload')}
            </Button>
          </Upload>
        ) : null}
      </Space>
      {uploadError ? <Alert type="error" showIcon title={uploadError} className="hx-block" data-testid="car-cal-upload-error" /> : null}
      {preview ? (
        <PreviewModal
          year={year}
          file={preview.file.name}
          result={preview.result}
          dirty={dirty}
          busy={busy === 'import'}
          onCancel={() => setPreview(null)}
          onConfirm={() => void confirm()}
        />
      ) : null}
    </Card>
  );
}

function PreviewModal({
  year,
  file,
  result,
  dirty,
  busy,
  onCancel,
  onConfirm,
}: {
  year: number;
  file: string;
  result: ImportResult;
  dirty: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const byRow = new Map<number, ImportError[]>();
  for (const e of result.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const fileErrors = result.errors.filter((e) => !result.rows.some((r) => r.row === e.row));
  const ok = result.errors.length === 0;
  return (
    <Modal
      open
      width={860}
      title={t('car.cal.preview', { year, file })}
      onCancel={onCancel}
      onOk={onConfirm}
      okText={t('car.cal.confirmImport')}
      cancelText={t('common.cancel')}
      cancelButtonProps={testId('car-cal-preview-cancel')}
      okButtonProps={{ disabled: !ok, loading: busy, ...testId('car-cal-confirm-import') }}
    >
      <div data-testid="car-cal-preview">
        <Alert
          type={ok ? 'success' : 'error'}
          showIcon
          title={
            ok ? t('car.cal.previewOk', { n: result.rows.length, year, replaces: result.replaces }) : t('car.cal.previewErrors', { n: result.errors.length })
          }
          className="hx-block"
          data-testid={ok ? 'car-cal-preview-ok' : 'car-cal-preview-errors'}
        />
        {ok && dirty ? <Alert type="warning" showIcon title={t('car.cal.previewUnsaved')} className="hx-block" /> : null}
        {fileErrors.length ? (
          <ul data-testid="car-cal-file-errors">
            {fileErrors.map((e) => (
              <li key={`${e.row}-${e.reason}`}>{e.message}</li>
            ))}
          </ul>
        ) : null}
        {result.rows.length ? (
          <Table<ImportRow>
            rowKey="row"
            size="small"
            dataSource={result.rows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 760, y: 380 }}
            rowClassName={(r) => (byRow.has(r.row) ? 'hx-cal-error-row' : '')}
            data-testid="car-cal-preview-rows"
            columns={[
              { title: t('car.cal.col.row'), dataIndex: 'row', width: 56 },
              { title: t('car.cal.col.date'), dataIndex: 'date', width: 110, render: (d: string | null) => d ?? '—' },
              { title: t('car.cal.col.weekday'), key: 'weekday', width: 70, render: (_: unknown, r) => (r.date ? weekdayName(r.date, locale) : '—') },
              {
                title: t('car.cal.col.kind'),
                dataIndex: 'kind',
                width: 120,
                render: (k: ImportRow['kind']) =>
                  k ? <Tag color={k === 'workday' ? 'blue' : 'red'}>{t(k === 'workday' ? 'car.cal.kind.workday' : 'car.cal.kind.holiday')}</Tag> : '—',
              },
              { title: t('car.cal.col.name'), dataIndex: 'name', width: 160, render: (n: string) => n || '—' },
              {
                title: t('car.cal.col.problems'),
                key: 'errors',
                render: (_: unknown, r) =>
                  (byRow.get(r.row) ?? []).map((e) => (
                    <div key={e.reason} data-testid={`car-cal-row-error-${r.row}`}>
                      <Typography.Text type="danger">
                        {t(COLUMN_LABEL[e.column])}：{e.message}
                      </Typography.Text>
                    </div>
                  )),
              },
            ]}
          />
        ) : null}
      </div>
    </Modal>
  );
}
