import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Input, Segmented, Skeleton, Space, Table, Tag, Timeline, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { EvidenceViewer } from '../../../components/EvidenceViewer';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime, formatMinute } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useListParams } from '../../../components/useListParams';
import { RISK_REVIEW_STATUSES } from '../../../../shared/enums/tradein';
import { useGrants } from '../../platform/grants/useGrants';
import { categoryName, keys, usePrograms, type Page, type RiskReviewDetail, type RiskReviewView } from '../api';
import { Money, StatusTag, tradeinError } from '../components';

type Decision = 'hold' | 'clear' | 'reject';
const FILTERS = ['status'] as const;

function allowed(status: RiskReviewView['status']): Decision[] {
  if (status === 'open') return ['hold', 'clear', 'reject'];
  if (status === 'held') return ['clear', 'reject'];
  return [];
}

/** The old-item proof the decision may turn on: its reference, and a manual proof's photo to open. */
function ProofEvidence({ review }: { review: RiskReviewDetail }) {
  const t = useT();
  const p = review.oldItemProof;
  if (!p) return <span data-testid="review-proof">{t('tradein.risk.proof.none')}</span>;
  return (
    <div data-testid="review-proof">
      <div>
        <Tag>{t(`tradein.risk.proof.${p.kind}`)}</Tag> {p.reference}
      </div>
      {p.attachment ? (
        <EvidenceViewer
          testId="review-proof-files"
          items={[
            {
              id: p.attachment.id,
              filename: p.attachment.filename,
              mimeType: p.attachment.mimeType,
              sizeBytes: p.attachment.sizeBytes,
              label: t('tradein.redeem.oldItemPhoto'),
              openedByMe: p.attachment.openedByMe,
              url: `/api/tradein/risk/reviews/${review.redemptionId}/evidence/${p.attachment.id}`,
            },
          ]}
        />
      ) : p.kind === 'manual' ? (
        <span>{t('tradein.risk.proof.noPhoto')}</span>
      ) : null}
    </div>
  );
}

function ReviewDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const grants = useGrants('tradein');
  const programs = usePrograms();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Decision | null>(null);
  const [error, setError] = useState<string | null>(null);
  const review = useQuery({
    queryKey: ['tradein', 'review', id],
    queryFn: ({ signal }) => api.get<RiskReviewDetail>(`/api/tradein/risk/reviews/${id}`, undefined, signal),
  });

  async function decide(decision: Decision) {
    setBusy(decision);
    setError(null);
    try {
      await api.post(`/api/tradein/risk/reviews/${id}/decision`, { decision, note: note.trim() });
      message.success(t(`tradein.risk.done.${decision}`));
      setNote('');
      void qc.invalidateQueries({ queryKey: ['tradein', 'reviews'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'review', id] });
    } catch (e) {
      setError(tradeinError(t, e));
    } finally {
      setBusy(null);
    }
  }

  const r = review.data;
  const choices = r && grants.manage ? allowed(r.status) : [];
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 600}
      title={t('tradein.risk.detailTitle', { id })}
      extra={r ? <StatusTag group="review" status={r.status} /> : null}
      data-testid="review-drawer"
      footer={
        choices.length ? (
          <div>
            {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
            <Input.TextArea
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('tradein.risk.note')}
              maxLength={1000}
              className="hx-block"
              data-testid="review-note"
            />
            <Space wrap>
              {choices.map((d) => (
                <Button
                  key={d}
                  type={d === 'clear' ? 'primary' : 'default'}
                  danger={d === 'reject'}
                  disabled={note.trim().length < 2}
                  loading={busy === d}
                  onClick={() => void decide(d)}
                  data-testid={`review-${d}`}
                >
                  {t(`tradein.risk.${d}`)}
                </Button>
              ))}
            </Space>
          </div>
        ) : null
      }
    >
      {review.isPending ? (
        <Skeleton active />
      ) : review.isError ? (
        <LoadError error={review.error} onRetry={() => void review.refetch()} />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            className="hx-block"
            title={t('tradein.risk.reasons', { score: r!.score })}
            description={
              <ul className="hx-ti-flags" data-testid="review-reasons">
                {r!.flags.map((f) => (
                  <li key={f.ruleCode}>
                    {f.reason} <Tag>{t('tradein.risk.points', { n: f.score })}</Tag>
                  </li>
                ))}
              </ul>
            }
          />
          <Descriptions column={1} size="small" bordered className="hx-block">
            <Descriptions.Item label={t('tradein.field.merchant')}>{r!.redemption.merchantName}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.category')}>
              {categoryName(programs.data, r!.redemption.programId, r!.redemption.category)}
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.serial')}>{r!.redemption.serialNumber}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.redeem.price')}>
              <Money fen={r!.redemption.price} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.redeem.subsidy')}>
              <Money fen={r!.redemption.subsidy} strong />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.saleStatus')}>
              <StatusTag group="redemption" status={r!.redemption.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('tradein.field.soldAt')}>{formatDateTime(r!.redemption.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.risk.proof')}>
              <ProofEvidence review={r!} />
            </Descriptions.Item>
          </Descriptions>
          {r!.decisions.length ? (
            <Timeline
              items={r!.decisions.map((d) => ({
                content: (
                  <div>
                    <strong>{t(`tradein.risk.${d.decision}`)}</strong> · {formatMinute(d.decidedAt)}
                    <div>{d.note}</div>
                  </div>
                ),
              }))}
            />
          ) : null}
        </>
      )}
    </Drawer>
  );
}

/** The review queue of flagged sales (highest score first): the reasons in words, hold, clear or reject. */
export default function RiskPage() {
  const t = useT();
  const programs = usePrograms();
  const list = useListParams(FILTERS, { sort: 'score', order: 'desc', pageSize: 20 });
  const status = list.state.filters.status ?? 'open';
  const [openId, setOpenId] = useState<number | null>(null);
  const data = useQuery({
    queryKey: keys.reviews({ ...list.query, status }),
    queryFn: ({ signal }) =>
      api.get<Page<RiskReviewView>>(
        '/api/tradein/risk/reviews',
        {
          status: status === 'all' ? undefined : status,
          sort: list.state.sort === 'flaggedAt' ? 'flaggedAt' : 'score',
          order: list.state.order,
          page: list.state.page,
          pageSize: list.state.pageSize,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<RiskReviewView> = [
    {
      key: 'score',
      title: t('tradein.risk.score'),
      dataIndex: 'score',
      sorter: true,
      sortOrder: list.sortOrderOf('score'),
      render: (s: number) => <Tag color={s >= 60 ? 'red' : s >= 40 ? 'orange' : 'gold'}>{s}</Tag>,
    },
    {
      key: 'reasons',
      title: t('tradein.risk.reasonCol'),
      width: 360,
      render: (_, r) => (
        <ul className="hx-ti-flags" style={{ whiteSpace: 'normal' }}>
          {r.flags.map((f) => (
            <li key={f.ruleCode}>{f.reason}</li>
          ))}
        </ul>
      ),
    },
    {
      key: 'merchant',
      title: t('tradein.field.merchant'),
      render: (_, r) => (
        <>
          <div>{r.redemption.merchantName}</div>
          <div className="hx-ti-live">{categoryName(programs.data, r.redemption.programId, r.redemption.category)}</div>
        </>
      ),
    },
    {
      key: 'price',
      title: t('tradein.risk.priceSubsidy'),
      align: 'right',
      render: (_, r) => (
        <>
          <div>
            <Money fen={r.redemption.price} />
          </div>
          <div>
            <Money fen={r.redemption.subsidy} strong />
          </div>
        </>
      ),
    },
    {
      key: 'flaggedAt',
      title: t('tradein.risk.flaggedAt'),
      dataIndex: 'flaggedAt',
      sorter: true,
      sortOrder: list.sortOrderOf('flaggedAt'),
      render: formatMinute,
    },
    { key: 'status', title: t('field.status'), dataIndex: 'status', render: (s: string) => <StatusTag group="review" status={s} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, r) => (
        <Button
          size="small"
          type={allowed(r.status).length ? 'primary' : 'default'}
          onClick={() => setOpenId(r.redemptionId)}
          data-testid={`review-open-${r.redemptionId}`}
        >
          {allowed(r.status).length ? t('tradein.risk.review') : t('common.details')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="page-tradein-risk">
      <PageHeader title={t('tradein.nav.risk')} subtitle={t('tradein.risk.subtitle')} />
      <Card
        className="hx-block hx-table-card"
        title={
          <Segmented
            value={status}
            onChange={(v) => list.update({ filters: { status: String(v) } })}
            options={[...RISK_REVIEW_STATUSES.map((s) => ({ value: s, label: t(`tradein.status.review.${s}`) })), { value: 'all', label: t('common.all') }]}
            data-testid="reviews-status"
          />
        }
      >
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<RiskReviewView>
            rowKey="redemptionId"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.risk.none') }}
            data-testid="reviews-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      {openId !== null ? <ReviewDrawer id={openId} onClose={() => setOpenId(null)} /> : null}
    </div>
  );
}
