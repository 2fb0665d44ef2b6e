import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { CalendarOutlined, ForwardOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useUser } from '../../../auth/AuthProvider';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { api } from '../../../api/client';
import { useFormSubmit } from '../../../components/formErrors';
import { RolloverDialog, WindowTag } from '../../../components/ProgramWindow';
import { testId } from '../../../components/testId';
import { useCarPrograms, type CarProgramView } from '../api';
import { useGrants } from '../../platform/grants/useGrants';
import { EmptyState, ruleInWords, WordList } from '../components';
import { usePageParameters } from '../../platform/parameters/usePageParameters';

const OFFICIAL_ROLES: readonly string[] = ['office', 'department', 'auditor'];

/**
 * The car programmes in plain words: which old cars, which new cars, how much, what papers, how long it takes.
 * Officials open a programme's page (status, rule versions, budget); managers also create one.
 */
export default function ProgramsPage() {
  const t = useT();
  const { programEndingNoticeDays } = usePageParameters();
  const { locale } = useLocale();
  const user = useUser();
  const programs = useCarPrograms();
  const grants = useGrants('cartradein');
  const qc = useQueryClient();
  const [rollover, setRollover] = useState<CarProgramView | null>(null);
  const [extending, setExtending] = useState<CarProgramView | null>(null);
  const list = (programs.data ?? []).filter((p) => p.status !== 'draft' || user.role !== 'resident');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['cartradein'] });
  return (
    <div data-testid="page-car-programs">
      <PageHeader
        title={t('nav.carPrograms')}
        subtitle={t('car.programs.subtitle')}
        extra={
          grants.manage ? (
            <Link to="/car/programs/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="car-program-new">
                {t('car.programs.new')}
              </Button>
            </Link>
          ) : null
        }
      />
      {programs.isPending ? (
        <Skeleton active />
      ) : programs.isError ? (
        <LoadError error={programs.error} onRetry={() => void programs.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState text={t('car.programs.none')} testId="car-programs-empty" />
      ) : (
        <div className="hx-car-cards">
          {list.map((p) => {
            const w = ruleInWords(t, locale, p.rule);
            return (
              <Card
                key={p.id}
                data-testid={`car-program-${p.code}`}
                title={
                  <Space wrap size={4}>
                    <span style={{ whiteSpace: 'normal' }}>{p.name}</span>
                  </Space>
                }
                extra={
                  <Space size={4} wrap>
                    <Tag color={p.kind === 'scrapping' ? 'volcano' : 'blue'}>{t(`car.kind.${p.kind}`)}</Tag>
                    {p.isExample ? <Tag>{t('car.example')}</Tag> : null}
                    {p.status === 'closed' ? <Tag>{t('car.programs.closed')}</Tag> : null}
                    {p.status === 'draft' ? <Tag>{t('car.programs.draft')}</Tag> : null}
                    {p.status === 'suspended' ? <Tag color="orange">{t('car.programs.suspended')}</Tag> : null}
                  </Space>
                }
              >
                <Typography.Paragraph type="secondary">
                  {t('car.programs.window', { from: p.validFrom, to: p.validTo })} <WindowTag program={p} noticeDays={programEndingNoticeDays} />
                </Typography.Paragraph>
                <Typography.Text strong>{t('car.programs.amount')}</Typography.Text>
                <WordList items={w.amounts} testId="car-program-amounts" />
                <Typography.Text strong>{t('car.programs.oldCar')}</Typography.Text>
                <WordList items={w.oldCar} />
                <Typography.Text strong>{t('car.programs.newCar')}</Typography.Text>
                <WordList items={w.newCar} />
                <Typography.Text strong>{t('car.programs.evidence')}</Typography.Text>
                <WordList items={w.evidence} />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {w.deadlines}
                </Typography.Paragraph>
                {OFFICIAL_ROLES.includes(user.role ?? '') ? (
                  <Space wrap size={4} className="hx-block">
                    <Link to={`/car/programs/${p.id}`}>
                      <Button size="small" type="primary" ghost icon={<SettingOutlined />} data-testid={`car-program-manage-${p.code}`}>
                        {t('car.programs.manage')}
                      </Button>
                    </Link>
                  </Space>
                ) : null}
                {grants.manage && p.status !== 'closed' ? (
                  <Space wrap size={4} className="hx-block">
                    <Button size="small" icon={<CalendarOutlined />} onClick={() => setExtending(p)} data-testid={`car-program-extend-${p.code}`}>
                      {t('car.programs.extend')}
                    </Button>
                    <Button size="small" icon={<ForwardOutlined />} onClick={() => setRollover(p)} data-testid={`car-program-rollover-${p.code}`}>
                      {t('rollover.action')}
                    </Button>
                  </Space>
                ) : null}
                {user.role === 'resident' && p.status === 'active' ? (
                  <Link to={`/car/apply?program=${p.id}`}>
                    <Button type="primary" block data-testid={`car-apply-${p.code}`}>
                      {t('car.programs.apply')}
                    </Button>
                  </Link>
                ) : null}
              </Card>
            );
          })}
        </div>
      )}
      {rollover ? (
        <RolloverDialog
          program={rollover}
          endpoint={`/api/tradein/car-programs/${rollover.id}/rollover`}
          withMerchants={false}
          onClose={() => setRollover(null)}
          onDone={() => {
            setRollover(null);
            refresh();
          }}
        />
      ) : null}
      {extending ? (
        <ExtendWindowDialog
          program={extending}
          onClose={() => setExtending(null)}
          onDone={() => {
            setExtending(null);
            refresh();
          }}
        />
      ) : null}
    </div>
  );
}

/** Moves the last day of the application window (applications keep being reviewed and paid either way). */
function ExtendWindowDialog({ program, onClose, onDone }: { program: CarProgramView; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ validTo: string }>();
  const { saving, error, submit } = useFormSubmit(form, async (v: { validTo: string }) => {
    await api.patch(`/api/tradein/car-programs/${program.id}`, { validTo: v.validTo });
    message.success(t('car.programs.extended', { date: v.validTo }));
    onDone();
  });
  return (
    <Modal
      open
      title={t('car.programs.extendTitle', { name: program.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ ...testId('car-extend-save') }}
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" initialValues={{ validTo: program.validTo }} onFinish={(v) => void submit(v)}>
        <Form.Item
          name="validTo"
          label={t('car.programs.lastDay')}
          extra={t('car.programs.window', { from: program.validFrom, to: program.validTo })}
          rules={[
            { required: true, message: t('common.required') },
            {
              validator: async (_r, v: string | undefined) => {
                if (v && v < program.validFrom) throw new Error(t('rollover.windowOrder'));
              },
            },
          ]}
        >
          <Input type="date" data-testid="car-extend-valid-to" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
