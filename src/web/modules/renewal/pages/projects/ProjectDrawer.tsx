import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, Modal, Space, Spin, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { DateField } from '../../../../components/DateField';
import { EvidenceUpload, type EvidenceFile } from '../../../../components/EvidenceUpload';
import { useAction } from '../../../../components/useAction';
import { EvidenceViewer } from '../../../../components/EvidenceViewer';
import { useFormSubmit } from '../../../../components/formErrors';
import { formatMinute, todayInShanghai } from '../../../../components/format';
import { LoadError } from '../../../../components/ResultPages';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import { PROJECT_STEPS, wanToFen } from '../../../../../shared/enums/renewalProjects';
import { evidenceUrl, useProject, useProjectMove, type ProjectDetail, type ProjectMove } from './api';
import { ProjectStatusTag, useCode, wan } from './parts';
import { DemoTag } from '../../../../components/DemoTag';

type Dialog = null | 'town-return' | 'return' | 'return-completion' | 'start' | 'complete';

/** The project's steps; a returned project shows where it stands again (the step it is to be submitted from). */
function ProjectSteps({ p }: { p: ProjectDetail }) {
  const code = useCode();
  const isPhone = useIsPhone();
  const at = p.status === 'returned' ? 0 : PROJECT_STEPS.indexOf(p.status);
  return (
    <Steps
      size="small"
      orientation={isPhone ? 'vertical' : 'horizontal'}
      current={at}
      status={p.status === 'returned' ? 'error' : p.status === 'completed' ? 'finish' : 'process'}
      data-testid="project-steps"
      items={PROJECT_STEPS.map((s) => ({
        title: code('step', s),
        ...(s === 'submitted' && p.simplified ? { content: code('step', 'skipped') } : {}),
      }))}
    />
  );
}

/** One project: its figures, equipment, evidence and timeline, and the moves the reader may make now. */
export function ProjectDrawer({ id, onClose, onEdit }: { id: number | null; onClose: () => void; onEdit?: (p: ProjectDetail) => void }) {
  const t = useT();
  const code = useCode();
  const isPhone = useIsPhone();
  const data = useProject(id);
  const moveProject = useProjectMove();
  const { busy, run: runAction } = useAction();
  const industry = useDictionary('industry');
  const equipment = useDictionary('renewal_advanced_equipment');
  const [dialog, setDialog] = useState<Dialog>(null);
  const p = data.data;

  async function run(move: ProjectMove, body?: object) {
    if (p) await runAction(() => moveProject(p.id, move, body), t(`renewal.proj.moved.${move}` as Parameters<typeof t>[0]));
  }

  const actions = p?.actions ?? [];
  const buttons = p ? (
    <Space wrap data-testid="project-actions">
      {actions.includes('edit') && onEdit ? (
        <Button onClick={() => onEdit(p)} data-testid="project-edit">
          {t('common.edit')}
        </Button>
      ) : null}
      {actions.includes('submit') ? (
        <Button type="primary" loading={busy} onClick={() => void run('submit')} data-testid="project-submit">
          {t('renewal.proj.do.submit')}
        </Button>
      ) : null}
      {actions.includes('townPass') ? (
        <Button type="primary" loading={busy} onClick={() => void run('town-pass', {})} data-testid="project-town-pass">
          {t('renewal.proj.do.townPass')}
        </Button>
      ) : null}
      {actions.includes('townReturn') ? (
        <Button danger onClick={() => setDialog('town-return')} data-testid="project-town-return">
          {t('renewal.proj.do.return')}
        </Button>
      ) : null}
      {actions.includes('approve') ? (
        <Button type="primary" loading={busy} onClick={() => void run('approve', {})} data-testid="project-approve">
          {t('renewal.proj.do.approve')}
        </Button>
      ) : null}
      {actions.includes('departmentReturn') ? (
        <Button danger onClick={() => setDialog('return')} data-testid="project-return">
          {t('renewal.proj.do.return')}
        </Button>
      ) : null}
      {actions.includes('start') ? (
        <Button type="primary" onClick={() => setDialog('start')} data-testid="project-start">
          {t('renewal.proj.do.start')}
        </Button>
      ) : null}
      {actions.includes('returnCompletion') ? (
        <Button danger onClick={() => setDialog('return-completion')} data-testid="project-return-completion">
          {t('renewal.proj.do.returnCompletion')}
        </Button>
      ) : null}
      {actions.includes('complete') ? (
        <Button type="primary" onClick={() => setDialog('complete')} data-testid="project-complete">
          {t('renewal.proj.do.complete')}
        </Button>
      ) : null}
    </Space>
  ) : null;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 760}
      title={p ? `${p.code} ${p.name}` : t('renewal.proj.project')}
      extra={isPhone ? null : buttons}
      destroyOnHidden
    >
      {data.isError ? <LoadError error={data.error} onRetry={() => void data.refetch()} /> : null}
      {!p ? (
        data.isLoading ? (
          <Spin />
        ) : null
      ) : (
        <div data-testid="project-detail">
          {isPhone ? <div style={{ marginBottom: 12 }}>{buttons}</div> : null}
          <ProjectSteps p={p} />
          {(p.status === 'returned' || p.returnedFrom === 'completion') && p.returnReason ? (
            <Alert
              type="error"
              showIcon
              style={{ margin: '12px 0' }}
              data-testid="project-returned"
              message={t('renewal.proj.returnedBecause', { step: code('returnedFrom', p.returnedFrom ?? 'town_check'), reason: p.returnReason })}
            />
          ) : null}
          {p.simplified ? (
            <Alert type="info" showIcon style={{ margin: '12px 0' }} data-testid="project-simplified" message={t('renewal.proj.simplifiedNote')} />
          ) : null}
          <Descriptions size="small" column={isPhone ? 1 : 2} bordered style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('renewal.proj.field.status')}>
              <Space size={4}>
                <ProjectStatusTag status={p.status} />
                <DemoTag show={p.isDemo} />
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.enterprise')}>{p.organizationName}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.town')}>{p.townName}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.sector')}>{code('sector', p.sector)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.industry')}>{industry.labelOf(p.industry)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.type')}>{code('type', p.type)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.planned')}>{wan(p.plannedInvestmentFen)}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.equipment')}>
              {wan(p.plannedEquipmentFen)}
              {p.plannedInvestmentFen > 0 ? ` (${Math.round((p.plannedEquipmentFen * 100) / p.plannedInvestmentFen)}%)` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.addsLand')}>{p.addsLand ? t('common.yes') : t('common.no')}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.schedule')}>
              {p.plannedStart} ~ {p.plannedEnd}
            </Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.energy')}>{p.energySavedTce ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('renewal.proj.field.emissions')}>{p.emissionsReducedT ?? '—'}</Descriptions.Item>
            {p.startedOn ? <Descriptions.Item label={t('renewal.proj.field.startedOn')}>{p.startedOn}</Descriptions.Item> : null}
            {p.completedOn ? <Descriptions.Item label={t('renewal.proj.field.completedOn')}>{p.completedOn}</Descriptions.Item> : null}
            {p.actualInvestmentFen !== null ? <Descriptions.Item label={t('renewal.proj.field.actual')}>{wan(p.actualInvestmentFen)}</Descriptions.Item> : null}
            {p.description ? <Descriptions.Item label={t('renewal.proj.field.description')}>{p.description}</Descriptions.Item> : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('renewal.proj.oldEquipment')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.oldEquipment}
            data-testid="project-old-equipment"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            columns={[
              {
                key: 'name',
                title: t('renewal.proj.eq.name'),
                render: (_, e) => (
                  <Space size={4}>
                    {e.name}
                    {e.overAge ? <Tag color="red">{t('renewal.proj.eq.overAge', { years: p.oldMachineToolYears })}</Tag> : null}
                  </Space>
                ),
              },
              { key: 'count', title: t('renewal.proj.eq.count'), dataIndex: 'count' },
              { key: 'years', title: t('renewal.proj.eq.years'), dataIndex: 'yearsInService' },
              { key: 'tool', title: t('renewal.proj.eq.machineTool'), render: (_, e) => (e.isMachineTool ? t('common.yes') : t('common.no')) },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('renewal.proj.newEquipment')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={p.newEquipment}
            data-testid="project-new-equipment"
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
            columns={[
              {
                key: 'name',
                title: t('renewal.proj.eq.name'),
                render: (_, e) => (
                  <Space size={4}>
                    {e.name}
                    {e.isFirstSet ? <Tag color="gold">{t('renewal.proj.eq.firstSet')}</Tag> : null}
                  </Space>
                ),
              },
              { key: 'code', title: t('renewal.proj.eq.list'), render: (_, e) => (e.equipmentCode ? equipment.labelOf(e.equipmentCode) : '—') },
              { key: 'count', title: t('renewal.proj.eq.count'), dataIndex: 'count' },
              { key: 'amount', title: t('renewal.proj.eq.amount'), render: (_, e) => wan(e.amountFen) },
            ]}
          />
          {p.evidence.length ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('renewal.proj.evidence')}
              </Typography.Title>
              <EvidenceViewer items={p.evidence.map((e) => ({ ...e, url: evidenceUrl(p.id, e.id) }))} testId="project-evidence" />
            </>
          ) : null}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('renewal.proj.timeline')}
          </Typography.Title>
          <Timeline
            data-testid="project-timeline"
            items={p.timeline.map((e) => ({
              content: (
                <div>
                  <Typography.Text strong>{code('action', e.action)}</Typography.Text> <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
                  {e.reasons.length > 0 && <div>{e.reasons.join('；')}</div>}
                  {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
                </div>
              ),
            }))}
          />
          <ReasonModal
            open={dialog === 'town-return' || dialog === 'return' || dialog === 'return-completion'}
            onClose={() => setDialog(null)}
            onSubmit={(reason) => run(dialog === 'town-return' ? 'town-return' : (dialog ?? 'return'), { reason })}
          />
          <StartModal open={dialog === 'start'} onClose={() => setDialog(null)} onSubmit={(startedOn) => run('start', { startedOn })} />
          <CompleteModal p={p} open={dialog === 'complete'} onClose={() => setDialog(null)} />
        </div>
      )}
    </Drawer>
  );
}

function ReasonModal({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (reason: string) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={t('renewal.proj.do.return')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void onSubmit(v.reason).then(onClose)}>
        <Form.Item name="reason" label={t('renewal.proj.reason')} rules={[{ required: true, min: 2, message: t('renewal.proj.reasonRule') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="project-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StartModal({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (startedOn: string) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ startedOn: string }>();
  return (
    <Modal open={open} title={t('renewal.proj.do.start')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ startedOn: todayInShanghai() }} onFinish={(v) => void onSubmit(v.startedOn).then(onClose)}>
        <DateField name="startedOn" label={t('renewal.proj.field.startedOn')} testId="project-started-on" />
      </Form>
    </Modal>
  );
}

interface CompleteValues {
  completedOn: string;
  actual: string;
  actualEquipment: string;
}

/** 竣工: the actual investment and its equipment share (万元, to the fen), the date, and evidence files. */
function CompleteModal({ p, open, onClose }: { p: ProjectDetail; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const moveProject = useProjectMove();
  const [form] = Form.useForm<CompleteValues>();
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const wanRule = {
    validator: (_: unknown, v?: string) => (v && wanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('renewal.proj.wanRule')))),
  };
  const { saving, error, submit } = useFormSubmit<CompleteValues>(
    form,
    async (v) => {
      await moveProject(p.id, 'complete', {
        completedOn: v.completedOn,
        actualInvestmentFen: wanToFen(v.actual) ?? 0,
        actualEquipmentFen: wanToFen(v.actualEquipment) ?? 0,
        evidence: files.map((f) => f.id),
      });
      void message.success(t('renewal.proj.moved.complete'));
      onClose();
    },
    { actualInvestmentFen: 'actual', actualEquipmentFen: 'actualEquipment' },
  );
  return (
    <Modal
      open={open}
      title={t('renewal.proj.do.complete')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, disabled: !files.length }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<CompleteValues>
        form={form}
        layout="vertical"
        initialValues={{ completedOn: todayInShanghai() }}
        onFinish={(v) => void submit(v)}
        data-testid="project-complete-form"
      >
        <DateField name="completedOn" label={t('renewal.proj.field.completedOn')} />
        <Form.Item name="actual" label={t('renewal.proj.field.actualWan')} rules={[wanRule]}>
          <Input inputMode="decimal" suffix="万元" data-testid="project-actual" />
        </Form.Item>
        <Form.Item name="actualEquipment" label={t('renewal.proj.field.actualEquipmentWan')} rules={[wanRule]}>
          <Input inputMode="decimal" suffix="万元" data-testid="project-actual-equipment" />
        </Form.Item>
        <Form.Item label={t('renewal.proj.evidence')} required help={t('renewal.proj.evidenceHelp')} name="evidence">
          <EvidenceUpload value={files} onChange={setFiles} testId="project-evidence-upload" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
