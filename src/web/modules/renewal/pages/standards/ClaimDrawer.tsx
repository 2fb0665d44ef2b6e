import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Form, Input, Modal, Space, Spin, Timeline, Typography } from 'antd';
import type { ClaimModel } from '../../../../../shared/enums/renewalStandards';
import { DemoTag } from '../../../../components/DemoTag';
import { EvidenceViewer } from '../../../../components/EvidenceViewer';
import { formatMinute } from '../../../../components/format';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { claimBase, useClaim, useMoveClaim, type ClaimDetailView, type ClaimMove } from './api';
import { useModelFaces } from './models';
import { useAction } from '../../../../components/useAction';
import { ClaimStatusTag } from './parts';

/** One record: its fields, evidence and history, and the moves the reader may make now (the server decides again). */
export function ClaimDrawer({
  model,
  id,
  onClose,
  onEdit,
}: {
  model: ClaimModel;
  id: number | null;
  onClose: () => void;
  onEdit?: (v: ClaimDetailView) => void;
}) {
  const t = useT();
  const isPhone = useIsPhone();
  const face = useModelFaces()[model];
  const data = useClaim(model, id);
  const moveClaim = useMoveClaim();
  const [asking, setAsking] = useState<'return' | 'withdraw' | null>(null);
  const { busy, run: runAction } = useAction();
  const v = data.data;

  async function run(move: ClaimMove, body?: object) {
    if (v) await runAction(() => moveClaim(model, v.id, move, body), t(`renewal.std.moved.${move}`));
  }

  const actions = v?.actions ?? [];
  const buttons = v ? (
    <Space wrap data-testid="claim-actions">
      {actions.includes('edit') && onEdit ? (
        <Button onClick={() => onEdit(v)} data-testid="claim-edit">
          {t('renewal.std.do.edit')}
        </Button>
      ) : null}
      {actions.includes('submit') ? (
        <Button type="primary" loading={busy} onClick={() => void run('submit')} data-testid="claim-submit">
          {t('renewal.std.do.submit')}
        </Button>
      ) : null}
      {actions.includes('confirm') ? (
        <Button type="primary" loading={busy} onClick={() => void run('confirm', {})} data-testid="claim-confirm">
          {t('renewal.std.do.confirm')}
        </Button>
      ) : null}
      {actions.includes('return') ? (
        <Button danger onClick={() => setAsking('return')} data-testid="claim-return">
          {t('renewal.std.do.return')}
        </Button>
      ) : null}
      {actions.includes('withdraw') ? (
        <Button danger onClick={() => setAsking('withdraw')} data-testid="claim-withdraw">
          {t('renewal.std.do.withdraw')}
        </Button>
      ) : null}
    </Space>
  ) : null;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={v ? face.name(v) : t(`renewal.std.tab.${model}`)}
      extra={isPhone ? null : buttons}
      destroyOnHidden
    >
      {data.isError ? <LoadError error={data.error} onRetry={() => void data.refetch()} /> : null}
      {!v ? (
        data.isLoading ? (
          <Spin />
        ) : null
      ) : (
        <div data-testid="claim-detail">
          {isPhone ? <div style={{ marginBottom: 12 }}>{buttons}</div> : null}
          {v.status === 'returned' && v.returnReason ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="claim-returned"
              message={t('renewal.std.returnedBecause', { reason: v.returnReason })}
            />
          ) : null}
          {v.status === 'withdrawn' && v.withdrawReason ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('renewal.std.withdrawnBecause', { reason: v.withdrawReason })} />
          ) : null}
          <Descriptions size="small" column={isPhone ? 1 : 2} bordered>
            <Descriptions.Item label={t('renewal.std.field.status')}>
              <Space size={4}>
                <ClaimStatusTag status={v.status} />
                <DemoTag show={v.isDemo} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.std.field.organization')}>{v.organizationName}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.std.field.town')}>{v.townName ?? '—'}</Descriptions.Item>
            {face.details(v).map(([label, value]) => (
              <Descriptions.Item key={label} label={label}>
                {value}
              </Descriptions.Item>
            ))}
            {v.note ? <Descriptions.Item label={t('renewal.std.field.note')}>{v.note}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('renewal.std.evidence')}
          </Typography.Title>
          {v.evidence.length ? (
            <EvidenceViewer items={v.evidence.map((e) => ({ ...e, url: `${claimBase(model)}/${v.id}/evidence/${e.id}` }))} testId="claim-evidence" />
          ) : (
            <Typography.Text type="secondary">{t('renewal.std.noEvidence')}</Typography.Text>
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('renewal.std.history')}
          </Typography.Title>
          <Timeline
            data-testid="claim-timeline"
            items={v.timeline.map((e) => ({
              content: (
                <div>
                  <Typography.Text strong>{t(`renewal.std.status.${e.toStatus as ClaimDetailView['status']}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
                  {e.reasons.length > 0 && <div>{e.reasons.join('；')}</div>}
                  {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                </div>
              ),
            }))}
          />
          <ReasonModal
            title={asking ? t(`renewal.std.do.${asking}`) : ''}
            open={asking !== null}
            onClose={() => setAsking(null)}
            onSubmit={(reason) => run(asking ?? 'return', { reason })}
          />
        </div>
      )}
    </Drawer>
  );
}

function ReasonModal({ title, open, onClose, onSubmit }: { title: string; open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'claim-reason-ok' } as Record<string, string>}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(x) => void onSubmit(x.reason).then(onClose)}>
        <Form.Item name="reason" label={t('renewal.std.reason')} rules={[{ required: true, min: 2, message: t('renewal.std.reasonRule') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="claim-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
