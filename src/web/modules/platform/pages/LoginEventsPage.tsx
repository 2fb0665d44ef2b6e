import { Card, Form, Input, Select, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { LoginEvent, Page } from '../../../api/types';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { PageHeader } from '../../../components/PageHeader';
import { FilterBar } from '../../../components/FilterBar';
import { ExportButton } from '../../../components/ExportButton';
import { DateField } from '../../../components/DateField';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime, shortUserAgent } from '../../../components/format';
import { useListParams } from '../../../components/useListParams';

const FILTERS = ['username', 'success', 'from', 'to'] as const;
const KNOWN_REASONS = new Set([
  'ok',
  'bad_credentials',
  'locked',
  'disabled',
  'organization_inactive',
  'mfa_challenge',
  'mfa_enrolment_required',
  'mfa_bad_code',
  'mfa_bad_recovery_code',
  'mfa_challenge_invalid',
  'ok_recovery_code',
]);

/** Every sign-in, successful or not. */
export default function LoginEventsPage() {
  const t = useT();
  const list = useListParams(FILTERS, { sort: 'at', order: 'desc' });
  const data = useQuery({
    queryKey: ['login-events', 'list', list.query],
    queryFn: ({ signal }) => api.get<Page<LoginEvent>>('/api/login-events', list.query, signal),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<LoginEvent> = [
    { key: 'at', title: t('audit.at'), dataIndex: 'at', sorter: true, sortOrder: list.sortOrderOf('at'), render: formatDateTime },
    { key: 'username', title: t('logins.username'), dataIndex: 'username' },
    {
      key: 'success',
      title: t('logins.result'),
      dataIndex: 'success',
      render: (v: boolean) => <Tag color={v ? 'success' : 'error'}>{v ? t('logins.success') : t('logins.failure')}</Tag>,
    },
    {
      key: 'reason',
      title: t('logins.reason'),
      dataIndex: 'reason',
      render: (v: string) => (KNOWN_REASONS.has(v) ? t(`logins.reason.${v}` as MessageKey) : v),
    },
    { key: 'ip', title: t('sessions.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      key: 'userAgent',
      title: t('sessions.userAgent'),
      dataIndex: 'userAgent',
      render: (v: string | null) => (
        <Tooltip title={v}>
          <span>{shortUserAgent(v)}</span>
        </Tooltip>
      ),
    },
  ];

  const f = list.state.filters;
  return (
    <div data-testid="page-login-events">
      <PageHeader title={t('logins.title')} extra={<ExportButton path="/api/login-events/export.xlsx" query={{ ...f }} fallbackName="login-log.xlsx" />} />
      <Card className="hx-block">
        <FilterBar
          values={{ ...f }}
          onSearch={(v) =>
            list.update({
              filters: {
                username: typeof v.username === 'string' ? v.username.trim() || undefined : undefined,
                success: v.success,
                from: v.from,
                to: v.to,
              },
            })
          }
        >
          <Form.Item name="username" label={t('logins.username')}>
            <Input allowClear data-testid="filter-username" />
          </Form.Item>
          <Form.Item name="success" label={t('logins.result')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('logins.success') },
                { value: 'false', label: t('logins.failure') },
              ]}
              data-testid="filter-success"
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
          <Table<LoginEvent>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            data-testid="login-events-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
