import { useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Input, Modal, Skeleton, Space, Tabs, Timeline, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../../../api/client';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { errorMessage } from '../../../../components/formErrors';
import { formatDateTime } from '../../../../components/format';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { DEALERS_PATH, dealerKeys, useDealer, type DealerDetailView } from './api';
import { DealerFormDrawer } from './DealerFormDrawer';
import { DealerStatusTag, GradeTag, KindTags } from './shared';
import { TradeForm } from './TradeForm';
import { TradeTable } from './TradeTable';
import { ViolationFormDrawer } from './ViolationFormDrawer';
import { ViolationList } from './ViolationList';
import './dealers.css';
import { DemoTag } from '../../../../components/DemoTag';

const MOVES = ['suspend', 'reinstate', 'deregister'] as const;

/** One dealer: its register entry, grade (with the rule version), trades, credit records and status history. */
export default function DealerPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const dealer = useDealer(id);
  const [editing, setEditing] = useState(false);
  const [trading, setTrading] = useState(false);
  const [recording, setRecording] = useState(false);
  const [moving, setMoving] = useState<(typeof MOVES)[number] | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  if (dealer.isPending) return <Skeleton active />;
  if (dealer.isError) return <LoadError error={dealer.error} onRetry={() => void dealer.refetch()} />;
  const d = dealer.data;
  const may = (a: DealerDetailView['actions'][number]) => d.actions.includes(a);
  const none = '—';

  return (
    <div data-testid="page-recycling-dealer">
      <PageHeader
        title={
          <Space wrap size={8}>
            <span>{d.name}</span>
            <DealerStatusTag status={d.status} />
            <DemoTag show={d.isDemo} />
          </Space>
        }
        subtitle={<Link to={DEALERS_PATH}>{t('recycling.dealers.back')}</Link>}
        extra={
          <Space wrap>
            {may('update') ? (
              <Button onClick={() => setEditing(true)} data-testid="dealer-edit">
                {t('recycling.dealers.edit')}
              </Button>
            ) : null}
            {MOVES.filter(may).map((m) => (
              <Button
                key={m}
                danger={m !== 'reinstate'}
                onClick={() => {
                  setMoving(m);
                  setNote('');
                }}
                data-testid={`dealer-move-${m}`}
              >
                {t(`recycling.dealers.move.${m}` as MessageKey)}
              </Button>
            ))}
          </Space>
        }
      />
      <Card className="hx-block" data-testid="dealer-grade">
        <div className="hx-dealer-grade">
          <Typography.Text strong>{t('recycling.dealers.field.grade')}</Typography.Text>
          <GradeTag grade={d.grade} detail={false} />
          <Typography.Text type="secondary">
            {t('recycling.dealers.grade.detail', { points: d.grade.points, counted: d.grade.counted, version: d.grade.ruleVersion, asOf: d.grade.asOf })}
          </Typography.Text>
          <Link to="/recycling/credit-rules">{t('recycling.nav.creditRules')}</Link>
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('recycling.dealers.counts', {
            total: d.tradeCounts.total,
            cars: d.tradeCounts.usedCars,
            cross: d.tradeCounts.crossRegion,
            export: d.tradeCounts.export,
          })}
        </Typography.Paragraph>
      </Card>
      <Tabs
        items={[
          {
            key: 'details',
            label: t('recycling.nav.dealer'),
            children: (
              <Card className="hx-block">
                <Descriptions column={isPhone ? 1 : 2} size="small" bordered data-testid="dealer-details">
                  <Descriptions.Item label={t('recycling.dealers.field.creditCode')}>{d.creditCode}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.kinds')}>
                    <KindTags kinds={d.kinds} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.town')}>{d.townName}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.address')}>{d.address}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.contactName')}>{d.contactName}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.contactMobile')}>{d.contactMobile}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.licence')}>{d.licenceNumber ?? none}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.organization')}>{d.organizationName ?? none}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.registeredOn')}>{d.registeredOn}</Descriptions.Item>
                  <Descriptions.Item label={t('recycling.dealers.field.statusSince')}>{d.statusSince}</Descriptions.Item>
                </Descriptions>
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  {t('recycling.dealers.history')}
                </Typography.Title>
                <Timeline
                  data-testid="dealer-history"
                  items={d.history.map((h) => ({
                    color: h.to === 'active' ? 'green' : h.to === 'suspended' ? 'orange' : 'gray',
                    children: (
                      <div>
                        <Typography.Text strong>{t(`recycling.dealers.action.${h.action}` as MessageKey)}</Typography.Text>
                        <div>
                          <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
                        </div>
                        {h.note ? <div>{h.note}</div> : null}
                      </div>
                    ),
                  }))}
                />
              </Card>
            ),
          },
          {
            key: 'trades',
            label: <span data-testid="dealer-tab-trades">{t('recycling.trades.title')}</span>,
            children: (
              <TradeTable
                dealerId={d.id}
                extra={
                  may('recordTrade') ? (
                    <Button type="primary" onClick={() => setTrading(true)} data-testid="dealer-record-trade">
                      {t('recycling.trades.record')}
                    </Button>
                  ) : null
                }
              />
            ),
          },
          {
            key: 'violations',
            label: <span data-testid="dealer-tab-violations">{t('recycling.violations.title')}</span>,
            children: (
              <Card
                className="hx-block"
                extra={
                  may('recordViolation') ? (
                    <Button danger onClick={() => setRecording(true)} data-testid="dealer-record-violation">
                      {t('recycling.violations.record')}
                    </Button>
                  ) : null
                }
                title={t('recycling.violations.title')}
              >
                <ViolationList dealerId={d.id} />
              </Card>
            ),
          },
        ]}
      />
      <DealerFormDrawer open={editing} editing={d} onClose={() => setEditing(false)} />
      <ViolationFormDrawer open={recording} dealer={d} onClose={() => setRecording(false)} />
      <Drawer open={trading} onClose={() => setTrading(false)} size={isPhone ? '100%' : 480} title={t('recycling.trades.record')} destroyOnHidden>
        <TradeForm dealers={[d]} onDone={() => setTrading(false)} />
      </Drawer>
      <Modal
        open={moving !== null}
        title={moving ? t('recycling.dealers.move.confirm', { action: t(`recycling.dealers.move.${moving}` as MessageKey), name: d.name }) : null}
        okButtonProps={{ loading: busy, danger: moving !== 'reinstate' }}
        onCancel={() => setMoving(null)}
        onOk={async () => {
          if (!moving) return;
          setBusy(true);
          try {
            await api.post<DealerDetailView>(`/api/recycling/dealers/${d.id}/moves`, { action: moving, ...(note.trim() ? { note: note.trim() } : {}) });
            void qc.invalidateQueries({ queryKey: dealerKeys.all });
            setMoving(null);
          } catch (e) {
            void message.error(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
        data-testid="dealer-move-modal"
      >
        <Input.TextArea rows={2} maxLength={500} placeholder={t('recycling.dealers.move.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  );
}
