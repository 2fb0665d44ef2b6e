import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckCircleOutlined, DownloadOutlined, EditOutlined, HistoryOutlined, PaperClipOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, download } from '../../../api/client';
import type { UserView } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { planKeys, usePlanChoice, usePlanTree, type IndicatorView, type MilestoneView, type PlanAction, type PlanTask, type RevisionView } from '../api';
import { EvidenceUpload, UnitTags, formatNumber, indicatorName, type EvidenceFile } from '../components';
import { IndicatorDrawer, targetsText } from '../IndicatorDrawer';
import { EditIndicatorModal } from './EditIndicatorModal';
import { PlanFileImport } from './PlanFileImport';

function showValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function RevisionsDrawer({ indicator, onClose }: { indicator: IndicatorView; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const isPhone = useIsPhone();
  const data = useQuery({
    queryKey: planKeys.revisions(indicator.id),
    queryFn: ({ signal }) => api.get<RevisionView[]>(`/api/indicators/${indicator.id}/revisions`, undefined, signal),
  });
  const columns: TableColumnsType<RevisionView> = [
    { key: 'at', title: t('plan.revision.at'), render: (_, r) => formatDateTime(r.at), width: 170 },
    { key: 'field', title: t('plan.revision.field'), dataIndex: 'field' },
    {
      key: 'before',
      title: t('plan.revision.before'),
      render: (_, r) => (
        <Typography.Text code className="hx-plan-rev">
          {showValue(r.before)}
        </Typography.Text>
      ),
    },
    {
      key: 'after',
      title: t('plan.revision.after'),
      render: (_, r) => (
        <Typography.Text code className="hx-plan-rev">
          {showValue(r.after)}
        </Typography.Text>
      ),
    },
    { key: 'source', title: t('plan.revision.source'), render: (_, r) => <Tag>{t(r.source === 'file' ? 'plan.revision.file' : 'plan.revision.edit')}</Tag> },
    { key: 'actor', title: t('plan.revision.actor'), render: (_, r) => r.actor ?? '—' },
    { key: 'note', title: t('plan.revision.note'), render: (_, r) => r.note ?? '—' },
  ];
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 820}
      title={t('plan.revision.title', { name: `${indicator.code} ${indicatorName(indicator, locale)}` })}
      data-testid="revisions-drawer"
    >
      {data.isError ? (
        <LoadError error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <Table<RevisionView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.data ?? []}
          loading={data.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('plan.revision.none')} /> }}
          data-testid="revisions-table"
        />
      )}
    </Drawer>
  );
}

const mayChangeMilestone = (user: UserView, m: MilestoneView) => {
  if (user.role === 'office') return true;
  const lead = m.organizations.find((o) => o.role === 'lead') ?? m.organizations[0];
  return user.role === 'department' && lead?.id === user.organization.id;
};

function MilestoneModal({ milestone, mode, onClose }: { milestone: MilestoneView; mode: 'complete' | 'reopen'; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string; files?: EvidenceFile[] }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: { note: string; files?: EvidenceFile[] }) =>
      mode === 'complete'
        ? api.post<MilestoneView>(`/api/milestones/${milestone.id}/complete`, { evidence: { note: v.note.trim(), attachmentId: v.files?.[0]?.id ?? null } })
        : api.post<MilestoneView>(`/api/milestones/${milestone.id}/reopen`, v.note?.trim() ? { note: v.note.trim() } : {}),
    onSuccess: async () => {
      message.success(t(mode === 'complete' ? 'plan.milestone.completed' : 'plan.milestone.reopened'));
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e, { evidence: 'note', 'evidence.note': 'note', attachmentId: 'files', 'evidence.attachmentId': 'files' })),
  });
  return (
    <Modal
      open
      title={t(mode === 'complete' ? 'plan.milestone.completeTitle' : 'plan.milestone.reopenTitle', { title: milestone.title })}
      okText={t(mode === 'complete' ? 'plan.milestone.complete' : 'plan.milestone.reopen')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, danger: mode === 'reopen', ...testId('milestone-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item
          name="note"
          label={t(mode === 'complete' ? 'plan.milestone.evidence' : 'plan.milestone.reopenNote')}
          extra={mode === 'complete' ? t('plan.milestone.evidenceHint') : undefined}
          rules={mode === 'complete' ? [{ required: true, whitespace: true, min: 2, message: t('plan.milestone.evidenceRequired') }] : []}
        >
          <Input.TextArea rows={4} maxLength={mode === 'complete' ? 2000 : 500} showCount data-testid="milestone-note" />
        </Form.Item>
        {mode === 'complete' ? (
          <Form.Item name="files" label={t('plan.milestone.file')}>
            <EvidenceUpload max={1} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function Milestones({ items, onChange }: { items: MilestoneView[]; onChange: (m: MilestoneView, mode: 'complete' | 'reopen') => void }) {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  if (!items.length) return null;
  return (
    <div className="hx-plan-milestones">
      <Typography.Text strong>{t('plan.tree.milestones')}</Typography.Text>
      {items.map((m) => (
        <div key={m.id} className="hx-plan-milestone" data-testid={`milestone-${m.code}`}>
          <Space wrap size={[6, 4]}>
            <Tag color={m.status === 'done' ? 'success' : 'default'} icon={m.status === 'done' ? <CheckCircleOutlined /> : undefined}>
              {t(m.status === 'done' ? 'plan.milestone.done' : 'plan.milestone.notDone')}
            </Tag>
            <Typography.Text>{locale === 'en' && m.titleEn ? m.titleEn : m.title}</Typography.Text>
            <Typography.Text type="secondary">{t('plan.milestone.due', { year: m.dueYear })}</Typography.Text>
            {mayChangeMilestone(user, m) ? (
              m.status === 'done' ? (
                <Button size="small" icon={<UndoOutlined />} onClick={() => onChange(m, 'reopen')} data-testid={`milestone-reopen-${m.code}`}>
                  {t('plan.milestone.reopen')}
                </Button>
              ) : (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  icon={<CheckCircleOutlined />}
                  onClick={() => onChange(m, 'complete')}
                  data-testid={`milestone-complete-${m.code}`}
                >
                  {t('plan.milestone.complete')}
                </Button>
              )
            ) : null}
          </Space>
          <Typography.Paragraph type="secondary" className="hx-plan-original hx-plan-small">
            {m.text}
          </Typography.Paragraph>
          {m.status === 'done' && m.evidence ? (
            <div className="hx-plan-small">
              {t('plan.milestone.evidenceShort')}：{m.evidence.note ?? '—'}{' '}
              {m.evidence.attachmentId ? (
                <a href={`/api/attachments/${m.evidence.attachmentId}`} download>
                  <PaperClipOutlined /> {t('plan.milestone.download')}
                </a>
              ) : null}{' '}
              <Typography.Text type="secondary">{formatDateTime(m.doneAt)}</Typography.Text>
            </div>
          ) : null}
          <UnitTags units={m.organizations} max={4} />
        </div>
      ))}
    </div>
  );
}

function IndicatorList({
  items,
  onOpen,
  onEdit,
  onHistory,
}: {
  items: IndicatorView[];
  onOpen: (i: IndicatorView) => void;
  onEdit?: ((i: IndicatorView) => void) | undefined;
  onHistory: (i: IndicatorView) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  if (!items.length) return null;
  const columns: TableColumnsType<IndicatorView> = [
    { key: 'code', title: t('plan.field.code'), dataIndex: 'code', width: 100 },
    {
      key: 'name',
      title: t('plan.field.indicator'),
      render: (_, i) => (
        <Button type="link" className="hx-link-cell hx-plan-name-cell" onClick={() => onOpen(i)}>
          {indicatorName(i, locale)}
        </Button>
      ),
    },
    { key: 'targets', title: t('plan.field.targets'), render: (_, i) => <span data-testid={`targets-${i.code}`}>{targetsText(i, locale, i.unit)}</span> },
    {
      key: 'baseline',
      title: t('plan.field.baseline'),
      render: (_, i) =>
        i.baseline ? `${i.baseline.year}: ${i.baseline.value === null ? t('plan.baseline.toReport') : formatNumber(i.baseline.value, locale)}` : '—',
    },
    { key: 'kind', title: t('plan.field.kind'), render: (_, i) => t(`plan.kind.${i.kind}`) },
    {
      key: 'source',
      title: t('plan.field.source'),
      render: (_, i) => <Tag color={i.source === 'computed' ? 'purple' : undefined}>{t(`plan.source.${i.source}`)}</Tag>,
    },
    { key: 'units', title: t('plan.field.units'), render: (_, i) => <UnitTags units={i.organizations} max={3} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, i) => (
        <Space size={4}>
          {onEdit ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(i)} data-testid={`indicator-edit-${i.code}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Button size="small" icon={<HistoryOutlined />} onClick={() => onHistory(i)} data-testid={`indicator-history-${i.code}`}>
            {t('plan.revision.button')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Table<IndicatorView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      scroll={{ x: 'max-content' }}
      className="hx-plan-tree-table"
    />
  );
}

/** The plan as data: actions → tasks with their original text, units, indicators with targets, milestones. */
export default function PlanTreePage() {
  const t = useT();
  const { message } = App.useApp();
  const user = useUser();
  const [search, setSearch] = useSearchParams();
  const { plans, plan, planId } = usePlanChoice();
  const tree = usePlanTree(planId);
  const [drill, setDrill] = useState<IndicatorView | null>(null);
  const [editing, setEditing] = useState<IndicatorView | null>(null);
  const [history, setHistory] = useState<IndicatorView | null>(null);
  const [milestone, setMilestone] = useState<{ m: MilestoneView; mode: 'complete' | 'reopen' } | null>(null);
  const wantedTask = Number(search.get('task')) || undefined;
  const [open, setOpen] = useState<string[]>([]);
  const office = user.role === 'office';

  useEffect(() => {
    if (!tree.data) return;
    const a = wantedTask ? tree.data.actions.find((x) => x.tasks.some((k) => k.id === wantedTask)) : tree.data.actions[0];
    if (a) setOpen([String(a.id)]);
    if (wantedTask) setTimeout(() => document.getElementById(`task-${wantedTask}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 300);
  }, [tree.data, wantedTask]);

  if (plans.isError) return <LoadError error={plans.error} onRetry={() => void plans.refetch()} />;
  if (tree.isError) return <LoadError error={tree.error} onRetry={() => void tree.refetch()} />;
  if (plans.data && !plans.data.length) return <Empty description={t('plan.empty.plans')} />;
  const p = tree.data;
  const handlers = { onOpen: setDrill, onEdit: office ? setEditing : undefined, onHistory: setHistory };
  const task = (k: PlanTask) => (
    <Card
      key={k.id}
      id={`task-${k.id}`}
      size="small"
      className={`hx-plan-task${wantedTask === k.id ? ' hx-plan-task-focus' : ''}`}
      data-testid={`task-${k.id}`}
    >
      <Typography.Title level={5} className="hx-plan-task-title">
        {t('plan.task.number', { n: k.number })} {k.title}
      </Typography.Title>
      <Typography.Paragraph className="hx-plan-original">{k.text}</Typography.Paragraph>
      <Space wrap size={[4, 4]} className="hx-block">
        <UnitTags units={k.organizations} />
        {k.townsImplement ? <Tag color="cyan">{t('plan.task.towns')}</Tag> : null}
        {k.allDepartments ? <Tag color="cyan">{t('plan.task.allDepartments')}</Tag> : null}
      </Space>
      {k.note ? <Typography.Paragraph type="secondary">{k.note}</Typography.Paragraph> : null}
      <IndicatorList items={k.indicators} {...handlers} />
      <Milestones items={k.milestones} onChange={(m, mode) => setMilestone({ m, mode })} />
    </Card>
  );
  const action = (a: PlanAction) => ({
    key: String(a.id),
    label: (
      <Space wrap size={[8, 2]}>
        <Typography.Text strong>
          {a.number} {a.title}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('plan.tree.counts', { tasks: a.tasks.length, indicators: a.indicators.length + a.tasks.reduce((n, k) => n + k.indicators.length, 0) })}
        </Typography.Text>
      </Space>
    ),
    children: (
      <div data-testid={`action-${a.code}`}>
        <Typography.Paragraph className="hx-plan-original">{a.text}</Typography.Paragraph>
        <IndicatorList items={a.indicators} {...handlers} />
        <Milestones items={a.milestones} onChange={(m, mode) => setMilestone({ m, mode })} />
        {a.tasks.map(task)}
      </div>
    ),
  });
  return (
    <div data-testid="page-plan-tree">
      <PageHeader
        title={t('plan.tree.title')}
        subtitle={plan ? `${plan.title}（${plan.docNumber}）` : undefined}
        extra={
          <Space wrap>
            {office ? <PlanFileImport onLoaded={(id) => setSearch({ planId: String(id) })} /> : null}
            {planId ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download(`/api/plans/${planId}/export`, undefined, 'plan.json').catch((e: unknown) => message.error(errorMessage(e)))}
                data-testid="plan-export"
              >
                {t('plan.tree.exportFile')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {!p ? (
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <>
          <Card size="small" className="hx-block">
            <Descriptions size="small" column={{ xs: 1, md: 3 }} className="hx-descriptions">
              <Descriptions.Item label={t('plan.tree.issuer')}>{p.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('plan.tree.issuedOn')}>{p.issuedOn}</Descriptions.Item>
              <Descriptions.Item label={t('plan.tree.period')}>
                {p.startYear}–{p.endYear}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.tree.version')}>{p.version}</Descriptions.Item>
              <Descriptions.Item label={t('plan.tree.region')}>{p.region.name}</Descriptions.Item>
              {p.parentPlans.length ? <Descriptions.Item label={t('plan.tree.parents')}>{p.parentPlans.join('、')}</Descriptions.Item> : null}
            </Descriptions>
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'pre',
                  label: t('plan.tree.preamble'),
                  children: <Typography.Paragraph className="hx-plan-original">{p.preamble}</Typography.Paragraph>,
                },
                {
                  key: 'gen',
                  label: t('plan.tree.general'),
                  children: <Typography.Paragraph className="hx-plan-original">{p.generalRequirements}</Typography.Paragraph>,
                },
              ]}
            />
          </Card>
          {!office ? <Alert type="info" showIcon className="hx-block" title={t('plan.tree.readOnly')} /> : null}
          <Collapse
            activeKey={open}
            onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
            items={p.actions.map(action)}
            className="hx-block"
            data-testid="plan-tree"
          />
        </>
      )}
      <IndicatorDrawer indicatorId={drill?.id ?? null} planId={planId} onClose={() => setDrill(null)} />
      {editing ? <EditIndicatorModal indicator={editing} onClose={() => setEditing(null)} /> : null}
      {history ? <RevisionsDrawer indicator={history} onClose={() => setHistory(null)} /> : null}
      {milestone ? <MilestoneModal milestone={milestone.m} mode={milestone.mode} onClose={() => setMilestone(null)} /> : null}
    </div>
  );
}
