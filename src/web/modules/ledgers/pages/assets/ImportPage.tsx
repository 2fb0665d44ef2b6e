import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Progress, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { download } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { formatMinute } from '../../../../components/format';
import { PageHeader } from '../../../../components/PageHeader';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { importKeyField } from '../../../../../shared/ledgers/definition';
import { LEDGER_PAGES, templatePath, uploadImport, useImportJob, useKindImports, useLedgerRefresh, type ImportJobView, type KindView } from './api';
import { labelOf } from './fields';
import { KindCrumbs, kindName, useRouteId, WithKind } from './parts';
import { Link } from 'react-router';

const STATUS_COLOR: Record<ImportJobView['status'], string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' };

/** How far the job is: rows processed of the rows read (a queued job has not counted them yet). */
function percentOf(j: ImportJobView) {
  if (j.status === 'succeeded') return 100;
  return j.totalRows ? Math.floor((j.processedRows * 100) / j.totalRows) : 0;
}

function JobPanel({ job, kind }: { job: ImportJobView; kind: KindView }) {
  const t = useT();
  const failed = job.status === 'failed';
  return (
    <Card className="hx-block" title={job.filename} extra={<Tag color={STATUS_COLOR[job.status]}>{t(`ledgers.assets.import.status.${job.status}`)}</Tag>}>
      <div data-testid="import-status" data-status={job.status} className="hx-ledger-import-status">
        {t(`ledgers.assets.import.status.${job.status}`)} · {t('ledgers.assets.import.startedAt', { at: formatMinute(job.createdAt) })}
        {job.finishedAt ? ` · ${t('ledgers.assets.import.finishedAt', { at: formatMinute(job.finishedAt) })}` : ''}
      </div>
      <Progress
        data-testid="import-progress"
        percent={percentOf(job)}
        status={failed ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'}
        format={() => (job.totalRows ? `${job.processedRows} / ${job.totalRows}` : `${percentOf(job)}%`)}
      />
      {job.status === 'succeeded' ? (
        <div data-testid="import-summary">
          <Alert type="success" showIcon title={t('ledgers.assets.import.done', { inserted: job.insertedRows, updated: job.updatedRows })} />
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} className="hx-ledger-import-figures">
            <Descriptions.Item label={t('ledgers.assets.import.rows')}>{job.totalRows}</Descriptions.Item>
            <Descriptions.Item label={t('ledgers.assets.import.inserted')}>{job.insertedRows}</Descriptions.Item>
            <Descriptions.Item label={t('ledgers.assets.import.updated')}>{job.updatedRows}</Descriptions.Item>
          </Descriptions>
          <Link to={LEDGER_PAGES.assets(kind.id)}>{t('ledgers.assets.import.toList')}</Link>
        </div>
      ) : null}
      {failed ? (
        <>
          <Alert type="error" showIcon title={t('ledgers.assets.import.failed', { count: job.errors.length })} className="hx-ledger-form-error" />
          <Table
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
            dataSource={job.errors}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            data-testid="import-errors"
            columns={[
              { key: 'row', title: t('ledgers.assets.import.row'), dataIndex: 'row', width: 70 },
              { key: 'column', title: t('ledgers.assets.import.column'), dataIndex: 'column' },
              { key: 'message', title: t('ledgers.assets.import.message'), dataIndex: 'message' },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}

function ImportForKind({ kind }: { kind: KindView }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const refresh = useLedgerRefresh();
  const recent = useKindImports(kind.id);
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // After a reload, the newest import of this kind (running or just finished) is followed again.
  const latest = recent.data?.[0];
  const shownId = jobId ?? latest?.id ?? null;
  const job = useImportJob(shownId);
  const j = job.data;
  const running = j !== undefined && (j.status === 'queued' || j.status === 'running');
  const succeeded = j?.status === 'succeeded';
  useEffect(() => {
    if (succeeded) void refresh();
    // Refresh once per finished job, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [succeeded, j?.id]);
  const key = importKeyField(kind.definition);

  async function upload(file: File) {
    setUploading(true);
    try {
      const created = await uploadImport(kind.id, file);
      setJobId(created.id);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <div data-testid="page-ledger-import">
      <KindCrumbs kind={kind} here={t('ledgers.assets.import.title')} />
      <PageHeader title={`${t('ledgers.assets.import.title')} · ${kindName(kind.definition, locale)}`} />
      <Card className="hx-block">
        <Typography.Paragraph>{t('ledgers.assets.import.help')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {key ? t('ledgers.assets.import.reimport', { field: labelOf(key.label, locale) }) : t('ledgers.assets.import.noKey')}
        </Typography.Paragraph>
        <Space wrap>
          <Button
            size="large"
            icon={<DownloadOutlined />}
            data-testid="import-template"
            onClick={() => download(templatePath(kind.id), {}, `${kind.code}-template.xlsx`).catch((e: unknown) => void message.error(errorMessage(e)))}
          >
            {t('ledgers.assets.import.template')}
          </Button>
          <input
            ref={input}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="hx-ledger-file-input"
            data-testid="import-file"
            disabled={uploading || running}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
          <Button
            type="primary"
            size="large"
            icon={<UploadOutlined />}
            loading={uploading || running}
            onClick={() => input.current?.click()}
            data-testid="import-upload"
          >
            {t('ledgers.assets.import.upload')}
          </Button>
        </Space>
      </Card>
      {j ? <JobPanel job={j} kind={kind} /> : null}
      {job.isError ? <Alert type="error" showIcon title={errorMessage(job.error)} /> : null}
    </div>
  );
}

/** The Excel import of a ledger: the template made from the definition, the upload, progress that survives a reload, errors by row and column. */
export default function ImportPage() {
  const id = useRouteId();
  const t = useT();
  return (
    <WithKind id={id}>
      {(kind) =>
        kind.canWrite ? (
          <ImportForKind key={kind.id} kind={kind} />
        ) : (
          <div data-testid="page-ledger-import">
            <KindCrumbs kind={kind} here={t('ledgers.assets.import.title')} />
            <Alert type="info" showIcon title={t('ledgers.assets.import.notAllowed')} />
          </div>
        )
      }
    </WithKind>
  );
}
