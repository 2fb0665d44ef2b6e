import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';
import { DemoTag } from '../../../components/DemoTag';
import { ExportButton } from '../../../components/ExportButton';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useT } from '../../../i18n/I18nProvider';
import { noticeKeys, type NoticeDetailView, type ReaderView } from './api';
import { NoticeForm } from './NoticeForm';
import { NoticeKindTag, NoticeStatusTag } from './tags';

function WithdrawModal({ notice, onClose }: { notice: NoticeDetailView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: { reason: string }) => api.post<NoticeDetailView>(`/api/notices/${notice.id}/withdraw`, v),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: noticeKeys.all });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('notice.withdraw')}
      okText={t('notice.withdraw')}
      okButtonProps={{ danger: true, loading: mutation.isPending, ...testId('notice-withdraw-ok') }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="reason" label={t('notice.field.reason')} rules={[{ required: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="notice-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Who has confirmed a notice and who has not (those first), with the Excel list of those still to confirm. */
function Readers({ notice }: { notice: NoticeDetailView }) {
  const t = useT();
  const [pendingOnly, setPendingOnly] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...page, confirmed: pendingOnly ? 'false' : undefined };
  const readers = useQuery({
    queryKey: noticeKeys.readers(notice.id, query),
    queryFn: ({ signal }) => api.get<Page<ReaderView>>(`/api/notices/${notice.id}/readers`, query, signal),
  });
  const c = notice.confirmations;
  return (
    <Card
      className="hx-block hx-table-card"
      title={c ? t('notice.confirmations', c) : t('notice.readers')}
      extra={
        <Space wrap>
          <Checkbox
            checked={pendingOnly}
            onChange={(e) => {
              setPendingOnly(e.target.checked);
              setPage((p) => ({ ...p, page: 1 }));
            }}
            data-testid="notice-readers-pending"
          >
            {t('notice.readers.onlyPending')}
          </Checkbox>
          <ExportButton path={`/api/notices/${notice.id}/unconfirmed.xlsx`} query={{}} fallbackName="unconfirmed.xlsx" testId="notice-export-unconfirmed" />
        </Space>
      }
    >
      {readers.isError ? (
        <LoadError error={readers.error} onRetry={() => void readers.refetch()} />
      ) : (
        <Table<ReaderView>
          rowKey={(r) => r.organization.id}
          size="small"
          dataSource={readers.data?.items ?? []}
          loading={readers.isFetching}
          data-testid="notice-readers"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notice.empty.readers')} /> }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: readers.data?.total ?? 0,
            hideOnSinglePage: true,
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            { key: 'organization', title: t('notice.readers.organization'), render: (_, r) => r.organization.name },
            {
              key: 'confirmedAt',
              title: t('notice.readers.confirmedAt'),
              render: (_, r) => (r.confirmedAt ? formatDateTime(r.confirmedAt) : <Tag color="orange">{t('notice.readers.notYet')}</Tag>),
            },
            { key: 'confirmedBy', title: t('notice.readers.confirmedBy'), render: (_, r) => r.confirmedBy ?? '—' },
          ]}
        />
      )}
    </Card>
  );
}

/** One notice: its text; for the office the moves and the confirmations; for a unit addressed, its 签阅. */
export default function NoticePage() {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const q = useQuery({
    queryKey: noticeKeys.one(id),
    queryFn: ({ signal }) => api.get<NoticeDetailView>(`/api/notices/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
  const act = useMutation({
    mutationFn: (action: 'publish' | 'confirm') =>
      api.post<NoticeDetailView>(action === 'publish' ? `/api/notices/${id}/publish` : `/api/notices/${id}/confirm`),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: noticeKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const n = q.data;
  if (!n) return <Skeleton active />;
  const can = (a: string) => n.actions.includes(a);
  return (
    <div data-testid="page-notice">
      <PageHeader
        title={
          <Space wrap>
            {n.title}
            <DemoTag show={n.demo} />
          </Space>
        }
        subtitle={
          <Link to="/notices">
            <ArrowLeftOutlined /> {t('notice.title')}
          </Link>
        }
        extra={
          <Space wrap>
            {can('edit') ? (
              <Button onClick={() => setEditing(true)} data-testid="notice-edit">
                {t('notice.edit')}
              </Button>
            ) : null}
            {can('publish') ? (
              <Popconfirm
                title={t('notice.publishConfirm')}
                okText={t('notice.publish')}
                cancelText={t('common.cancel')}
                onConfirm={() => act.mutateAsync('publish')}
              >
                <Button type="primary" loading={act.isPending} data-testid="notice-publish">
                  {t('notice.publish')}
                </Button>
              </Popconfirm>
            ) : null}
            {can('withdraw') ? (
              <Button danger onClick={() => setWithdrawing(true)} data-testid="notice-withdraw">
                {t('notice.withdraw')}
              </Button>
            ) : null}
            {can('confirm') ? (
              <Button type="primary" icon={<CheckOutlined />} loading={act.isPending} onClick={() => act.mutate('confirm')} data-testid="notice-confirm">
                {t('notice.confirm')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {n.status === 'withdrawn' ? (
        <Alert
          type="warning"
          showIcon
          className="hx-block"
          title={t('notice.withdrawn', { at: formatDateTime(n.withdrawnAt), reason: n.withdrawReason ?? '' })}
        />
      ) : null}
      {n.confirmedAt ? (
        <Alert
          type="success"
          showIcon
          className="hx-block"
          data-testid="notice-confirmed"
          title={t('notice.confirmedBy', { name: n.confirmedBy ?? '', at: formatDateTime(n.confirmedAt) })}
        />
      ) : null}
      <Card className="hx-block" size="small">
        <Descriptions size="small" column={isPhone ? 1 : 3} className="hx-descriptions">
          <Descriptions.Item label={t('notice.field.kind')}>
            <NoticeKindTag kind={n.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('notice.field.status')}>
            <span data-testid="notice-status">
              <NoticeStatusTag status={n.status} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('notice.field.publishedAt')}>{formatDateTime(n.publishedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('notice.field.audience')}>
            {n.audience === 'units' ? n.recipients.map((r) => r.name).join('、') : t(`notice.audience.${n.audience}`)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="hx-block">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="notice-body-text">
          {n.body}
        </Typography.Paragraph>
      </Card>
      {n.confirmations && n.status !== 'draft' ? <Readers notice={n} /> : null}
      {n.timeline.length ? (
        <Card className="hx-block" title={t('notice.history')}>
          <Timeline
            items={n.timeline.map((e) => ({
              key: e.id,
              content: (
                <>
                  <Typography.Text strong>{t(`notice.action.${e.action as 'create' | 'edit' | 'publish' | 'withdraw'}`)}</Typography.Text> ·{' '}
                  {formatDateTime(e.at)}
                  {e.note ? <div>{e.note}</div> : null}
                </>
              ),
            }))}
          />
        </Card>
      ) : null}
      {editing ? <NoticeForm notice={n} onClose={() => setEditing(false)} /> : null}
      {withdrawing ? <WithdrawModal notice={n} onClose={() => setWithdrawing(false)} /> : null}
    </div>
  );
}
