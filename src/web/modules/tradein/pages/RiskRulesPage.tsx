import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import type { MessageKey } from '../../../i18n/messages';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useGrants } from '../../platform/grants/useGrants';
import { EmptyState } from '../components';
import { adminKeys, RISK_PARAM_LIMITS, useRiskRuleHistory, useRiskRules, type RiskRuleView, type UpdateRiskRuleBody } from '../adminApi';

interface RuleForm {
  enabled?: boolean;
  action?: RiskRuleView['action'];
  score?: number;
  params?: Record<string, number | null>;
  note?: string;
}

function ParamList({ params }: { params: Record<string, number> }) {
  const t = useT();
  const entries = Object.entries(params);
  if (entries.length === 0) return <Typography.Text type="secondary">{t('tradein.riskRules.noParams')}</Typography.Text>;
  return (
    <Space wrap size={[4, 4]}>
      {entries.map(([k, v]) => (
        <Tag key={k} data-testid={`risk-param-${k}`}>
          {t(`tradein.riskRules.param.${k}` as MessageKey)}: {v}
        </Tag>
      ))}
    </Space>
  );
}

function History({ rule, onClose }: { rule: RiskRuleView; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const history = useRiskRuleHistory(rule.code);
  return (
    <Drawer open onClose={onClose} title={t('tradein.riskRules.historyOf', { code: rule.code })} size={isPhone ? '100%' : 520} data-testid="risk-rule-history">
      {history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <LoadError error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState text={t('tradein.riskRules.noHistory')} />
      ) : (
        <Timeline
          items={history.data.map((v) => ({
            color: v.current ? 'blue' : 'gray',
            content: (
              <div data-testid={`risk-rule-version-${v.version}`}>
                <Typography.Text strong>{t('tradein.programs.version', { v: v.version })}</Typography.Text>{' '}
                {v.current ? <Tag color="blue">{t('tradein.programs.current')}</Tag> : null}
                <div className="hx-ti-live">{formatDateTime(v.createdAt)}</div>
                {v.note ? <div>{v.note}</div> : null}
                <div>
                  {v.enabled ? t('tradein.riskRules.on') : t('tradein.riskRules.off')} · {t(`tradein.riskRules.action.${v.action}`)} ·{' '}
                  {t('tradein.riskRules.scoreN', { n: v.score })}
                </div>
                <ParamList params={v.params} />
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

/**
 * The risk rules' thresholds (configuration data, versioned): the office and 市商务局 tune them without a release;
 * supervisors read them and their history. Each save is a new version; flags name the version that raised them.
 */
export default function RiskRulesPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const grants = useGrants('tradein');
  const rules = useRiskRules();
  const [editing, setEditing] = useState<RiskRuleView | null>(null);
  const [history, setHistory] = useState<RiskRuleView | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The rule changed since the editor opened (409 VERSION_CONFLICT): saving again would be refused too. */
  const [stale, setStale] = useState(false);

  function edit(rule: RiskRuleView) {
    setError(null);
    setStale(false);
    setEditing(rule);
    form.resetFields();
    form.setFieldsValue({ enabled: rule.enabled, action: rule.action, score: rule.score, params: { ...rule.params }, note: '' });
  }

  async function save(v: RuleForm) {
    if (!editing) return;
    setSaving(true);
    setError(null);
    const params: Record<string, number> = {};
    for (const k of Object.keys(editing.params)) params[k] = v.params?.[k] ?? editing.params[k]!;
    // baseVersion: the version this form was filled from; the server refuses the save if someone saved another since.
    const body: UpdateRiskRuleBody = {
      enabled: v.enabled ?? false,
      action: v.action!,
      score: v.score ?? 0,
      params,
      note: v.note?.trim() ?? '',
      baseVersion: editing.version,
    };
    try {
      await api.put<RiskRuleView>(`/api/tradein/risk/rules/${editing.code}`, body);
      message.success(t('tradein.riskRules.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: adminKeys.riskRules });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        setStale(true);
        setError(e.message);
        return;
      }
      setError(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  }

  /** Refills the editor with the rule as it is now, so the edit starts again from the newest version. */
  async function reloadRule() {
    if (!editing) return;
    const fresh = (await rules.refetch()).data?.find((r) => r.code === editing.code);
    if (fresh) edit(fresh);
  }

  const columns: TableColumnsType<RiskRuleView> = [
    {
      key: 'rule',
      title: t('tradein.riskRules.rule'),
      width: 300,
      render: (_, r) => (
        <div>
          <Typography.Text code>{r.code}</Typography.Text>
          <div>{r.description}</div>
        </div>
      ),
    },
    {
      key: 'enabled',
      title: t('tradein.riskRules.enabled'),
      render: (_, r) => (r.enabled ? <Tag color="green">{t('tradein.riskRules.on')}</Tag> : <Tag>{t('tradein.riskRules.off')}</Tag>),
    },
    {
      key: 'action',
      title: t('tradein.riskRules.action'),
      render: (_, r) => <Tag color={r.action === 'hold' ? 'red' : 'orange'}>{t(`tradein.riskRules.action.${r.action}`)}</Tag>,
    },
    { key: 'score', title: t('tradein.risk.score'), dataIndex: 'score', align: 'right' },
    { key: 'params', title: t('tradein.riskRules.params'), width: 260, render: (_, r) => <ParamList params={r.params} /> },
    { key: 'version', title: t('tradein.programs.versionCol'), render: (_, r) => <span data-testid={`risk-rule-current-${r.code}`}>v{r.version}</span> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, r) => actions(r),
    },
  ];

  function actions(r: RiskRuleView) {
    return (
      <Space wrap>
        {grants.manage ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => edit(r)} data-testid={`risk-rule-edit-${r.code}`}>
            {t('common.edit')}
          </Button>
        ) : null}
        <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(r)} data-testid={`risk-rule-history-${r.code}`}>
          {t('tradein.programs.history')}
        </Button>
      </Space>
    );
  }

  return (
    <div data-testid="page-tradein-risk-rules">
      <PageHeader title={t('tradein.nav.riskRules')} subtitle={t('tradein.riskRules.subtitle')} />
      {!grants.loading && !grants.manage ? <Alert type="info" showIcon title={t('tradein.riskRules.readOnly')} className="hx-form-alert" /> : null}
      <Card>
        {rules.isError ? (
          <LoadError error={rules.error} onRetry={() => void rules.refetch()} />
        ) : isPhone ? (
          // A phone gets one card per rule instead of a table to scroll sideways.
          rules.isPending ? (
            <Skeleton active />
          ) : rules.data.length === 0 ? (
            <EmptyState text={t('tradein.riskRules.none')} />
          ) : (
            <div data-testid="risk-rules-table">
              {rules.data.map((r) => (
                <Card
                  key={r.code}
                  size="small"
                  className="hx-block"
                  title={<Typography.Text code>{r.code}</Typography.Text>}
                  extra={<span data-testid={`risk-rule-current-${r.code}`}>v{r.version}</span>}
                >
                  <Typography.Paragraph>{r.description}</Typography.Paragraph>
                  <Space wrap size={[4, 4]} className="hx-block">
                    {r.enabled ? <Tag color="green">{t('tradein.riskRules.on')}</Tag> : <Tag>{t('tradein.riskRules.off')}</Tag>}
                    <Tag color={r.action === 'hold' ? 'red' : 'orange'}>{t(`tradein.riskRules.action.${r.action}`)}</Tag>
                    <Tag>
                      {t('tradein.risk.score')}: {r.score}
                    </Tag>
                  </Space>
                  <div className="hx-block">
                    <ParamList params={r.params} />
                  </div>
                  {actions(r)}
                </Card>
              ))}
            </div>
          )
        ) : (
          <Table<RiskRuleView>
            rowKey="code"
            size={isPhone ? 'small' : 'middle'}
            loading={rules.isPending}
            columns={columns}
            dataSource={rules.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState text={t('tradein.riskRules.none')} /> }}
            data-testid="risk-rules-table"
          />
        )}
      </Card>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('tradein.riskRules.editTitle', { code: editing.code }) : ''}
        size={isPhone ? '100%' : 560}
        forceRender
        data-testid="risk-rule-editor"
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="risk-rule-save">
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        {editing ? (
          <Descriptions size="small" column={1} className="hx-block">
            <Descriptions.Item label={t('tradein.riskRules.rule')}>{editing.description}</Descriptions.Item>
            <Descriptions.Item label={t('tradein.riskRules.currentVersion')}>
              v{editing.version} · {formatDateTime(editing.updatedAt)}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Alert type="info" showIcon title={t('tradein.riskRules.versionNote')} className="hx-form-alert" />
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            className="hx-form-alert"
            data-testid="risk-rule-error"
            action={
              stale ? (
                <Button size="small" onClick={() => void reloadRule()} data-testid="risk-rule-reload">
                  {t('common.reload')}
                </Button>
              ) : undefined
            }
          />
        ) : null}
        <Form<RuleForm> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="risk-rule-form">
          <Space wrap align="start">
            <Form.Item name="enabled" label={t('tradein.riskRules.enabled')} valuePropName="checked">
              <Switch data-testid="risk-rule-enabled" />
            </Form.Item>
            <Form.Item
              name="action"
              label={t('tradein.riskRules.action')}
              extra={t('tradein.riskRules.actionHelp')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <Select style={{ minWidth: 140 }} options={(['review', 'hold'] as const).map((a) => ({ value: a, label: t(`tradein.riskRules.action.${a}`) }))} />
            </Form.Item>
            <Form.Item name="score" label={t('tradein.risk.score')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} max={1000} precision={0} data-testid="risk-rule-score" />
            </Form.Item>
          </Space>
          {editing && Object.keys(editing.params).length > 0 ? (
            <>
              <Typography.Title level={5}>{t('tradein.riskRules.params')}</Typography.Title>
              <Space wrap align="start">
                {Object.keys(editing.params).map((k) => {
                  const limits = RISK_PARAM_LIMITS[k];
                  return (
                    <Form.Item
                      key={k}
                      name={['params', k]}
                      label={t(`tradein.riskRules.param.${k}` as MessageKey)}
                      extra={limits ? t('tradein.riskRules.range', { min: limits.min, max: limits.max }) : undefined}
                      rules={[
                        { required: true, message: t('common.required') },
                        ...(limits
                          ? [
                              {
                                type: 'number' as const,
                                min: limits.min,
                                max: limits.max,
                                message: t('tradein.riskRules.range', { min: limits.min, max: limits.max }),
                              },
                            ]
                          : []),
                      ]}
                    >
                      <InputNumber precision={0} style={{ width: 160 }} data-testid={`risk-rule-param-${k}`} />
                    </Form.Item>
                  );
                })}
              </Space>
            </>
          ) : null}
          <Form.Item
            name="note"
            label={t('tradein.riskRules.note')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { min: 2, message: t('tradein.riskRules.noteRule') },
            ]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="risk-rule-note" />
          </Form.Item>
        </Form>
      </Drawer>
      {history ? <History rule={history} onClose={() => setHistory(null)} /> : null}
    </div>
  );
}
