import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { DemoTag } from '../../../../components/DemoTag';
import { EvidenceViewer } from '../../../../components/EvidenceViewer';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { applyApiError } from '../../../../components/formErrors';
import { formatDateTime } from '../../../../components/format';
import { testId } from '../../../../components/testId';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { matterKeys, type MatterDetailView } from './api';
import { MatterStatusTag, UrgencyTag } from './tags';

/** Each move the page offers: what it sends, and the field it asks for (none for closing). */
const MOVES = {
  answer: { url: (id: number) => `/api/plan-matters/${id}/answer`, field: 'answer', label: 'matter.field.answer', required: true },
  respond: { url: (id: number) => `/api/plan-matters/${id}/respond`, field: 'answer', label: 'matter.field.answer', required: true },
  escalate: { url: (id: number) => `/api/plan-matters/${id}/escalate`, field: 'note', label: 'matter.field.escalationNote', required: true },
  close: { url: (id: number) => `/api/plan-matters/${id}/close`, field: 'note', label: 'matter.field.note', required: false },
  withdraw: { url: (id: number) => `/api/plan-matters/${id}/withdraw`, field: 'reason', label: 'matter.field.reason', required: true },
} as const;
type Move = keyof typeof MOVES;

function MoveModal({ matter, move, onClose }: { matter: MatterDetailView; move: Move; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const spec = MOVES[move];
  const [form] = Form.useForm<Record<string, string>>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: Record<string, string>) => api.post<MatterDetailView>(spec.url(matter.id), v[spec.field] ? { [spec.field]: v[spec.field] } : {}),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: matterKeys.all });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t(`matter.action.${move}`)}
      okText={t(`matter.action.${move}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('matter-move-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{matter.title}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name={spec.field} label={t(spec.label)} rules={spec.required ? [{ required: true, min: 2, message: t('common.required') }] : []}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="matter-move-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One major matter: what was raised, the answer (or its deadline), and whatever the caller may do next. */
export default function MatterPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const id = Number(useParams().id);
  const [moving, setMoving] = useState<Move | null>(null);
  const q = useQuery({
    queryKey: matterKeys.one(id),
    queryFn: ({ signal }) => api.get<MatterDetailView>(`/api/plan-matters/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  if (!m) return <Skeleton active />;
  const moves = m.actions.filter((a): a is Move => a in MOVES);
  return (
    <div data-testid="page-plan-matter">
      <PageHeader
        title={
          <Space wrap>
            {m.title}
            <DemoTag show={m.demo} />
          </Space>
        }
        subtitle={
          <Link to="/plan/matters">
            <ArrowLeftOutlined /> {t('matter.title')}
          </Link>
        }
        extra={
          <Space wrap>
            {moves.map((a) => (
              <Button
                key={a}
                type={a === 'withdraw' ? 'default' : 'primary'}
                danger={a === 'withdraw'}
                onClick={() => setMoving(a)}
                data-testid={`matter-${a}`}
              >
                {t(`matter.action.${a}`)}
              </Button>
            ))}
          </Space>
        }
      />
      <Card className="hx-block" size="small">
        <Descriptions size="small" column={isPhone ? 1 : 3} className="hx-descriptions">
          <Descriptions.Item label={t('matter.field.status')}>
            <Space size={4} wrap data-testid="matter-status">
              <MatterStatusTag status={m.status} />
              {m.overdue ? <Tag color="red">{t('matter.overdue')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('matter.field.urgency')}>
            <UrgencyTag urgency={m.urgency} />
          </Descriptions.Item>
          <Descriptions.Item label={t('matter.field.organization')}>{m.organization.name}</Descriptions.Item>
          <Descriptions.Item label={t('matter.field.raisedAt')}>{formatDateTime(m.raisedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('matter.field.dueAt')}>{formatDateTime(m.dueAt)}</Descriptions.Item>
          {m.escalatedTo ? <Descriptions.Item label={t('matter.field.escalatedTo')}>{m.escalatedTo.name}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card className="hx-block" title={t('matter.field.description')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.description}</Typography.Paragraph>
        {m.evidence.length ? (
          <EvidenceViewer testId="matter-evidence" items={m.evidence.map((e) => ({ ...e, url: `/api/plan-matters/${m.id}/evidence/${e.id}` }))} />
        ) : null}
        {m.escalationNote ? <Alert type="info" showIcon title={`${t('matter.field.escalationNote')}：${m.escalationNote}`} /> : null}
      </Card>
      <Card className="hx-block" title={t('matter.answerTitle')} data-testid="matter-answer">
        {m.answer ? (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.answer}</Typography.Paragraph>
            <Typography.Text type="secondary">
              {m.answeredBy?.name} · {formatDateTime(m.answeredAt)}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{m.withdrawnReason ?? t('matter.answerWaiting', { due: formatDateTime(m.dueAt) })}</Typography.Text>
        )}
      </Card>
      <Card className="hx-block" title={t('matter.timeline')}>
        <Timeline
          items={m.timeline.map((e) => ({
            key: e.id,
            content: (
              <>
                <Typography.Text strong>{t(`matter.action.${e.action as Move | 'raise'}`)}</Typography.Text> · {formatDateTime(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
                {e.note ? <div className="hx-timeline-note">{e.note}</div> : null}
              </>
            ),
          }))}
        />
      </Card>
      {moving ? <MoveModal matter={m} move={moving} onClose={() => setMoving(null)} /> : null}
    </div>
  );
}
