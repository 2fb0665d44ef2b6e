import { Button, Card, Col, Descriptions, Row, Statistic, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { formatDateTime } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import { useServiceStatus, type ServiceStatus } from '../api';

function formatBytes(n: number | null): string {
  if (n === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

type Queue = ServiceStatus['queues'][number];

/** Whether a replica serves the dashboards, exports and public lists, how far behind it is, and why not if not. */
function ReplicaDescriptions({ replica: r }: { replica: ServiceStatus['replica'] }) {
  const t = useT();
  if (!r.configured) return <Typography.Text type="secondary">{t('console.status.replica.none')}</Typography.Text>;
  return (
    <Descriptions column={1} size="small">
      <Descriptions.Item label={t('console.status.replica.configured')}>
        <Tag color="success">{t('console.status.replica.yes')}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('console.status.replica.lag')}>
        <span data-testid="status-replica-lag">
          {r.lagSeconds === null
            ? t('console.status.replica.lag.unknown', { max: r.maxLagSeconds })
            : t('console.status.replica.lag.value', { s: Math.round(r.lagSeconds * 10) / 10, max: r.maxLagSeconds })}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('console.status.replica.reads')}>
        <Tag color={r.reads === 'replica' ? 'success' : 'warning'} data-testid="status-replica-reads">
          {t(`console.status.replica.reads.${r.reads}`)}
        </Tag>
        {r.reason ? <Typography.Text type="secondary">{t(`console.status.replica.reason.${r.reason}`)}</Typography.Text> : null}
      </Descriptions.Item>
      {r.checkedAt ? <Descriptions.Item label={t('console.status.replica.checkedAt')}>{formatDateTime(r.checkedAt)}</Descriptions.Item> : null}
    </Descriptions>
  );
}

/** What the service is and how it is doing: version, runtime, database, migrations, backlogs, 5xx answers. */
export default function StatusPage() {
  const t = useT();
  const status = useServiceStatus();
  const s = status.data;
  const uptime = (seconds: number) =>
    t('console.status.uptime.value', { d: Math.floor(seconds / 86_400), h: Math.floor((seconds % 86_400) / 3600), m: Math.floor((seconds % 3600) / 60) });

  return (
    <div data-testid="page-status">
      <PageHeader
        title={t('console.status.title')}
        extra={
          <Button icon={<ReloadOutlined />} loading={status.isFetching} onClick={() => void status.refetch()} data-testid="status-refresh">
            {t('console.status.refresh')}
          </Button>
        }
      />
      {status.isError ? (
        <Card className="hx-block">
          <LoadError error={status.error} onRetry={() => void status.refetch()} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card title={t('console.status.service')} loading={!s} data-testid="status-service">
              {s ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('console.status.version')}>
                    <span data-testid="status-version">{s.version}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('console.status.node')}>{s.node}</Descriptions.Item>
                  <Descriptions.Item label={t('console.status.pid')}>{s.pid}</Descriptions.Item>
                  <Descriptions.Item label={t('console.status.startedAt')}>{formatDateTime(s.startedAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('console.status.uptime')}>
                    <span data-testid="status-uptime">{uptime(s.uptimeSeconds)}</span>
                  </Descriptions.Item>
                </Descriptions>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('console.status.database')} loading={!s} data-testid="status-database">
              {s ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('console.status.database.kind')}>
                    <Tag data-testid="status-db-kind">{s.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}</Tag>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('console.status.database.size')}>{formatBytes(s.database.sizeBytes)}</Descriptions.Item>
                  {s.database.fileBytes !== null ? (
                    <Descriptions.Item label={t('console.status.database.file')}>{formatBytes(s.database.fileBytes)}</Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t('console.status.migrations.applied')}>
                    <span data-testid="status-migrations">{s.migrations.applied}</span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('console.status.migrations.latest')}>
                    <Typography.Text code>{s.migrations.latest ?? '—'}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('console.status.migrations.pending')}>
                    {s.migrations.pending === 0 ? (
                      <Tag color="success">0</Tag>
                    ) : (
                      <Typography.Text type="danger">{s.migrations.pendingNames.join(', ')}</Typography.Text>
                    )}
                  </Descriptions.Item>
                </Descriptions>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('console.status.replica')} loading={!s} data-testid="status-replica">
              {s ? <ReplicaDescriptions replica={s.replica} /> : null}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('console.status.errors')} loading={!s} data-testid="status-errors">
              {s ? (
                <>
                  <Row gutter={16}>
                    <Col span={12}>
                      <Statistic
                        title={t('console.status.errors.hour')}
                        value={s.serverErrors.lastHour}
                        valueStyle={s.serverErrors.lastHour ? { color: '#cf1322' } : undefined}
                      />
                    </Col>
                    <Col span={12}>
                      <Statistic title={t('console.status.errors.day')} value={s.serverErrors.last24h} />
                    </Col>
                  </Row>
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                    {t('console.status.errors.scope', { pid: s.pid, since: formatDateTime(s.serverErrors.since) })}
                  </Typography.Paragraph>
                </>
              ) : null}
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('console.status.queues')} loading={!s} data-testid="status-queues" styles={{ body: { padding: 0 } }}>
              {s ? (
                <Table<Queue>
                  rowKey="name"
                  size="small"
                  pagination={false}
                  dataSource={s.queues}
                  columns={[
                    { key: 'label', dataIndex: 'label', title: t('console.status.queues') },
                    {
                      key: 'scope',
                      dataIndex: 'scope',
                      title: '',
                      render: (v: Queue['scope']) => <Tag>{t(`console.status.queue.scope.${v}`)}</Tag>,
                    },
                    { key: 'depth', dataIndex: 'depth', title: '#', align: 'right' },
                  ]}
                />
              ) : null}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
