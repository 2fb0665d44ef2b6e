import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, SyncOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { formatMinute } from '../../../../components/format';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { LedgerDefinition } from '../../../../../shared/ledgers/definition';
import { LEDGER_PAGES, useAsset, useAssetHistory, type AssetEvent, type AssetView, type HistoryEntry, type KindView } from './api';
import { AssetFormDrawer } from './AssetForm';
import { allowedCodes, EventDrawer } from './EventForm';
import { formatValue, labelOf, useDisplayLookups, type AnyField, type DisplayLookups } from './fields';
import { actorName, KindCrumbs, OldTag, StatusTag, useRouteId, WithKind } from './parts';

/** Values keyed by field, in words (`before`/`after` of history, an event's values and changes). */
function ValueList({ fields, values, lookups }: { fields: readonly AnyField[]; values: Record<string, unknown> | null | undefined; lookups: DisplayLookups }) {
  const { locale } = useLocale();
  if (!values) return null;
  const entries = Object.entries(values).filter(([k]) => fields.some((f) => f.key === k));
  if (!entries.length) return null;
  return (
    <ul className="hx-ledger-value-list">
      {entries.map(([k, v]) => {
        const f = fields.find((x) => x.key === k)!;
        return (
          <li key={k}>
            <Typography.Text type="secondary">{labelOf(f.label, locale)}：</Typography.Text>
            {formatValue(f, v as string | number | null, locale, lookups)}
          </li>
        );
      })}
    </ul>
  );
}

function EventItem({ e, def, lookups }: { e: AssetEvent; def: LedgerDefinition; lookups: DisplayLookups }) {
  const t = useT();
  const { locale } = useLocale();
  const code = e.type;
  const type = def.events.find((x) => x.code === code);
  return (
    <List.Item data-testid={`asset-event-${e.id}`}>
      <div className="hx-ledger-event">
        <Space wrap size={6}>
          <Typography.Text strong>{e.occurredOn}</Typography.Text>
          <Tag color="blue">{labelOf(type?.label ?? e.label, locale)}</Tag>
          <Typography.Text type="secondary">{t(`ledgers.assets.effect.${e.effect}`)}</Typography.Text>
          {e.replacementId ? <Link to={LEDGER_PAGES.asset(e.replacementId)}>{t('ledgers.assets.asset.openReplacement')}</Link> : null}
        </Space>
        <ValueList fields={type?.fields ?? []} values={e.values} lookups={lookups} />
        {Object.keys(e.changes).length ? (
          <div className="hx-ledger-diff">
            <div>
              <Typography.Text type="secondary">{t('ledgers.assets.history.before')}</Typography.Text>
              <ValueList fields={def.fields} values={Object.fromEntries(Object.entries(e.changes).map(([k, v]) => [k, v[0] ?? null]))} lookups={lookups} />
            </div>
            <div>
              <Typography.Text type="secondary">{t('ledgers.assets.history.after')}</Typography.Text>
              <ValueList fields={def.fields} values={Object.fromEntries(Object.entries(e.changes).map(([k, v]) => [k, v[1] ?? null]))} lookups={lookups} />
            </div>
          </div>
        ) : null}
        {e.note ? <Typography.Paragraph type="secondary">{e.note}</Typography.Paragraph> : null}
      </div>
    </List.Item>
  );
}

function HistoryItem({ h, def, lookups }: { h: HistoryEntry; def: LedgerDefinition; lookups: DisplayLookups }) {
  const t = useT();
  // An edit's before and after are the asset's values; a status move's `after` is the move's own record.
  const asValues = (v: unknown) => (h.kind === 'edit' && v && typeof v === 'object' ? (v as Record<string, unknown>) : null);
  const before = asValues(h.before);
  const after = asValues(h.after);
  // An edit lists what changed: the keys whose value differs between before and after.
  const changedKeys = after ? Object.keys(after).filter((k) => JSON.stringify(after[k] ?? null) !== JSON.stringify(before?.[k] ?? null)) : [];
  const pick = (o: Record<string, unknown> | null) => (o ? Object.fromEntries(changedKeys.map((k) => [k, o[k] ?? null])) : null);
  return (
    <div className="hx-ledger-history-item">
      <Space wrap size={6}>
        <Typography.Text strong>{formatMinute(h.at)}</Typography.Text>
        <Typography.Text>{actorName(h.actor)}</Typography.Text>
        <Tag>{t(`ledgers.assets.history.${h.kind}`)}</Tag>
      </Space>
      <div>{h.summary}</div>
      {changedKeys.length && before ? (
        <div className="hx-ledger-diff">
          <div>
            <Typography.Text type="secondary">{t('ledgers.assets.history.before')}</Typography.Text>
            <ValueList fields={def.fields} values={pick(before)} lookups={lookups} />
          </div>
          <div>
            <Typography.Text type="secondary">{t('ledgers.assets.history.after')}</Typography.Text>
            <ValueList fields={def.fields} values={pick(after)} lookups={lookups} />
          </div>
        </div>
      ) : null}
    </div>
  );
}

function AssetDetail({ kind, asset }: { kind: KindView; asset: AssetView }) {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const def = kind.definition;
  const lookups = useDisplayLookups(def.fields);
  const history = useAssetHistory(asset.id);
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  const canRecord =
    asset.canWrite && asset.status === 'in_service' && allowedCodes(asset).some((c) => def.events.some((e) => e.code === c && e.effect !== 'added'));
  // Retired fields are shown only where the asset still has a value in them.
  const fields = def.fields.filter((f) => !f.retired || (asset.values[f.key] !== null && asset.values[f.key] !== undefined));
  return (
    <div data-testid="page-ledger-asset">
      <KindCrumbs kind={kind} here={asset.title} />
      <PageHeader
        title={asset.title || `#${asset.id}`}
        extra={
          <Space wrap>
            {canRecord ? (
              <Button type="primary" size="large" icon={<SyncOutlined />} onClick={() => setRecording(true)} data-testid="asset-event-open">
                {t('ledgers.assets.event.open')}
              </Button>
            ) : null}
            {asset.canWrite ? (
              <Button size="large" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="asset-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('ledgers.assets.asset.state')} className="hx-block" data-testid="asset-status">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('ledgers.assets.list.status')}>
                <StatusTag status={asset.status} testId={`asset-status-${asset.status}`} />
              </Descriptions.Item>
              {def.oldRule ? (
                <Descriptions.Item label={t('ledgers.assets.list.old')}>
                  <Space wrap>
                    <OldTag old={asset.old} oldFrom={asset.oldFrom} />
                    {!asset.old && asset.oldFrom && asset.status === 'in_service' ? (
                      <Typography.Text type="secondary">{t('ledgers.assets.old.from', { date: asset.oldFrom })}</Typography.Text>
                    ) : null}
                  </Space>
                </Descriptions.Item>
              ) : null}
              {asset.townName ? <Descriptions.Item label={t('ledgers.assets.list.town')}>{asset.townName}</Descriptions.Item> : null}
              {asset.inServiceFrom ? <Descriptions.Item label={t('ledgers.assets.asset.inServiceFrom')}>{asset.inServiceFrom}</Descriptions.Item> : null}
              {asset.endedOn ? <Descriptions.Item label={t('ledgers.assets.asset.endedOn')}>{asset.endedOn}</Descriptions.Item> : null}
              {asset.replaces ? (
                <Descriptions.Item label={t('ledgers.assets.asset.replaces')}>
                  <Link to={LEDGER_PAGES.asset(asset.replaces.id)} data-testid="asset-replaces">
                    {asset.replaces.title}
                  </Link>
                </Descriptions.Item>
              ) : null}
              {asset.replacedBy ? (
                <Descriptions.Item label={t('ledgers.assets.asset.replacedBy')}>
                  <Link to={LEDGER_PAGES.asset(asset.replacedBy.id)} data-testid="asset-replaced-by">
                    {asset.replacedBy.title}
                  </Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Card title={t('ledgers.assets.asset.values')} className="hx-block" data-testid="asset-values">
            <Descriptions column={isPhone ? 1 : 2} size="small" bordered={!isPhone}>
              {fields.map((f) => (
                <Descriptions.Item
                  key={f.key}
                  label={f.retired ? `${labelOf(f.label, locale)}（${t('ledgers.assets.field.retired')}）` : labelOf(f.label, locale)}
                >
                  <span data-testid={`asset-value-${f.key}`}>{formatValue(f, asset.values[f.key], locale, lookups)}</span>
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('ledgers.assets.asset.events')} className="hx-block" data-testid="asset-events">
            {asset.events.length ? (
              <List dataSource={asset.events} renderItem={(e) => <EventItem e={e} def={def} lookups={lookups} />} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledgers.assets.asset.noEvents')} />
            )}
          </Card>
          <Card title={t('ledgers.assets.asset.history')} className="hx-block" data-testid="asset-history">
            {history.isError ? (
              <LoadError error={history.error} onRetry={() => void history.refetch()} />
            ) : history.data ? (
              history.data.length ? (
                <Timeline items={history.data.map((h, i) => ({ key: i, content: <HistoryItem h={h} def={def} lookups={lookups} /> }))} />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )
            ) : (
              <Spin />
            )}
          </Card>
        </Col>
      </Row>
      <AssetFormDrawer kind={kind} asset={asset} open={editing} onClose={() => setEditing(false)} />
      <EventDrawer kind={kind} asset={asset} open={recording} onClose={() => setRecording(false)} />
    </div>
  );
}

function AssetLoaded({ asset }: { asset: AssetView }) {
  return <WithKind id={asset.kindId}>{(kind) => <AssetDetail kind={kind} asset={asset} />}</WithKind>;
}

/** One asset: its values and state, links along a replacement, its renewal events and its history; edit and record an event. */
export default function AssetPage() {
  const id = useRouteId();
  const asset = useAsset(id);
  if (asset.isError) return <LoadError error={asset.error} onRetry={() => void asset.refetch()} />;
  if (!asset.data)
    return (
      <div className="hx-ledger-loading">
        <Spin />
      </div>
    );
  return <AssetLoaded asset={asset.data} />;
}
