import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { ROLES, type Role } from '../../../../shared/roles';
import { api } from '../../../api/client';
import type { AuditRecord, Page, VerifyResult } from '../../../api/types';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { FilterBar } from '../../../components/FilterBar';
import { ExportButton } from '../../../components/ExportButton';
import { DateField } from '../../../components/DateField';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime } from '../../../components/format';
import { errorMessage } from '../../../components/formErrors';
import { useListParams } from '../../../components/useListParams';

const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

const FILTERS = ['entity', 'entityId', 'action', 'actor', 'outcome', 'from', 'to'] as const;

function Json({ value, testId }: { value: unknown; testId?: string }) {
  const t = useT();
  if (value === null || value === undefined) return <Typography.Text type="secondary">{t('audit.noChange')}</Typography.Text>;
  return (
    <pre className="hx-json" data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function RecordDetails({ record }: { record: AuditRecord }) {
  const t = useT();
  return (
    <div className="hx-audit-detail" data-testid={`audit-detail-${record.id}`}>
      <div className="hx-audit-json">
        <div>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={record.before} testId="audit-before" />
        </div>
        <div>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={record.after} testId="audit-after" />
        </div>
      </div>
      <Descriptions size="small" column={1} className="hx-audit-meta">
        <Descriptions.Item label={t('audit.ip')}>{record.ip ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.requestId')}>{record.requestId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('audit.chain')}>{record.chain}</Descriptions.Item>
        <Descriptions.Item label={t('audit.hash')}>
          <Typography.Text code className="hx-hash">
            {record.hash}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

function VerifyOutcome({ result }: { result: VerifyResult }) {
  const t = useT();
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        className="hx-block"
        data-testid="verify-ok"
        title={t('audit.verifyOk', { records: result.records, chains: result.chains ?? 1 })}
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      className="hx-block"
      data-testid="verify-broken"
      title={t('audit.verifyBroken', {
        id: result.brokenId ?? '?',
        chain: result.chain ?? '—',
        reason: result.reason ? t(`audit.reason.${result.reason}`) : '—',
      })}
    />
  );
}

/** The hash-chained audit trail: browse, filter, expand a record's before/after, export, verify the chain. */
export default function AuditPage() {
  const t = useT();
  const list = useListParams(FILTERS, { sort: 'at', order: 'desc' });
  const data = useQuery({
    queryKey: ['audit', 'list', list.query],
    queryFn: ({ signal }) => api.get<Page<AuditRecord>>('/api/audit', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const verify = useMutation({ mutationFn: () => api.get<VerifyResult>('/api/audit/verify') });

  const columns: TableColumnsType<AuditRecord> = [
    { key: 'id', title: 'ID', dataIndex: 'id', width: 72 },
    { key: 'at', title: t('audit.at'), dataIndex: 'at', sorter: true, sortOrder: list.sortOrderOf('at'), render: formatDateTime },
    { key: 'actor', title: t('audit.actor'), dataIndex: 'actorUsername', render: (v: string | null) => v ?? t('audit.system') },
    { key: 'actorRole', title: t('audit.actorRole'), dataIndex: 'actorRole', render: (v: string | null) => (v && isRole(v) ? t(`role.${v}`) : (v ?? '—')) },
    { key: 'entity', title: t('audit.entity'), dataIndex: 'entity' },
    { key: 'entityId', title: t('audit.entityId'), dataIndex: 'entityId', render: (v: string | null) => v ?? '—' },
    { key: 'action', title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    {
      key: 'outcome',
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      render: (v: AuditRecord['outcome']) => <Tag color={v === 'ok' ? 'success' : 'error'}>{t(`audit.outcome.${v}`)}</Tag>,
    },
  ];

  const f = list.state.filters;
  const exportQuery = { ...f };
  return (
    <div data-testid="page-audit">
      <PageHeader
        title={t('audit.title')}
        extra={
          <Space wrap>
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()} data-testid="audit-verify">
              {verify.isPending ? t('audit.verifying') : t('audit.verify')}
            </Button>
            <ExportButton path="/api/audit/export" query={exportQuery} fallbackName="audit-trail.xlsx" />
          </Space>
        }
      />
      {verify.data ? <VerifyOutcome result={verify.data} /> : null}
      {verify.isError ? <Alert type="error" showIcon title={errorMessage(verify.error)} className="hx-block" /> : null}
      <Card className="hx-block">
        <FilterBar
          values={{ ...f }}
          onSearch={(v) =>
            list.update({ filters: Object.fromEntries(FILTERS.map((k) => [k, typeof v[k] === 'string' ? (v[k] as string).trim() || undefined : undefined])) })
          }
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear data-testid="filter-actor" />
          </Form.Item>
          <Form.Item name="entity" label={t('audit.entity')}>
            <Input allowClear placeholder="organization / user / session…" data-testid="filter-entity" />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear placeholder="approve / create / login…" data-testid="filter-action" />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={(['ok', 'denied'] as const).map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
              data-testid="filter-outcome"
            />
          </Form.Item>
          <DateField name="from" label={t('common.dateFrom')} />
          <DateField name="to" label={t('common.dateTo')} />
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<AuditRecord>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (r) => <RecordDetails record={r} /> }}
            data-testid="audit-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
