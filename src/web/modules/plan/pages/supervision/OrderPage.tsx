import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { EvidenceViewer } from '../../../../components/EvidenceViewer';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../../components/formErrors';
import { formatDateTime } from '../../../../components/format';
import { testId } from '../../../../components/testId';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { EvidenceUpload, type EvidenceFile } from '../../components';
import { AlertTag } from './AlertTag';
import { supervisionKeys, type OrderDetailView } from './api';
import { OrderStatusTag } from './OrderStatusTag';

type Move = 'issue' | 'sign' | 'handle' | 'feedback' | 'close' | 'return';

/** A move that needs words (and evidence): feedback, a return's reason, a closing note. */
function MoveModal({ order, move, onClose }: { order: OrderDetailView; move: 'feedback' | 'return' | 'close'; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ text?: string; evidence?: EvidenceFile[] }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: { text?: string; evidence?: EvidenceFile[] }) => {
      const text = v.text?.trim() ?? '';
      const body =
        move === 'feedback'
          ? { feedback: text, attachmentIds: (v.evidence ?? []).map((e) => e.id) }
          : move === 'return'
            ? { reason: text }
            : { note: text || null };
      return api.post<OrderDetailView>(`/api/plan-orders/${order.id}/${move}`, body);
    },
    onSuccess: async (o) => {
      queryClient.setQueryData(supervisionKeys.order(o.id), o);
      await queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      message.success(t('plan.order.done', { action: t(`plan.order.action.${move}`) }));
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e, { feedback: 'text', reason: 'text', note: 'text', attachmentIds: 'evidence' })),
  });
  const title = move === 'feedback' ? t('plan.order.feedbackTitle') : move === 'return' ? t('plan.order.returnTitle') : t('plan.order.closeTitle');
  const label =
    move === 'feedback' ? t('plan.order.field.feedback') : move === 'return' ? t('plan.order.field.returnReason') : t('plan.order.field.reviewNote');
  const required = move !== 'close';
  return (
    <Modal
      open
      title={title}
      okText={t(`plan.order.action.${move}`)}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: move === 'return', loading: mutation.isPending, ...testId(`order-${move}-ok`) }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="text"
          label={label}
          extra={move === 'feedback' ? t('plan.order.feedbackHint') : undefined}
          rules={
            required
              ? [{ required: true, whitespace: true, min: 2, message: move === 'feedback' ? t('plan.order.feedbackRequired') : t('plan.order.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea rows={5} maxLength={move === 'feedback' ? 4000 : 1000} showCount data-testid={`order-${move}-text`} />
        </Form.Item>
        {move === 'feedback' ? (
          <Form.Item name="evidence" label={t('plan.order.field.evidence')}>
            <EvidenceUpload />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/**
 * One supervision order: what, to whom, by when, where it stands (with today's colour), what the unit reported and
 * the evidence, its timeline, and the moves the caller may make now (the server says which).
 */
export default function OrderPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const [open, setOpen] = useState<'feedback' | 'return' | 'close' | null>(null);
  const order = useQuery({
    queryKey: supervisionKeys.order(id),
    queryFn: ({ signal }) => api.get<OrderDetailView>(`/api/plan-orders/${id}`, undefined, signal),
    enabled: Number.isInteger(id) && id > 0,
  });
  const simple = useMutation({
    mutationFn: (move: Move) => api.post<OrderDetailView>(`/api/plan-orders/${id}/${move}`, move === 'handle' ? {} : undefined),
    onSuccess: async (o, move) => {
      queryClient.setQueryData(supervisionKeys.order(o.id), o);
      await queryClient.invalidateQueries({ queryKey: supervisionKeys.all });
      message.success(t('plan.order.done', { action: t(`plan.order.action.${move}`) }));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const o = order.data;
  if (order.isError) return <LoadError error={order.error} onRetry={() => void order.refetch()} />;
  if (!o)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const button = (move: Move) => {
    const label = t(`plan.order.action.${move}`);
    if (move === 'feedback' || move === 'return' || move === 'close')
      return (
        <Button
          key={move}
          type={move === 'return' ? 'default' : 'primary'}
          danger={move === 'return'}
          onClick={() => setOpen(move)}
          data-testid={`order-${move}`}
        >
          {label}
        </Button>
      );
    return (
      <Popconfirm
        key={move}
        title={t('plan.order.confirm', { action: label })}
        okText={label}
        cancelText={t('common.cancel')}
        onConfirm={() => simple.mutateAsync(move)}
        okButtonProps={testId(`order-${move}-ok`)}
      >
        <Button type={move === 'handle' ? 'default' : 'primary'} loading={simple.isPending && simple.variables === move} data-testid={`order-${move}`}>
          {label}
        </Button>
      </Popconfirm>
    );
  };

  return (
    <div data-testid="page-plan-order" data-status={o.status}>
      <PageHeader
        title={o.matter}
        subtitle={`${t(`plan.order.subject.${o.subject}`)}：${o.subjectTitle}`}
        extra={
          <Space wrap>
            <Link to="/plan/orders">
              <Button icon={<ArrowLeftOutlined />}>{t('plan.order.back')}</Button>
            </Link>
            {(o.actions as Move[]).map(button)}
          </Space>
        }
      />
      {o.status === 'returned' && o.returnReason ? (
        <Alert
          type="error"
          showIcon
          className="hx-block"
          title={t('plan.order.field.returnReason')}
          description={o.returnReason}
          data-testid="order-return-reason"
        />
      ) : null}
      <Card className="hx-block" size="small">
        <Descriptions size="small" column={isPhone ? 1 : 3} className="hx-descriptions">
          <Descriptions.Item label={t('plan.order.field.status')}>
            <Space size={4} wrap>
              <OrderStatusTag status={o.status} testId="order-status" />
              <AlertTag colour={o.colour} testId="order-colour" />
              {o.overdue ? <Tag color="red">{t('plan.order.overdue')}</Tag> : null}
              {o.demo ? <Tag>{t('plan.order.demo')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('plan.order.field.unit')}>{o.organization.name}</Descriptions.Item>
          <Descriptions.Item label={t('plan.order.field.deadline')}>{o.deadlineDate}</Descriptions.Item>
          <Descriptions.Item label={t('plan.order.field.issuedAt')}>{formatDateTime(o.issuedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('plan.order.field.signedAt')}>{formatDateTime(o.signedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('plan.order.field.closedAt')}>{formatDateTime(o.closedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card className="hx-block" title={t('plan.order.field.requirement')} size="small">
        <Typography.Paragraph className="hx-plan-original" data-testid="order-requirement">
          {o.requirement}
        </Typography.Paragraph>
      </Card>
      <Card className="hx-block" title={t('plan.order.field.feedback')} size="small">
        <Typography.Paragraph className="hx-plan-original" data-testid="order-feedback-shown">
          {o.feedback ?? '—'}
        </Typography.Paragraph>
        {o.evidence.length ? (
          <EvidenceViewer testId="order-evidence" items={o.evidence.map((e) => ({ ...e, url: `/api/plan-orders/${o.id}/evidence/${e.id}` }))} />
        ) : null}
        {o.reviewNote ? (
          <Typography.Paragraph type="secondary">
            {t('plan.order.field.reviewNote')}：{o.reviewNote}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card className="hx-block" title={t('plan.order.timeline')} size="small">
        <Timeline
          data-testid="order-timeline"
          items={[...o.events].reverse().map((e) => ({
            key: e.id,
            color: e.toStatus === 'closed' ? 'green' : e.toStatus === 'returned' ? 'red' : 'blue',
            content: (
              <div data-testid={`order-event-${e.action}`}>
                <Typography.Text strong>{t(`plan.order.event.${e.action as Move | 'raise'}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {formatDateTime(e.at)} · {e.actorRole === 'office' ? t('plan.order.role.office') : t('plan.order.role.unit')}
                </Typography.Text>
                <div>
                  {e.fromStatus ? `${t(`plan.order.status.${e.fromStatus as OrderDetailView['status']}`)} → ` : ''}
                  {t(`plan.order.status.${e.toStatus as OrderDetailView['status']}`)}
                </div>
                {e.note ? <Typography.Text>{e.note}</Typography.Text> : null}
                {e.reason ? <Typography.Text type="danger">{e.reason}</Typography.Text> : null}
              </div>
            ),
          }))}
        />
      </Card>
      {open ? <MoveModal order={o} move={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
