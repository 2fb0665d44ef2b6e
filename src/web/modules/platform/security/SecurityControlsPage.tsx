import { Alert, Card, Descriptions, List, Skeleton, Space, Tag, Typography } from 'antd';
import { ExportButton } from '../../../components/ExportButton';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatDateTime } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { useSecurityControls, type ControlView, type EvidenceView } from './api';

const STATUS_COLOR: Record<ControlView['status'], string> = { met: 'success', partly: 'warning', not_evidenced: 'default', failing: 'error' };
const FACT_COLOR = { ok: 'success', warn: 'warning', fail: 'error' } as const;

/**
 * For the security administrator (and the audit administrator, who checks it): the level-3 application controls
 * one by one, each with its status, the evidence the last proofs left (when, what they measured, how to run them
 * again) and the live facts of this server; and the workbook an assessor is handed.
 */
export default function SecurityControlsPage() {
  const t = useT();
  const { locale } = useLocale();
  const query = useSecurityControls();

  const evidenceResult = (e: EvidenceView) =>
    !e.found ? (
      <Tag>{t('security.evidence.missing')}</Tag>
    ) : !e.readable ? (
      <Tag color="warning">{t('security.evidence.unreadable')}</Tag>
    ) : e.ok ? (
      <Tag color="success">{t('security.evidence.ok')}</Tag>
    ) : (
      <Tag color="error">{t('security.evidence.failed')}</Tag>
    );

  return (
    <>
      <PageHeader
        title={t('security.nav')}
        testId="page-security-controls"
        extra={<ExportButton path="/api/security/controls/export" query={{}} fallbackName="security-controls.xlsx" />}
      />
      <Typography.Paragraph type="secondary">{t('security.intro')}</Typography.Paragraph>
      {query.isLoading ? (
        <Skeleton active />
      ) : query.error || !query.data ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type={query.data.counts.failing > 0 ? 'error' : query.data.counts.met === query.data.controls.length ? 'success' : 'info'}
            showIcon
            message={(['met', 'partly', 'not_evidenced', 'failing'] as const).map((s) => `${t(`security.status.${s}`)} ${query.data.counts[s]}`).join(' · ')}
            description={`${t('security.generatedAt')}：${formatDateTime(query.data.generatedAt)}`}
          />
          {query.data.controls.map((c) => (
            <Card
              key={c.key}
              {...testId(`control-${c.key}`)}
              title={
                <Space wrap>
                  <span>
                    {c.clause !== '—' ? `${c.clause} ` : ''}
                    {c.title[locale]}
                  </span>
                  <Tag color={STATUS_COLOR[c.status]} {...testId(`status-${c.key}`)}>
                    {t(`security.status.${c.status}`)}
                  </Tag>
                </Space>
              }
              extra={<Typography.Text type="secondary">{c.standard}</Typography.Text>}
            >
              <Descriptions column={1} size="small" layout="vertical">
                <Descriptions.Item label={t('security.requirement')}>{c.requirement[locale]}</Descriptions.Item>
                <Descriptions.Item label={t('security.evidence')}>
                  <List
                    size="small"
                    style={{ width: '100%' }}
                    dataSource={c.evidence}
                    renderItem={(e) => (
                      <List.Item key={e.control} style={{ display: 'block' }}>
                        <Space wrap>
                          <Typography.Text code>{e.control}</Typography.Text>
                          {evidenceResult(e)}
                          {e.at ? (
                            <Typography.Text type="secondary">
                              {t('security.evidence.at')} {formatDateTime(e.at)}
                            </Typography.Text>
                          ) : null}
                        </Space>
                        {e.summary ? <div>{e.summary[locale]}</div> : null}
                        {e.error ? <Typography.Text type="warning">{e.error}</Typography.Text> : null}
                        {Object.keys(e.figures).length ? (
                          <div style={{ overflowWrap: 'anywhere' }}>
                            {Object.entries(e.figures).map(([k, v]) => (
                              <Tag key={k} style={{ marginTop: 4, whiteSpace: 'normal' }}>
                                {k}: {String(v)}
                              </Tag>
                            ))}
                          </div>
                        ) : null}
                        {e.command ? (
                          <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                            {t('security.evidence.command')}: <Typography.Text code>{e.command}</Typography.Text>
                          </Typography.Text>
                        ) : null}
                      </List.Item>
                    )}
                  />
                </Descriptions.Item>
                <Descriptions.Item label={t('security.facts')}>
                  {c.facts.length === 0 ? (
                    t('security.none')
                  ) : (
                    <List
                      size="small"
                      style={{ width: '100%' }}
                      dataSource={c.facts}
                      renderItem={(f) => (
                        <List.Item key={f.key} style={{ display: 'block' }}>
                          <Space wrap>
                            <Typography.Text strong>{f.label[locale]}</Typography.Text>
                            <Tag color={FACT_COLOR[f.state]}>{t(`security.fact.${f.state}`)}</Tag>
                          </Space>
                          <div style={{ overflowWrap: 'anywhere' }}>{f.value[locale]}</div>
                        </List.Item>
                      )}
                    />
                  )}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          ))}
        </Space>
      )}
    </>
  );
}
