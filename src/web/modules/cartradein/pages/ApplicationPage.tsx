import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Input, Skeleton, Space, Tag, Tooltip, Typography, message } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { EvidenceViewer, type EvidenceItem } from '../../../components/EvidenceViewer';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { errorMessage } from '../../../components/formErrors';
import type { MessageKey } from '../../../i18n/messages';
import { CERTIFICATE_MISMATCH_REASONS } from '../../../../shared/enums/recyclingVehicles';
import { carKeys, useCarApplication, type CarApplicationView } from '../api';
import { CarStatusTag, ReasonList, shared, StatusTimeline, Yuan } from '../components';

/** The named reasons the dismantlers' records give for a certificate (the verifier's note). */
const CERTIFICATE_REASONS: readonly string[] = CERTIFICATE_MISMATCH_REASONS;

/** The files of the scrapping certificate, which a reviewer must open before vouching for it by hand. */
function certificateIds(a: CarApplicationView): number[] {
  return a.evidence.filter((e) => e.kind === 'scrapping_certificate').map((e) => e.attachmentId);
}

/**
 * One application: status, amount, every failed rule, the scrapping certificate check, deadlines, the timeline
 * with every reason; the resident's "correct and resubmit" when returned; the reviewer's approve / return /
 * reject when it waits for 市商务局.
 */
export default function ApplicationPage() {
  const t = useT();
  const { locale } = useLocale();
  const id = Number(useParams().id);
  const q = useCarApplication(id);
  // Files opened on this visit; the server's openedByMe says what was opened on earlier ones.
  const [openedNow, setOpenedNow] = useState<ReadonlySet<number>>(() => new Set());
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const dl = a.deadlines;
  return (
    <div data-testid="page-car-application">
      <PageHeader
        title={t('car.detail.title', { id: a.id })}
        subtitle={`${a.programName} · ${t(`car.kind.${a.kind}`)}`}
        extra={<CarStatusTag status={a.status} />}
        testId="car-application-header"
      />
      {a.status === 'returned' && a.allowedActions.includes('resubmit') ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('car.detail.returnedHint')}
          action={
            <Link to={`/car/applications/${a.id}/edit`}>
              <Button type="primary" size="small" data-testid="car-correct">
                {t('car.detail.correct')}
              </Button>
            </Link>
          }
        />
      ) : null}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small">
            <Descriptions.Item label={t('car.detail.amount')}>
              <Yuan fen={a.amountFen} testId="car-amount" />
            </Descriptions.Item>
            <Descriptions.Item label={t('car.col.applicant')}>{a.applicantName}</Descriptions.Item>
            <Descriptions.Item label={t('car.town.col')}>{a.townName ?? t('car.town.unknown')}</Descriptions.Item>
            <Descriptions.Item label={t('car.col.oldCar')}>
              {a.oldVehicle.plate} · {a.oldVehicle.vin}
            </Descriptions.Item>
            <Descriptions.Item label={t('car.form.newVehicle')}>
              {t(`car.energy.${a.newVehicle.energyType}`)} · {a.newVehicle.vin} · <Yuan fen={a.newVehicle.priceFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('car.form.bank')}>
              {a.bank.bankName} · {a.bank.account}
            </Descriptions.Item>
            <Descriptions.Item label={t('car.detail.certificate')}>
              <span data-testid="car-certificate">
                {a.certificate.status === 'verified' && a.certificate.source === 'recycling.dismantler'
                  ? t('car.detail.certificate.verifiedByDismantler')
                  : t(`car.detail.certificate.${a.certificate.status}` as MessageKey)}
                {a.certificate.note && CERTIFICATE_REASONS.includes(a.certificate.note) ? (
                  <Typography.Text type={a.certificate.status === 'mismatch' ? 'danger' : 'secondary'} data-testid="car-certificate-reason">
                    {'：'}
                    {t(`car.detail.certificate.reason.${a.certificate.note}` as MessageKey)}
                  </Typography.Text>
                ) : null}
              </span>
            </Descriptions.Item>
            {dl.review.dueOn ? (
              <Descriptions.Item label={t('car.col.reviewDue')}>
                {dl.review.dueOn} {dl.review.overdue ? <Tag color="error">{t('car.detail.overdue')}</Tag> : null}
              </Descriptions.Item>
            ) : null}
            {dl.payment.dueOn ? (
              <Descriptions.Item label={t('car.col.paymentDue')}>
                {dl.payment.dueOn} {dl.payment.overdue ? <Tag color="error">{t('car.detail.overdue')}</Tag> : null}
              </Descriptions.Item>
            ) : null}
            {a.payment.reference ? (
              <Descriptions.Item label={t('car.action.markPaid')}>
                <span data-testid="car-payment-reference">{t('car.detail.payment', { batch: a.payment.batchId ?? '—', reference: a.payment.reference })}</span>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Card size="small" title={t('car.form.evidence')}>
          <EvidenceViewer
            testId="car-evidence-files"
            items={a.evidence.map((e): EvidenceItem => ({
              id: e.attachmentId,
              filename: e.filename,
              mimeType: e.mimeType,
              sizeBytes: e.sizeBytes,
              kind: e.kind,
              label: shared(locale, `cartradein.evidence.${e.kind}`),
              openedByMe: e.openedByMe,
              url: `/api/tradein/car-applications/${a.id}/evidence/${e.attachmentId}`,
            }))}
            onOpened={(item) => setOpenedNow((s) => new Set(s).add(item.id))}
          />
        </Card>
        <Card size="small" title={t('car.detail.eligibility')}>
          <ReasonList eligibility={a.eligibility} />
        </Card>
        {a.allowedActions.some((x) => x === 'approve' || x === 'return' || x === 'reject') ? (
          <ReviewCard
            app={a}
            certificateOpened={a.certificate.openedByMe || (certificateIds(a).length > 0 && certificateIds(a).every((c) => openedNow.has(c)))}
          />
        ) : null}
        <Card size="small" title={t('car.detail.timeline')}>
          <StatusTimeline app={a} />
        </Card>
      </Space>
    </div>
  );
}

function ReviewCard({ app, certificateOpened }: { app: CarApplicationView; certificateOpened: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonList = reasons
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const act = useMutation({
    mutationFn: (action: 'approve' | 'return' | 'reject') => {
      if (action === 'approve')
        return api.post<CarApplicationView>(`/api/tradein/car-applications/${app.id}/approve`, {
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(app.certificate.needsManualConfirmation ? { certificateConfirmed: confirmed } : {}),
        });
      return api.post<CarApplicationView>(`/api/tradein/car-applications/${app.id}/${action}`, { reasons: reasonList });
    },
    onSuccess: (a) => {
      qc.setQueryData(carKeys.application(a.id), a);
      void qc.invalidateQueries({ queryKey: ['cartradein', 'applications'] });
      void message.success(t('car.detail.done'));
      setError(null);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const can = (x: string) => app.allowedActions.includes(x);
  return (
    <Card size="small" title={t('car.detail.reviewTitle')} data-testid="car-review">
      <Space direction="vertical" style={{ width: '100%' }}>
        {error ? <Alert type="error" showIcon message={error} data-testid="car-review-error" /> : null}
        {can('approve') ? (
          <>
            {app.certificate.needsManualConfirmation ? (
              <Tooltip title={certificateOpened ? null : certificateIds(app).length ? t('car.evidence.openCertificateFirst') : t('car.evidence.noCertificate')}>
                <span data-testid="car-confirm-wrap">
                  <Checkbox
                    checked={confirmed && certificateOpened}
                    disabled={!certificateOpened}
                    onChange={(e) => setConfirmed(e.target.checked)}
                    data-testid="car-confirm-certificate"
                  >
                    {t('car.detail.confirmCertificate')}
                  </Checkbox>
                </span>
              </Tooltip>
            ) : null}
            {app.certificate.needsManualConfirmation && !certificateOpened ? (
              <Typography.Text type="secondary" data-testid="car-confirm-hint">
                {certificateIds(app).length ? t('car.evidence.openCertificateFirst') : t('car.evidence.noCertificate')}
              </Typography.Text>
            ) : null}
            <Input placeholder={t('car.detail.note')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="car-review-note" />
          </>
        ) : null}
        <Input.TextArea
          rows={3}
          placeholder={t('car.detail.reasonsInput')}
          value={reasons}
          onChange={(e) => setReasons(e.target.value)}
          data-testid="car-review-reasons"
        />
        <div className="hx-car-actions">
          {can('approve') ? (
            <Button
              type="primary"
              loading={act.isPending && act.variables === 'approve'}
              disabled={!app.eligibility.eligible || (app.certificate.needsManualConfirmation && !(confirmed && certificateOpened))}
              onClick={() => act.mutate('approve')}
              data-testid="car-approve"
            >
              {t('car.action.approve')}
            </Button>
          ) : null}
          {can('return') ? (
            <Button
              loading={act.isPending && act.variables === 'return'}
              disabled={reasonList.length === 0}
              onClick={() => act.mutate('return')}
              data-testid="car-return"
            >
              {t('car.action.return')}
            </Button>
          ) : null}
          {can('reject') ? (
            <Button
              danger
              loading={act.isPending && act.variables === 'reject'}
              disabled={reasonList.length === 0}
              onClick={() => act.mutate('reject')}
              data-testid="car-reject"
            >
              {t('car.action.reject')}
            </Button>
          ) : null}
        </div>
        {reasonList.length === 0 ? <Typography.Text type="secondary">{t('car.detail.reasonsRequired')}</Typography.Text> : null}
      </Space>
    </Card>
  );
}
