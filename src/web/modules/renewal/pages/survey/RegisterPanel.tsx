import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../../api/client';
import { DemoTag } from '../../../../components/DemoTag';
import { errorMessage, useFormSubmit } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { identifierRule } from '../../../../components/rules';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { SURVEY_BASE, surveyKeys, useRegister, useTowns, type ImportResultView, type RegisterRowView } from './api';
import { AnswerSummary, SurveyStatusTag } from './parts';
import { ResponseForm } from './ResponseForm';

/** Template, upload and the outcome: every error by row and column, nothing imported unless every row is right. */
function ImportBox({ roundId }: { roundId: number }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResultView | null>(null);
  return (
    <Card size="small" className="hx-block" data-testid="survey-import">
      <Typography.Paragraph>{t('renewal.survey.import.help')}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(`${SURVEY_BASE}/register-template.xlsx`, {}, 'register-template.xlsx').catch((e: unknown) => void message.error(errorMessage(e)))
          }
        >
          {t('renewal.survey.import.template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          customRequest={async ({ file, onSuccess, onError }) => {
            setBusy(true);
            setResult(null);
            try {
              const r = await api.upload<ImportResultView>(`${SURVEY_BASE}/rounds/${roundId}/register/import`, file as File);
              setResult(r);
              if (r.status === 'succeeded') await qc.invalidateQueries({ queryKey: surveyKeys.all });
              onSuccess?.(r);
            } catch (e) {
              void message.error(errorMessage(e));
              onError?.(e as Error);
            } finally {
              setBusy(false);
            }
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="survey-import-upload">
            {t('renewal.survey.import.upload')}
          </Button>
        </Upload>
      </Space>
      {result?.status === 'succeeded' ? (
        <Alert style={{ marginTop: 12 }} type="success" showIcon message={t('renewal.survey.import.done', { count: result.importedRows })} />
      ) : null}
      {result?.status === 'failed' ? (
        <div style={{ marginTop: 12 }}>
          <Alert type="error" showIcon message={t('renewal.survey.import.failed', { count: result.errors.length })} style={{ marginBottom: 8 }} />
          <Table
            size="small"
            rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
            dataSource={result.errors}
            pagination={{ pageSize: 20 }}
            scroll={{ x: 'max-content' }}
            data-testid="survey-import-errors"
            columns={[
              { key: 'row', title: t('renewal.survey.import.row'), dataIndex: 'row', width: 70 },
              { key: 'column', title: t('renewal.survey.import.column'), dataIndex: 'column' },
              { key: 'message', title: t('renewal.survey.import.message'), dataIndex: 'message' },
            ]}
          />
        </div>
      ) : null}
    </Card>
  );
}

function AddRow({ roundId, onClose }: { roundId: number; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const towns = useTowns();
  const industries = useDictionary('industry');
  const { locale } = useLocale();
  const [form] = Form.useForm();
  const { saving, error, submit } = useFormSubmit(form, async (v: Record<string, unknown>) => {
    await api.post(`${SURVEY_BASE}/rounds/${roundId}/register`, v);
    await qc.invalidateQueries({ queryKey: surveyKeys.all });
    onClose();
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <Modal open title={t('renewal.survey.addRow')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="creditCode" label={t('renewal.survey.field.creditCode')} rules={[...required, identifierRule('creditCode', locale)]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="name" label={t('renewal.survey.field.enterprise')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="townId" label={t('renewal.survey.field.town')} rules={required}>
          <Select options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="industry" label={t('renewal.survey.field.industry')} rules={required}>
          <Select options={industries.options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A round's register with each enterprise's response; the manager imports, adds, removes and records on behalf. */
export function RegisterPanel({ roundId, manage, open }: { roundId: number; manage: boolean; open: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const industries = useDictionary('industry');
  const isPhone = useIsPhone();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [opened, setOpened] = useState<RegisterRowView | null>(null);
  const q = useRegister(roundId, { page, pageSize: 20, sort: 'name', order: 'asc', q: search || undefined, status });
  const remove = async (id: number) => {
    try {
      await api.delete(`${SURVEY_BASE}/register/${id}`);
      await qc.invalidateQueries({ queryKey: surveyKeys.all });
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <div data-testid="survey-register">
      {manage ? <ImportBox roundId={roundId} /> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('renewal.survey.search')}
          onSearch={(v) => {
            setSearch(v);
            setPage(1);
          }}
          style={{ width: 240, maxWidth: '100%' }}
        />
        <Select
          allowClear
          placeholder={t('renewal.survey.field.status')}
          style={{ width: 140 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['none', 'draft', 'submitted', 'checked', 'returned'] as const).map((s) => ({ value: s, label: t(`renewal.survey.status.${s}`) }))}
        />
        {manage ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('renewal.survey.addRow')}
          </Button>
        ) : null}
      </Space>
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Table<RegisterRowView>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('renewal.survey.emptyRegister') }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            key: 'name',
            title: t('renewal.survey.field.enterprise'),
            render: (_, r) => (
              <Space size={4} wrap>
                <Typography.Link onClick={() => setOpened(r)}>{r.name}</Typography.Link>
                <DemoTag show={r.isDemo} />
              </Space>
            ),
          },
          { key: 'code', title: t('renewal.survey.field.creditCode'), dataIndex: 'creditCode' },
          { key: 'town', title: t('renewal.survey.field.town'), dataIndex: 'townName' },
          { key: 'industry', title: t('renewal.survey.field.industry'), render: (_, r) => industries.labelOf(r.industry) },
          {
            key: 'status',
            title: t('renewal.survey.field.status'),
            render: (_, r) => (
              <Space size={4}>
                <SurveyStatusTag status={r.response?.status ?? 'none'} />
                {r.hasAccount ? null : <Typography.Text type="secondary">{t('renewal.survey.noAccount')}</Typography.Text>}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_: unknown, r: RegisterRowView) =>
                    r.response ? null : (
                      <Popconfirm title={t('renewal.survey.remove')} onConfirm={() => void remove(r.id)}>
                        <Button size="small" type="link" danger>
                          {t('renewal.survey.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding ? <AddRow roundId={roundId} onClose={() => setAdding(false)} /> : null}
      <Drawer open={opened !== null} onClose={() => setOpened(null)} title={opened?.name} size={isPhone ? '100%' : 640} destroyOnHidden>
        {opened ? (
          <>
            <Typography.Paragraph type="secondary">
              {opened.creditCode} · {opened.townName} {opened.response?.onBehalf ? ` · ${t('renewal.survey.onBehalf')}` : ''}
            </Typography.Paragraph>
            {opened.response?.returnReason ? (
              <Alert type="warning" showIcon message={t('renewal.survey.returned', { reason: opened.response.returnReason })} />
            ) : null}
            {manage && open && !opened.hasAccount && (!opened.response || opened.response.actions.includes('edit')) ? (
              <>
                <Typography.Title level={5}>{t('renewal.survey.recordOnBehalf')}</Typography.Title>
                <ResponseForm row={opened} onDone={() => setOpened(null)} />
              </>
            ) : (
              <AnswerSummary row={opened} />
            )}
          </>
        ) : null}
      </Drawer>
    </div>
  );
}
