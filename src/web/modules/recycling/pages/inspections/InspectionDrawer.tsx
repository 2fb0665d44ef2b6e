import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Image, Input, Modal, Space, Spin, Tag, Timeline, Typography, message } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Attachment } from '../../../../api/types';
import { errorMessage } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { inspectionKeys, photoUrl, useInspection, type InspectionDetailView } from './api';
import { PhotoUpload, RectificationTag, ResultTag } from './parts';

const ANSWER_COLOURS = { ok: 'green', not_ok: 'red', n_a: 'default' } as const;

function Photos({ inspectionId, ids, testId }: { inspectionId: number; ids: number[]; testId: string }) {
  if (!ids.length) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap data-testid={testId}>
        {ids.map((a) => (
          <Image key={a} width={72} height={72} style={{ objectFit: 'cover' }} src={photoUrl(inspectionId, a)} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** The rectification: what was reported, its timeline, and the buttons the server says the caller has now. */
function RectificationPanel({ detail }: { detail: InspectionDetailView }) {
  const t = useT();
  const qc = useQueryClient();
  const r = detail.rectification!;
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Attachment[]>([]);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const done = (text: string) => () => {
    void message.success(text);
    void qc.invalidateQueries({ queryKey: inspectionKeys.all });
  };
  const onError = (e: unknown) => void message.error(errorMessage(e));
  const submit = useMutation({
    mutationFn: () => api.post(`/api/recycling/rectifications/${r.id}/submit`, { note, photos: photos.map((p) => p.id) }),
    onSuccess: done(t('recycling.rect.submitted')),
    onError,
  });
  const accept = useMutation({
    mutationFn: () => api.post(`/api/recycling/rectifications/${r.id}/accept`, {}),
    onSuccess: done(t('recycling.rect.accepted')),
    onError,
  });
  const reject = useMutation({
    mutationFn: () => api.post(`/api/recycling/rectifications/${r.id}/reject`, { reason }),
    onSuccess: () => {
      setRejecting(false);
      done(t('recycling.rect.rejected'))();
    },
    onError,
  });
  return (
    <div data-testid="rectification-panel">
      <Typography.Title level={5}>
        {t('recycling.rect.title')} <RectificationTag status={r.status} overdue={r.overdue} />
      </Typography.Title>
      <Typography.Paragraph type={r.overdue ? 'danger' : undefined}>{t('recycling.rect.due', { date: r.dueOn })}</Typography.Paragraph>
      {r.rejectReason && r.status === 'open' ? (
        <Alert type="warning" message={t('recycling.rect.lastReject', { reason: r.rejectReason })} style={{ marginBottom: 8 }} />
      ) : null}
      {r.submittedNote ? (
        <Typography.Paragraph data-testid="rectification-note">
          {t('recycling.rect.report')}：{r.submittedNote}
        </Typography.Paragraph>
      ) : null}
      <Photos inspectionId={detail.id} ids={r.submittedPhotos} testId="rectification-photos" />
      {r.actions.includes('submit') ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('recycling.rect.report')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="rectification-report"
          />
          <PhotoUpload value={photos} onChange={setPhotos} testId="rectification-upload" />
          <Button
            type="primary"
            size="large"
            block
            disabled={note.trim().length < 2}
            loading={submit.isPending}
            onClick={() => submit.mutate()}
            data-testid="rectification-submit"
          >
            {t('recycling.rect.submit')}
          </Button>
        </Space>
      ) : null}
      {r.actions.includes('accept') ? (
        <Space wrap style={{ marginTop: 8 }}>
          <Button type="primary" loading={accept.isPending} onClick={() => accept.mutate()} data-testid="rectification-accept">
            {t('recycling.rect.accept')}
          </Button>
          <Button danger onClick={() => setRejecting(true)} data-testid="rectification-reject">
            {t('recycling.rect.reject')}
          </Button>
        </Space>
      ) : null}
      <Modal
        open={rejecting}
        title={t('recycling.rect.reject')}
        onCancel={() => setRejecting(false)}
        onOk={() => reject.mutate()}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: reject.isPending, ...{ 'data-testid': 'rectification-reject-confirm' } }}
      >
        <Input.TextArea rows={3} maxLength={500} placeholder={t('recycling.rect.rejectReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('recycling.rect.timeline')}
      </Typography.Title>
      <Timeline
        items={r.timeline.map((e) => ({
          children: (
            <span>
              {new Date(e.at).toLocaleString()} · {t(`recycling.rect.status.${e.to as 'open' | 'submitted' | 'closed'}`)}
              {e.note ? ` · ${e.note}` : ''}
            </span>
          ),
        }))}
      />
    </div>
  );
}

/** One inspection: the answers, findings, photos and result, and the rectification panel when it opened one. */
export function InspectionDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const q = useInspection(id);
  const d = q.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={isPhone ? '100%' : 560} title={t('recycling.insp.detail')} destroyOnHidden>
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isPending && id !== null ? <Spin /> : null}
      {d ? (
        <div data-testid="inspection-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('recycling.insp.site')}>
              {d.siteName}（{d.siteCode}）
            </Descriptions.Item>
            <Descriptions.Item label={t('recycling.insp.town')}>{d.townName}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.insp.unit')}>{d.inspectorOrganizationName}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.insp.date')}>{d.inspectedOn}</Descriptions.Item>
            <Descriptions.Item label={t('recycling.insp.result')}>
              <span data-testid="inspection-result">
                <ResultTag result={d.result} />
              </span>
              {d.rectifyBy ? t('recycling.rect.due', { date: d.rectifyBy }) : null}
            </Descriptions.Item>
            {d.findings ? <Descriptions.Item label={t('recycling.insp.findings')}>{d.findings}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('recycling.insp.checklist', { version: d.checklistVersion })}
          </Typography.Title>
          {d.answers.map((a) => (
            <div key={a.item} style={{ marginBottom: 4 }}>
              <Tag color={ANSWER_COLOURS[a.answer]}>{t(`recycling.insp.answer.${a.answer}`)}</Tag>
              {a.label[locale]}
              {a.note ? <Typography.Text type="secondary"> · {a.note}</Typography.Text> : null}
            </div>
          ))}
          <div style={{ marginTop: 12 }}>
            <Photos inspectionId={d.id} ids={d.photos} testId="inspection-photos" />
          </div>
          {d.rectification ? (
            <div style={{ marginTop: 16 }}>
              <RectificationPanel detail={d} />
            </div>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}
