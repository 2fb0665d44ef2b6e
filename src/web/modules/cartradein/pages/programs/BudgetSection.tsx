import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client';
import { applyApiError } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { fenToDecimal, fenToYuan, yuanToFen } from '../../../../../shared/money';
import { EmptyState, Yuan } from '../../components';
import { carAdminKeys, useCarBudgetHistory, type CarBudgetView, type CarProgramView, type SetCarBudgetInput } from '../../api';
import { BurnDownChart } from './BurnDownChart';
import { VersionHistory } from './VersionHistory';

type Split = NonNullable<CarBudgetView['budget']>;

function Figure({ label, value, testId, tone }: { label: string; value: ReactNode; testId?: string; tone?: 'good' | 'warn' }) {
  return (
    <div className={`hx-car-figure${tone ? ` hx-car-figure-${tone}` : ''}`} data-testid={testId}>
      <div className="hx-car-figure-label">{label}</div>
      <div className="hx-car-figure-value">{value}</div>
    </div>
  );
}

/**
 * The programme's budget: its central/provincial/city split, what waits for a decision, what is approved and paid,
 * the figures by funding source and a daily burn-down; managers set the split (a new version each time).
 */
export function BudgetSection({ program, budget, canEdit }: { program: CarProgramView; budget: UseQueryResult<CarBudgetView>; canEdit: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const b = budget.data;
  const rows = b
    ? (
        [
          ['budget', b.budget],
          ['committed', b.committed],
          ['approved', b.approved],
          ['paid', b.paid],
          ['remaining', b.remaining],
          ['uncommitted', b.uncommitted],
        ] as [string, Split | null][]
      )
        .filter((r): r is [string, Split] => r[1] !== null)
        .map(([key, s]) => ({ key, ...s }))
    : [];
  return (
    <Card
      title={
        <Space wrap size={4}>
          {t('car.budget.title')}
          {b?.set ? <Tag data-testid="car-budget-version">{t('car.admin.versionN', { v: b.version })}</Tag> : null}
        </Space>
      }
      extra={
        <Space wrap size={4}>
          {canEdit && b && program.status !== 'closed' ? (
            <Button size="small" type={b.set ? 'default' : 'primary'} icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="car-budget-edit">
              {b.set ? t('car.budget.edit') : t('car.budget.set')}
            </Button>
          ) : null}
          <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistory(true)} data-testid="car-budget-history">
            {t('car.admin.history')}
          </Button>
        </Space>
      }
      className="hx-block"
      data-testid="car-budget"
    >
      {budget.isPending ? (
        <Skeleton active />
      ) : budget.isError ? (
        <LoadError error={budget.error} onRetry={() => void budget.refetch()} />
      ) : (
        <>
          {!budget.data.set ? (
            <Alert type="warning" showIcon title={t('car.budget.notSet')} className="hx-form-alert" data-testid="car-budget-not-set" />
          ) : null}
          <div className="hx-car-figures">
            <Figure label={t('car.budget.total')} value={b!.budget ? <Yuan fen={b!.budget.total} /> : t('car.budget.unset')} testId="car-budget-total" />
            <Figure label={t('car.budget.committed', { n: b!.committed.count })} value={<Yuan fen={b!.committed.total} />} testId="car-budget-committed" />
            <Figure label={t('car.budget.approved', { n: b!.approved.count })} value={<Yuan fen={b!.approved.total} />} testId="car-budget-approved" />
            <Figure label={t('car.budget.paid', { n: b!.paid.count })} value={<Yuan fen={b!.paid.total} />} tone="good" testId="car-budget-paid" />
            {b!.remaining ? (
              <Figure
                label={t('car.budget.remaining')}
                value={<Yuan fen={b!.remaining.total} />}
                tone={b!.uncommitted && b!.uncommitted.total < 0 ? 'warn' : undefined}
                testId="car-budget-remaining"
              />
            ) : null}
          </div>
          <Typography.Paragraph type="secondary" className="hx-car-help">
            {t('car.budget.help')}
          </Typography.Paragraph>
          {b!.set ? (
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={rows}
              data-testid="car-budget-split"
              className="hx-block"
              columns={[
                { key: 'k', title: '', dataIndex: 'key', render: (k: string) => t(`car.budget.row.${k}` as 'car.budget.row.budget') },
                { key: 'central', title: t('car.budget.central'), dataIndex: 'central', align: 'right', render: (f: number) => <Yuan fen={f} /> },
                { key: 'provincial', title: t('car.budget.provincial'), dataIndex: 'provincial', align: 'right', render: (f: number) => <Yuan fen={f} /> },
                { key: 'city', title: t('car.budget.city'), dataIndex: 'city', align: 'right', render: (f: number) => <Yuan fen={f} /> },
                { key: 'total', title: t('car.budget.sum'), dataIndex: 'total', align: 'right', render: (f: number) => <Yuan fen={f} /> },
              ]}
            />
          ) : null}
          <Typography.Title level={5}>{t('car.budget.burnDown')}</Typography.Title>
          {b!.burnDown.length ? <BurnDownChart budget={b!} /> : <EmptyState text={t('car.budget.noDays')} />}
        </>
      )}
      {editing && b ? <BudgetEditor program={program} budget={b} onClose={() => setEditing(false)} /> : null}
      {history ? <BudgetHistory program={program} onClose={() => setHistory(false)} /> : null}
    </Card>
  );
}

interface BudgetForm {
  central?: string;
  provincial?: string;
  city?: string;
  total?: unknown;
  note?: string;
}

function yuanRule(t: ReturnType<typeof useT>) {
  return {
    validator: async (_r: unknown, v: string | undefined) => {
      if (!v?.trim()) throw new Error(t('common.required'));
      if (yuanToFen(v) === null) throw new Error(t('car.admin.yuanRule'));
    },
  };
}

/** The sum under the three sources; also where the API's "total" errors (below what is approved) show. */
function TotalLine(_props: { value?: unknown; onChange?: unknown }) {
  const t = useT();
  const form = Form.useFormInstance<BudgetForm>();
  const v = Form.useWatch([], form) as BudgetForm | undefined;
  const parts = [v?.central, v?.provincial, v?.city].map((x) => (x?.trim() ? yuanToFen(x) : 0));
  const total = parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  return (
    <Typography.Text strong data-testid="car-budget-form-total">
      {t('car.budget.formTotal', { amount: total === null ? '—' : fenToYuan(total) })}
    </Typography.Text>
  );
}

function BudgetEditor({ program, budget, onClose }: { program: CarProgramView; budget: CarBudgetView; onClose: () => void }) {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<BudgetForm>();
  const [base, setBase] = useState(budget.version);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const initial = (s: CarBudgetView['budget']): BudgetForm =>
    s ? { central: fenToDecimal(s.central ?? 0), provincial: fenToDecimal(s.provincial ?? 0), city: fenToDecimal(s.city ?? 0), note: '' } : { note: '' };

  async function save(v: BudgetForm) {
    setSaving(true);
    setError(null);
    const body: SetCarBudgetInput = {
      centralFen: yuanToFen(v.central) ?? 0,
      provincialFen: yuanToFen(v.provincial) ?? 0,
      cityFen: yuanToFen(v.city) ?? 0,
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      baseVersion: base,
    };
    try {
      const saved = await api.put<CarBudgetView>(`/api/tradein/car-programs/${program.id}/budget`, body);
      message.success(t('car.budget.saved', { v: saved.version }));
      qc.setQueryData(carAdminKeys.budget(program.id), saved);
      void qc.invalidateQueries({ queryKey: carAdminKeys.budgetVersions(program.id) });
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        setStale(true);
        setError(e.message);
        return;
      }
      setError(applyApiError(form, e, { centralFen: 'central', provincialFen: 'provincial', cityFen: 'city' }));
    } finally {
      setSaving(false);
    }
  }

  async function reload() {
    const fresh = await api.get<CarBudgetView>(`/api/tradein/car-programs/${program.id}/budget`);
    qc.setQueryData(carAdminKeys.budget(program.id), fresh);
    setBase(fresh.version);
    setStale(false);
    setError(null);
    form.setFieldsValue(initial(fresh.budget));
  }

  return (
    <Drawer
      open
      onClose={onClose}
      title={t('car.budget.editTitle', { name: program.name })}
      size={isPhone ? '100%' : 520}
      data-testid="car-budget-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="car-budget-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t('car.budget.editHelp', { approved: fenToYuan(budget.approved.total) })} className="hx-form-alert" />
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          className="hx-form-alert"
          data-testid="car-budget-error"
          action={
            stale ? (
              <Button size="small" onClick={() => void reload()}>
                {t('common.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form<BudgetForm> form={form} layout="vertical" initialValues={initial(budget.budget)} onFinish={(v) => void save(v)}>
        <Form.Item name="central" label={t('car.budget.central')} rules={[yuanRule(t)]}>
          <Input prefix="¥" inputMode="decimal" data-testid="car-budget-central" />
        </Form.Item>
        <Form.Item name="provincial" label={t('car.budget.provincial')} rules={[yuanRule(t)]}>
          <Input prefix="¥" inputMode="decimal" data-testid="car-budget-provincial" />
        </Form.Item>
        <Form.Item name="city" label={t('car.budget.city')} rules={[yuanRule(t)]}>
          <Input prefix="¥" inputMode="decimal" data-testid="car-budget-city" />
        </Form.Item>
        <Form.Item name="total">
          <TotalLine />
        </Form.Item>
        <Form.Item name="note" label={t('car.budget.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="car-budget-note" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function BudgetHistory({ program, onClose }: { program: CarProgramView; onClose: () => void }) {
  const t = useT();
  return (
    <VersionHistory
      title={t('car.budget.historyOf', { name: program.name })}
      history={useCarBudgetHistory(program.id)}
      emptyText={t('car.budget.noHistory')}
      testId="car-budget-history-drawer"
      width={480}
      onClose={onClose}
    >
      {(v) => (
        <>
          <div>
            {t('car.budget.central')} <Yuan fen={v.centralFen} /> · {t('car.budget.provincial')} <Yuan fen={v.provincialFen} /> · {t('car.budget.city')}{' '}
            <Yuan fen={v.cityFen} />
          </div>
          <Typography.Text strong>
            {t('car.budget.sum')} <Yuan fen={v.totalFen} />
          </Typography.Text>
          {v.note ? <Typography.Paragraph>{v.note}</Typography.Paragraph> : null}
        </>
      )}
    </VersionHistory>
  );
}
