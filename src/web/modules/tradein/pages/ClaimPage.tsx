import { useCallback, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Collapse, Modal, Skeleton, Tag, Typography } from 'antd';
import { GiftOutlined, ShopOutlined, SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, newIdempotencyKey } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatMinute } from '../../../components/format';
import { keys, POOL_REFRESH_MS, usePrograms, type PoolView, type QueuePlaceView, type VoucherView } from '../api';
import { EmptyState, ruleSentences, RuleText, tradeinError, VoucherCard } from '../components';
import { QueuePlace } from './claim/QueuePlace';

/** Refusals shown on the release itself (the others are a passing message). */
const REFUSALS = new Set(['POOL_EXHAUSTED', 'ALREADY_CLAIMED', 'CLAIM_QUEUE_FULL']);

/**
 * The resident's claim page: today's open releases with their live remaining quota (asked again every few
 * seconds), a claim button on each, and every programme's rules in plain words below. When a release is busier
 * than the database can take, the claim answers with a place in the release's queue, shown on the release until
 * the claim has ended.
 */
export default function ClaimPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const pools = useQuery({
    queryKey: keys.pools({ status: 'open' }),
    queryFn: ({ signal }) => api.get<PoolView[]>('/api/tradein/pools', { status: 'open' }, signal),
    refetchInterval: POOL_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const upcoming = useQuery({
    queryKey: keys.pools({ status: 'scheduled' }),
    queryFn: ({ signal }) => api.get<PoolView[]>('/api/tradein/pools', { status: 'scheduled' }, signal),
    staleTime: 60_000,
  });
  const mine = useQuery({ queryKey: keys.myVouchers, queryFn: ({ signal }) => api.get<VoucherView[]>('/api/tradein/vouchers/mine', undefined, signal) });
  const [busy, setBusy] = useState<number | null>(null);
  const [claimed, setClaimed] = useState<VoucherView | null>(null);
  const [refusal, setRefusal] = useState<{ poolId: number; code: string; text: string } | null>(null);
  const [queued, setQueued] = useState<Record<number, QueuePlaceView>>({});
  // One key per claim action, kept across a retry after a lost answer so the server returns the same voucher.
  const pending = useRef(new Map<number, string>());

  const holding = (p: PoolView) => (mine.data ?? []).find((v) => v.status === 'active' && v.programId === p.programId && v.category === p.category);

  async function claim(pool: PoolView) {
    setBusy(pool.id);
    setRefusal(null);
    const key = pending.current.get(pool.id) ?? newIdempotencyKey();
    pending.current.set(pool.id, key);
    try {
      const res = await api.post<{ voucher: VoucherView } | { queued: QueuePlaceView }>(
        `/api/tradein/pools/${pool.id}/claims`,
        {},
        { idempotencyKey: key, device: true },
      );
      pending.current.delete(pool.id);
      if ('queued' in res) {
        setQueued((q) => ({ ...q, [pool.id]: res.queued }));
        return;
      }
      setClaimed(res.voucher);
      void qc.invalidateQueries({ queryKey: keys.myVouchers });
    } catch (e) {
      if (e instanceof ApiError && e.status > 0) pending.current.delete(pool.id);
      const code = e instanceof ApiError ? e.code : 'ERROR';
      if (REFUSALS.has(code)) setRefusal({ poolId: pool.id, code, text: tradeinError(t, e) });
      else message.error(tradeinError(t, e));
    } finally {
      setBusy(null);
      void qc.invalidateQueries({ queryKey: keys.pools({ status: 'open' }) });
    }
  }

  const queueEnded = useCallback(
    (ended: QueuePlaceView) => {
      setQueued(({ [ended.poolId]: _ended, ...rest }) => rest);
      if (ended.status === 'issued' && ended.voucher) {
        setClaimed(ended.voucher);
        void qc.invalidateQueries({ queryKey: keys.myVouchers });
      } else if (ended.error) setRefusal({ poolId: ended.poolId, code: ended.error.code, text: ended.error.message });
      void qc.invalidateQueries({ queryKey: keys.pools({ status: 'open' }) });
    },
    [qc],
  );

  const open = pools.data ?? [];
  const active = (programs.data ?? []).filter((p) => p.status === 'active');
  return (
    <div data-testid="page-tradein-claim">
      <PageHeader
        title={t('tradein.claim.title')}
        subtitle={t('tradein.claim.subtitle')}
        extra={
          <>
            <Link to="/tradein/my/vouchers">
              <Button icon={<GiftOutlined />} data-testid="claim-my-vouchers">
                {t('tradein.nav.myVouchers')}
              </Button>
            </Link>
            <Link to="/stores">
              <Button icon={<ShopOutlined />} data-testid="claim-store-finder">
                {t('tradein.stores.link')}
              </Button>
            </Link>
          </>
        }
      />
      <Card
        className="hx-block"
        title={t('tradein.claim.open')}
        extra={
          <span className="hx-ti-live" data-testid="pools-live">
            <SyncOutlined spin={pools.isFetching} /> {t('tradein.claim.live', { s: POOL_REFRESH_MS / 1000 })}
          </span>
        }
      >
        {pools.isPending ? (
          <Skeleton active />
        ) : pools.isError ? (
          <LoadError error={pools.error} onRetry={() => void pools.refetch()} />
        ) : open.length === 0 ? (
          <EmptyState text={t('tradein.claim.noneOpen')} testId="pools-empty">
            {upcoming.data?.length ? (
              <Typography.Text type="secondary">
                {t('tradein.claim.nextOpens', { time: formatMinute([...upcoming.data].sort((a, b) => a.opensAt.localeCompare(b.opensAt))[0]!.opensAt) })}
              </Typography.Text>
            ) : null}
          </EmptyState>
        ) : (
          <div className="hx-ti-pools" data-testid="pools">
            {open.map((p) => {
              const held = holding(p);
              const empty = p.remaining <= 0;
              const rule = programs.data?.find((x) => x.id === p.programId)?.categories.find((c) => c.category === p.category)?.rule;
              return (
                <div key={p.id} className="hx-ti-pool" data-testid={`pool-${p.id}`} data-category={p.category}>
                  <div className="hx-ti-pool-head">
                    <div>
                      <div className="hx-ti-pool-name">{p.categoryName}</div>
                      <div className="hx-ti-pool-program">{p.programName}</div>
                    </div>
                    {held ? <Tag color="success">{t('tradein.claim.holding')}</Tag> : null}
                  </div>
                  <div className={`hx-ti-pool-remaining${empty ? ' hx-ti-pool-remaining-empty' : ''}`}>
                    <Typography.Text type="secondary">{t('tradein.claim.remaining')}</Typography.Text>
                    <span className="hx-ti-pool-remaining-value" data-testid="pool-remaining">
                      {p.remaining.toLocaleString()}
                    </span>
                    <Typography.Text type="secondary">/ {p.quota.toLocaleString()}</Typography.Text>
                  </div>
                  {rule ? (
                    <div className="hx-ti-pool-rule" data-testid="pool-rule">
                      {ruleSentences(t, rule).join(t('tradein.rule.join'))}
                    </div>
                  ) : null}
                  <Typography.Text type="secondary" className="hx-ti-live">
                    {t('tradein.claim.window', { from: formatMinute(p.opensAt), to: formatMinute(p.closesAt) })}
                  </Typography.Text>
                  {refusal?.poolId === p.id ? (
                    <Alert
                      type={refusal.code === 'POOL_EXHAUSTED' ? 'warning' : 'info'}
                      showIcon
                      title={refusal.text}
                      data-testid="claim-refusal"
                      data-code={refusal.code}
                    />
                  ) : null}
                  {queued[p.id] ? <QueuePlace place={queued[p.id]!} onEnded={queueEnded} /> : null}
                  {held ? (
                    <Link to="/tradein/my/vouchers">
                      <Button size="large" block data-testid="claim-view">
                        {t('tradein.claim.viewVoucher')}
                      </Button>
                    </Link>
                  ) : (
                    <Button
                      type="primary"
                      size="large"
                      block
                      disabled={empty}
                      loading={busy === p.id || queued[p.id] !== undefined}
                      onClick={() => void claim(p)}
                      data-testid="claim-button"
                    >
                      {empty ? t('tradein.claim.gone') : t('tradein.claim.action')}
                    </Button>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </Card>

      <Card className="hx-block" title={t('tradein.claim.rules')}>
        {programs.isPending ? (
          <Skeleton active />
        ) : programs.isError ? (
          <LoadError error={programs.error} onRetry={() => void programs.refetch()} />
        ) : active.length === 0 ? (
          <EmptyState text={t('tradein.programs.none')} />
        ) : (
          <Collapse
            data-testid="claim-rules"
            defaultActiveKey={active.length === 1 ? [String(active[0]!.id)] : []}
            items={active.map((p) => ({
              key: String(p.id),
              label: (
                <span>
                  <Typography.Text strong>{p.name}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{t('tradein.programs.window', { from: p.validFrom, to: p.validTo })}</Typography.Text>
                </span>
              ),
              children: (
                <Collapse
                  size="small"
                  ghost
                  items={p.categories.map((c) => ({
                    key: c.category,
                    label: c.name,
                    children: <RuleText rule={c.rule} category={c.category} testId={`rule-${p.id}-${c.category}`} />,
                  }))}
                />
              ),
            }))}
          />
        )}
        <Typography.Paragraph type="secondary" className="hx-block" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('tradein.claim.how')}
        </Typography.Paragraph>
      </Card>

      <Modal
        open={claimed !== null}
        onCancel={() => setClaimed(null)}
        title={t('tradein.claim.success')}
        footer={
          <Link to="/tradein/my/vouchers">
            <Button type="primary" data-testid="claim-success-vouchers">
              {t('tradein.nav.myVouchers')}
            </Button>
          </Link>
        }
      >
        <div data-testid="claim-success">{claimed ? <VoucherCard voucher={claimed} /> : null}</div>
      </Modal>
    </div>
  );
}
