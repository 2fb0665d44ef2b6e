import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, ForwardOutlined, HistoryOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useGrants } from '../../platform/grants/useGrants';
import { usePrograms, type CategoryView, type ProgramView, type RuleVersionView } from '../api';
import { EmptyState, Money, RuleText, StatusTag } from '../components';
import { fenToYuan, yuanToFen } from '../../../../shared/money';
import { needsInstallation } from '../../../../shared/enums/tradein';
import { ProgramEditor } from './ProgramEditor';
import { RolloverDialog, WindowTag } from '../../../components/ProgramWindow';
import { usePageParameters } from '../../platform/parameters/usePageParameters';

interface RuleForm {
  name?: string;
  dailyQuota?: number;
  rates?: { grade?: number | null; ratePercent?: number }[];
  cap?: string;
  ceiling?: string;
  limitPerPerson?: number;
  evidence?: ('invoice' | 'serialNumber' | 'oldItemProof')[];
  /** Sales settled only once installed (air conditioners, water heaters…). */
  installation?: boolean;
  note?: string;
}

const plain = (fen: number) => fenToYuan(fen).replace(/,/g, '');

function History({ program, category, onClose }: { program: ProgramView; category: CategoryView; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const history = useQuery({
    queryKey: ['tradein', 'rule-history', program.id, category.category],
    queryFn: ({ signal }) => api.get<RuleVersionView[]>(`/api/tradein/programs/${program.id}/categories/${category.category}/history`, undefined, signal),
  });
  return (
    <Drawer open onClose={onClose} title={t('tradein.programs.historyOf', { name: category.name })} size={isPhone ? '100%' : 520} data-testid="rule-history">
      {history.isPending ? (
        <Skeleton active />
      ) : history.isError ? (
        <LoadError error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Timeline
          items={history.data.map((v) => ({
            color: v.current ? 'blue' : 'gray',
            content: (
              <div data-testid={`rule-version-${v.version}`}>
                <Typography.Text strong>{t('tradein.programs.version', { v: v.version })}</Typography.Text>{' '}
                {v.current ? <Tag color="blue">{t('tradein.programs.current')}</Tag> : null}
                <div className="hx-ti-live">{formatDateTime(v.createdAt)}</div>
                {v.note ? <div>{v.note}</div> : null}
                <RuleText rule={v.rule} />
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}

/** Programmes and their category rules (市商务局 edits a rule: a new version, issued vouchers keep theirs). */
export default function ProgramsPage() {
  const t = useT();
  const { programEndingNoticeDays } = usePageParameters();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const grants = useGrants('tradein');
  const isPhone = useIsPhone();
  const [editing, setEditing] = useState<{ program: ProgramView; category: CategoryView } | null>(null);
  const [history, setHistory] = useState<{ program: ProgramView; category: CategoryView } | null>(null);
  /** The programme drawer: `program: null` creates one. */
  const [programEditor, setProgramEditor] = useState<{ program: ProgramView | null } | null>(null);
  const [rollover, setRollover] = useState<ProgramView | null>(null);
  const [form] = Form.useForm<RuleForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The rule changed since the modal opened (409 VERSION_CONFLICT): saving again would be refused too. */
  const [stale, setStale] = useState(false);

  function edit(program: ProgramView, category: CategoryView) {
    const r = category.rule;
    setError(null);
    setStale(false);
    setEditing({ program, category });
    form.setFieldsValue({
      name: category.name,
      dailyQuota: category.dailyQuota,
      rates: r.rates.map((x) => ({ grade: x.grade, ratePercent: x.rateBp / 100 })),
      cap: plain(r.capFen),
      ceiling: r.priceCeilingFen === null ? '' : plain(r.priceCeilingFen),
      limitPerPerson: r.limitPerPerson,
      evidence: (['invoice', 'serialNumber', 'oldItemProof'] as const).filter((k) => r.evidence[k]),
      installation: needsInstallation(r, category.category),
      note: '',
    });
  }

  async function save(v: RuleForm) {
    if (!editing) return;
    setSaving(true);
    setError(null);
    const ev = new Set(v.evidence ?? []);
    const body = {
      name: v.name?.trim(),
      dailyQuota: v.dailyQuota,
      rule: {
        rates: (v.rates ?? []).map((x) => ({ grade: x.grade ?? null, rateBp: Math.round((x.ratePercent ?? 0) * 100) })),
        capFen: yuanToFen(v.cap),
        priceCeilingFen: v.ceiling?.trim() ? yuanToFen(v.ceiling) : null,
        limitPerPerson: v.limitPerPerson,
        evidence: { invoice: ev.has('invoice'), serialNumber: ev.has('serialNumber'), oldItemProof: ev.has('oldItemProof') },
        installation: v.installation ?? false,
      },
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      // The version this form was filled from: the server refuses the save if someone saved another since.
      baseVersion: editing.category.ruleVersion,
    };
    try {
      await api.put(`/api/tradein/programs/${editing.program.id}/categories/${editing.category.category}`, body);
      message.success(t('tradein.programs.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['tradein', 'programs'] });
      void qc.invalidateQueries({ queryKey: ['tradein', 'rule-history'] });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        setStale(true);
        setError(e.message);
        void qc.invalidateQueries({ queryKey: ['tradein', 'programs'] });
        return;
      }
      setError(
        applyApiError(form, e, { 'rule.capFen': 'cap', 'rule.priceCeilingFen': 'ceiling', 'rule.limitPerPerson': 'limitPerPerson', 'rule.rates': 'rates' }),
      );
    } finally {
      setSaving(false);
    }
  }

  /** Refills the modal with the rule as it is now, so the edit starts again from the newest version. */
  async function reloadRule() {
    if (!editing) return;
    const fresh = await api.get<ProgramView>(`/api/tradein/programs/${editing.program.id}`);
    const category = fresh.categories.find((c) => c.category === editing.category.category);
    if (category) edit(fresh, category);
  }

  const editProgramButton = (p: ProgramView) => (
    <Space wrap size={4}>
      <Button size="small" icon={<EditOutlined />} onClick={() => setProgramEditor({ program: p })} data-testid={`program-edit-${p.code}`}>
        {t('tradein.editor.editProgram')}
      </Button>
      <Button size="small" icon={<ForwardOutlined />} onClick={() => setRollover(p)} data-testid={`program-rollover-${p.code}`}>
        {t('rollover.action')}
      </Button>
    </Space>
  );

  const columns = (p: ProgramView): TableColumnsType<CategoryView> => [
    { key: 'name', title: t('tradein.field.category'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    { key: 'rule', title: t('tradein.programs.rule'), render: (_, c) => <RuleText rule={c.rule} category={c.category} /> },
    { key: 'quota', title: t('tradein.field.dailyQuota'), dataIndex: 'dailyQuota', align: 'right', sorter: (a, b) => a.dailyQuota - b.dailyQuota },
    { key: 'version', title: t('tradein.programs.versionCol'), dataIndex: 'ruleVersion', render: (v: number) => `v${v}` },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, c) => (
        <Space wrap>
          {grants.manage ? (
            <Button size="small" onClick={() => edit(p, c)} data-testid={`rule-edit-${p.id}-${c.category}`}>
              {t('common.edit')}
            </Button>
          ) : null}
          <Button
            size="small"
            icon={<HistoryOutlined />}
            onClick={() => setHistory({ program: p, category: c })}
            data-testid={`rule-history-${p.id}-${c.category}`}
          >
            {t('tradein.programs.history')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="page-tradein-programs">
      <PageHeader
        title={t('tradein.nav.programs')}
        subtitle={t('tradein.programs.subtitle')}
        extra={
          grants.manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProgramEditor({ program: null })} data-testid="program-create">
              {t('tradein.editor.create')}
            </Button>
          ) : null
        }
      />
      {programs.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : programs.isError ? (
        <Card>
          <LoadError error={programs.error} onRetry={() => void programs.refetch()} />
        </Card>
      ) : programs.data.length === 0 ? (
        <Card>
          <EmptyState text={t('tradein.programs.none')} testId="programs-empty" />
        </Card>
      ) : (
        programs.data.map((p) => (
          <Card
            key={p.id}
            className="hx-block"
            data-testid={`program-${p.code}`}
            title={
              <span>
                {p.name} {p.isExample ? <Tag color="orange">{t('tradein.programs.example')}</Tag> : null}
              </span>
            }
            extra={
              <Space wrap>
                <WindowTag program={p} noticeDays={programEndingNoticeDays} />
                <StatusTag group="program" status={p.status} />
                {grants.manage && !isPhone ? editProgramButton(p) : null}
              </Space>
            }
          >
            {/* On a phone the card title keeps the width; the button goes first in the body. */}
            {grants.manage && isPhone ? <div className="hx-block">{editProgramButton(p)}</div> : null}
            <div className="hx-ti-figures hx-block">
              <div className="hx-ti-figure">
                <div className="hx-ti-figure-label">{t('tradein.programs.windowLabel')}</div>
                <div>{t('tradein.programs.window', { from: p.validFrom, to: p.validTo })}</div>
              </div>
              <div className="hx-ti-figure">
                <div className="hx-ti-figure-label">{t('tradein.budget.total')}</div>
                <Money fen={p.budget.totalFen} strong />
              </div>
              <div className="hx-ti-figure">
                <div className="hx-ti-figure-label">{t('tradein.budget.used')}</div>
                <Money fen={p.budget.usedFen} />
              </div>
              <div className="hx-ti-figure">
                <div className="hx-ti-figure-label">{t('tradein.programs.release')}</div>
                <div>{t('tradein.programs.releaseText', { time: p.releaseTime, days: p.voucherValidDays })}</div>
              </div>
            </div>
            <Typography.Paragraph type="secondary">{p.roundingStatement}</Typography.Paragraph>
            <Table<CategoryView>
              rowKey="category"
              size="small"
              columns={columns(p)}
              dataSource={p.categories}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        ))
      )}
      <Modal
        open={editing !== null}
        title={editing ? t('tradein.programs.editRule', { name: editing.category.name }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ ...testId('rule-save') }}
        width={600}
        forceRender
      >
        <Alert type="info" showIcon title={t('tradein.programs.versionNote')} className="hx-form-alert" />
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            className="hx-form-alert"
            data-testid={stale ? 'rule-stale' : undefined}
            action={
              stale ? (
                <Button size="small" onClick={() => void reloadRule()} data-testid="rule-reload">
                  {t('common.reload')}
                </Button>
              ) : undefined
            }
          />
        ) : null}
        <Form<RuleForm> form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="rule-form">
          <Space wrap>
            <Form.Item name="name" label={t('tradein.field.category')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="dailyQuota" label={t('tradein.field.dailyQuota')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <Typography.Text strong>{t('tradein.programs.rates')}</Typography.Text>
          <Form.List name="rates">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap style={{ display: 'flex', marginTop: 8 }}>
                    <Form.Item name={[f.name, 'grade']} label={t('tradein.field.grade')} extra={t('tradein.programs.anyGrade')}>
                      <InputNumber min={1} max={5} precision={0} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'ratePercent']}
                      label={t('tradein.programs.ratePercent')}
                      rules={[{ required: true, message: t('common.required') }]}
                    >
                      <InputNumber min={0} max={100} step={0.5} precision={2} suffix="%" data-testid={`rule-rate-${f.name}`} />
                    </Form.Item>
                    {fields.length > 1 ? <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} /> : null}
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ grade: null, ratePercent: 15 })}
                  className="hx-block"
                  disabled={fields.length >= 6}
                >
                  {t('tradein.programs.addRate')}
                </Button>
              </>
            )}
          </Form.List>
          <Space wrap>
            <Form.Item
              name="cap"
              label={t('tradein.programs.capYuan')}
              rules={[
                {
                  validator: async (_r, v: string) => {
                    if (yuanToFen(v) === null) throw new Error(t('tradein.redeem.priceRule'));
                  },
                },
              ]}
            >
              <Input prefix="¥" inputMode="decimal" data-testid="rule-cap" />
            </Form.Item>
            <Form.Item
              name="ceiling"
              label={t('tradein.programs.ceilingYuan')}
              rules={[
                {
                  validator: async (_r, v: string) => {
                    if (v?.trim() && yuanToFen(v) === null) throw new Error(t('tradein.redeem.priceRule'));
                  },
                },
              ]}
            >
              <Input prefix="¥" inputMode="decimal" placeholder={t('tradein.programs.noCeiling')} />
            </Form.Item>
            <Form.Item name="limitPerPerson" label={t('tradein.programs.limit')} rules={[{ required: true, message: t('common.required') }]}>
              <InputNumber min={1} max={20} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item name="evidence" label={t('tradein.programs.evidence')}>
            <Checkbox.Group
              options={[
                { value: 'invoice', label: t('tradein.rule.evidence.invoice') },
                { value: 'serialNumber', label: t('tradein.rule.evidence.serial') },
                { value: 'oldItemProof', label: t('tradein.rule.evidence.oldItem') },
              ]}
            />
          </Form.Item>
          <Form.Item name="installation" valuePropName="checked" extra={t('tradein.rule.installation.help')}>
            <Checkbox data-testid="rule-installation">{t('tradein.rule.installation')}</Checkbox>
          </Form.Item>
          <Form.Item name="note" label={t('tradein.programs.note')}>
            <Input.TextArea rows={2} maxLength={500} data-testid="rule-note" />
          </Form.Item>
        </Form>
      </Modal>
      {programEditor ? <ProgramEditor program={programEditor.program} onClose={() => setProgramEditor(null)} /> : null}
      {rollover ? (
        <RolloverDialog
          program={rollover}
          endpoint={`/api/tradein/programs/${rollover.id}/rollover`}
          withMerchants
          onClose={() => setRollover(null)}
          onDone={() => {
            setRollover(null);
            void qc.invalidateQueries({ queryKey: ['tradein', 'programs'] });
          }}
        />
      ) : null}
      {history ? <History program={history.program} category={history.category} onClose={() => setHistory(null)} /> : null}
    </div>
  );
}
