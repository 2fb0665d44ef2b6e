import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { useUser } from '../../../../auth/AuthProvider';
import { DemoTag } from '../../../../components/DemoTag';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { applyApiError } from '../../../../components/formErrors';
import { formatDateTime } from '../../../../components/format';
import { testId } from '../../../../components/testId';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { EvidenceUpload, type EvidenceFile } from '../../../../components/EvidenceUpload';
import { MATTER_STATUSES, MATTER_URGENCIES, matterKeys, useAnswerDays, type MatterDetailView, type MatterUrgency, type MatterView } from './api';
import { MatterStatusTag, UrgencyTag } from './tags';

const FILTERS = ['status', 'urgency', 'overdue'] as const;

interface RaiseValues {
  title: string;
  description: string;
  urgency: MatterUrgency;
  evidence?: EvidenceFile[];
}

function RaiseModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const days = useAnswerDays();
  const [form] = Form.useForm<RaiseValues>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: RaiseValues) =>
      api.post<MatterDetailView>('/api/plan-matters', {
        title: v.title,
        description: v.description,
        urgency: v.urgency,
        attachmentIds: (v.evidence ?? []).map((e) => e.id),
      }),
    onSuccess: async (m) => {
      message.success(t('matter.raised'));
      await queryClient.invalidateQueries({ queryKey: matterKeys.all });
      onClose();
      void navigate(`/plan/matters/${m.id}`);
    },
    onError: (e) => setError(applyApiError(form, e, { attachmentIds: 'evidence' })),
  });
  return (
    <Modal
      open
      title={t('matter.raise')}
      okText={t('matter.raiseOk')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('matter-raise-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
      width={640}
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="matter-raise-error" /> : null}
      <Form form={form} layout="vertical" initialValues={{ urgency: 'normal' }} onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="title" label={t('matter.field.title')} rules={[{ required: true, min: 4, max: 100, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="matter-title" />
        </Form.Item>
        <Form.Item name="urgency" label={t('matter.field.urgency')} extra={t('matter.urgencyHint', days)} rules={[{ required: true }]}>
          <Select options={MATTER_URGENCIES.map((u) => ({ value: u, label: t(`matter.urgency.${u}`) }))} data-testid="matter-urgency" />
        </Form.Item>
        <Form.Item name="description" label={t('matter.field.description')} rules={[{ required: true, min: 10, max: 4000, message: t('common.required') }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount data-testid="matter-description" />
        </Form.Item>
        <Form.Item name="evidence" label={t('matter.field.evidence')}>
          <EvidenceUpload testId="matter-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type FilterValues = { q?: string; status?: string; urgency?: string; overdue?: string };

/** Major matters: a unit's own (it raises them here), the office's desk of all of them with the overdue listing. */
export default function MattersPage() {
  const t = useT();
  const user = useUser();
  const unit = user.role === 'department' || user.role === 'town';
  const [raising, setRaising] = useState(false);
  const list = useListParams(FILTERS, { pageSize: 20 });
  const f = list.state.filters;
  const query = { ...list.query, status: f.status, urgency: f.urgency, overdue: f.overdue };
  const data = useQuery({
    queryKey: matterKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<MatterView>>('/api/plan-matters', query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<MatterView> = [
    {
      key: 'title',
      title: t('matter.field.title'),
      sorter: true,
      sortOrder: list.sortOrderOf('title'),
      render: (_, m) => (
        <Space size={4} wrap>
          <Link to={`/plan/matters/${m.id}`} data-testid={`matter-link-${m.id}`}>
            {m.title}
          </Link>
          <DemoTag show={m.demo} />
        </Space>
      ),
    },
    {
      key: 'urgency',
      title: t('matter.field.urgency'),
      sorter: true,
      sortOrder: list.sortOrderOf('urgency'),
      render: (_, m) => <UrgencyTag urgency={m.urgency} />,
    },
    {
      key: 'status',
      title: t('matter.field.status'),
      sorter: true,
      sortOrder: list.sortOrderOf('status'),
      render: (_, m) => (
        <Space size={4} wrap>
          <MatterStatusTag status={m.status} />
          {m.overdue ? <Tag color="red">{t('matter.overdue')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'organization',
      title: t('matter.field.organization'),
      sorter: true,
      sortOrder: list.sortOrderOf('organization'),
      render: (_, m) => m.organization.name,
    },
    { key: 'raisedAt', title: t('matter.field.raisedAt'), sorter: true, sortOrder: list.sortOrderOf('raisedAt'), render: (_, m) => formatDateTime(m.raisedAt) },
    { key: 'dueAt', title: t('matter.field.dueAt'), sorter: true, sortOrder: list.sortOrderOf('dueAt'), render: (_, m) => formatDateTime(m.dueAt) },
  ];
  return (
    <div data-testid="page-plan-matters">
      <PageHeader
        title={t('matter.title')}
        subtitle={t('matter.subtitle')}
        extra={
          unit ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="matter-raise">
              {t('matter.raise')}
            </Button>
          ) : null
        }
      />
      <Card className="hx-block">
        <FilterBar<FilterValues>
          values={{ q: list.state.q, status: f.status, urgency: f.urgency, overdue: f.overdue }}
          onSearch={(v) => list.update({ q: v.q, filters: { status: v.status, urgency: v.urgency, overdue: v.overdue } })}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('matter.searchPlaceholder')} data-testid="matter-search" />
          </Form.Item>
          <Form.Item name="status" label={t('matter.field.status')}>
            <Select allowClear placeholder={t('common.all')} options={MATTER_STATUSES.map((s) => ({ value: s, label: t(`matter.status.${s}`) }))} />
          </Form.Item>
          <Form.Item name="urgency" label={t('matter.field.urgency')}>
            <Select allowClear placeholder={t('common.all')} options={MATTER_URGENCIES.map((u) => ({ value: u, label: t(`matter.urgency.${u}`) }))} />
          </Form.Item>
          <Form.Item name="overdue" label={t('matter.filter.overdue')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('common.yes') },
                { value: 'false', label: t('common.no') },
              ]}
              data-testid="matter-filter-overdue"
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card" title={f.overdue === 'true' ? t('matter.overdueList') : undefined}>
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<MatterView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty description={f.overdue === 'true' ? t('matter.emptyOverdue') : t('matter.empty')}>
                  {unit ? <Typography.Link onClick={() => setRaising(true)}>{t('matter.raise')}</Typography.Link> : null}
                </Empty>
              ),
            }}
            data-testid="matter-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      {raising ? <RaiseModal onClose={() => setRaising(false)} /> : null}
    </div>
  );
}
