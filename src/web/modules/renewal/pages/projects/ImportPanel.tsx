import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Progress, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { download } from '../../../../api/client';
import { errorMessage } from '../../../../components/formErrors';
import { useT } from '../../../../i18n/I18nProvider';
import { TEMPLATE_PATH, uploadProjectList, useImportJob } from './api';

/**
 * A department's existing project list into the library: download the template, upload the filled-in file, follow
 * the check's progress; errors by row and column, and nothing imported unless every row is right.
 */
export function ImportPanel() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const job = useImportJob(jobId);
  const j = job.data;
  const finished = j?.status === 'succeeded' || j?.status === 'failed';
  const succeeded = j?.status === 'succeeded';
  // The library shows the imported projects once the job has written them.
  useEffect(() => {
    if (succeeded) void qc.invalidateQueries({ queryKey: ['renewal', 'projects', 'list'] });
  }, [succeeded, qc]);
  return (
    <Card className="hx-block" data-testid="project-import">
      <Typography.Paragraph>{t('renewal.proj.import.help')}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => download(TEMPLATE_PATH, {}, 'project-template.xlsx').catch((e: unknown) => void message.error(errorMessage(e)))}
          data-testid="project-import-template"
        >
          {t('renewal.proj.import.template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            setUploading(true);
            try {
              const created = await uploadProjectList(file as File);
              setJobId(created.id);
              onSuccess?.(created);
            } catch (e) {
              void message.error(errorMessage(e));
              onError?.(e as Error);
            } finally {
              setUploading(false);
            }
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={uploading || (j !== undefined && !finished)} data-testid="project-import-upload">
            {t('renewal.proj.import.upload')}
          </Button>
        </Upload>
      </Space>
      {j ? (
        <div style={{ marginTop: 16 }} data-testid="project-import-job">
          <Typography.Text>{j.filename}</Typography.Text>
          <Progress
            percent={j.totalRows ? Math.round((j.processedRows * 100) / j.totalRows) : finished ? 100 : 0}
            status={j.status === 'failed' ? 'exception' : j.status === 'succeeded' ? 'success' : 'active'}
          />
          {j.status === 'succeeded' ? <Alert type="success" showIcon message={t('renewal.proj.import.done', { count: j.importedRows })} /> : null}
          {j.status === 'failed' ? (
            <>
              <Alert type="error" showIcon message={t('renewal.proj.import.failed', { count: j.errors.length })} style={{ marginBottom: 8 }} />
              <Table
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.reason}`}
                dataSource={j.errors}
                pagination={{ pageSize: 20 }}
                scroll={{ x: 'max-content' }}
                data-testid="project-import-errors"
                columns={[
                  { key: 'row', title: t('renewal.proj.import.row'), dataIndex: 'row', width: 70 },
                  { key: 'column', title: t('renewal.proj.import.column'), dataIndex: 'column' },
                  { key: 'message', title: t('renewal.proj.import.message'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
