import { Alert, App, Checkbox, Form, Input, Modal, Tag, Typography } from 'antd';
import { api } from '../api/client';
import { useT } from '../i18n/I18nProvider';
import { addDays } from '../../shared/dates';
import { windowPhase } from '../../shared/programWindow';
import { useFormSubmit } from './formErrors';
import { todayInShanghai } from './format';
import { testId } from './testId';

interface Windowed {
  code: string;
  name: string;
  status: string;
  validFrom: string;
  validTo: string;
}

/**
 * Where a programme stands in its window today: about to end, ended, not started — nothing while it simply runs.
 * `noticeDays`: how early it counts as ending, the system parameter the server's notices use too.
 */
export function WindowTag({ program, noticeDays }: { program: Windowed; noticeDays?: number }) {
  const t = useT();
  if (program.status !== 'active') return null;
  const { phase, daysLeft } = windowPhase(program, todayInShanghai(), noticeDays);
  if (phase === 'open') return null;
  const color = phase === 'ending' ? 'orange' : phase === 'ended' ? 'red' : 'blue';
  const text =
    phase === 'ending'
      ? t('window.ending', { days: daysLeft, date: program.validTo })
      : phase === 'ended'
        ? t('window.ended', { date: program.validTo })
        : t('window.upcoming', { date: program.validFrom });
  return (
    <Tag color={color} data-testid={`window-${program.code}`}>
      {text}
    </Tag>
  );
}

interface RolloverForm {
  code: string;
  name: string;
  validFrom?: string;
  validTo: string;
  carryMerchants?: boolean;
}

/** A first guess at the next window's code and name, from the year it starts in; the manager edits it. */
function nextCode(code: string, lastDay: string, firstDay: string): string {
  const [y, next] = [lastDay.slice(0, 4), firstDay.slice(0, 4)];
  return code.includes(y) ? code.replaceAll(y, next) : `${code}-${next}`.slice(0, 60);
}
function nextName(name: string, lastDay: string, firstDay: string, suffix: string): string {
  const y = lastDay.slice(0, 4);
  return name.includes(y) ? name.replaceAll(y, firstDay.slice(0, 4)) : `${name}${suffix}`.slice(0, 100);
}

/**
 * Carries a programme into its next window: a new draft with the old one's rules and schedule (and, for trade-in
 * programmes, its approved merchants), to be checked and activated. The old programme is not changed.
 */
export function RolloverDialog({
  program,
  endpoint,
  withMerchants,
  onClose,
  onDone,
}: {
  program: Windowed;
  endpoint: string;
  withMerchants: boolean;
  onClose: () => void;
  onDone: (created: { id: number; code: string }) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RolloverForm>();
  const from = addDays(program.validTo, 1);
  const to = addDays(from, 364);
  const { saving, error, submit } = useFormSubmit(form, async (v: RolloverForm) => {
    const created = await api.post<{ id: number; code: string }>(endpoint, {
      code: v.code.trim(),
      name: v.name.trim(),
      ...(v.validFrom ? { validFrom: v.validFrom } : {}),
      validTo: v.validTo,
      ...(withMerchants ? { carryMerchants: v.carryMerchants !== false } : {}),
    });
    message.success(t('rollover.done', { code: created.code }));
    onDone(created);
  });
  return (
    <Modal
      open
      title={t('rollover.title', { name: program.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t('rollover.submit')}
      okButtonProps={{ ...testId('rollover-submit') }}
      width={560}
    >
      <Typography.Paragraph type="secondary">{t(withMerchants ? 'rollover.intro' : 'rollover.introCar')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form<RolloverForm>
        form={form}
        layout="vertical"
        data-testid="rollover-form"
        initialValues={{
          code: nextCode(program.code, program.validTo, from),
          name: nextName(program.name, program.validTo, from, t('rollover.nameSuffix', { year: from.slice(0, 4) })),
          validFrom: from,
          validTo: to,
          carryMerchants: true,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="code"
          label={t('rollover.code')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { pattern: /^[a-z0-9][a-z0-9-]{2,59}$/, message: t('rollover.codeRule') },
          ]}
        >
          <Input maxLength={60} data-testid="rollover-code" />
        </Form.Item>
        <Form.Item name="name" label={t('rollover.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="rollover-name" />
        </Form.Item>
        <Form.Item name="validFrom" label={t('rollover.validFrom')} extra={t('rollover.validFromHelp', { date: program.validTo })}>
          <Input type="date" data-testid="rollover-valid-from" />
        </Form.Item>
        <Form.Item
          name="validTo"
          label={t('rollover.validTo')}
          dependencies={['validFrom']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                const start = (getFieldValue('validFrom') as string | undefined) || from;
                if (v && v < start) throw new Error(t('rollover.windowOrder'));
              },
            }),
          ]}
        >
          <Input type="date" data-testid="rollover-valid-to" />
        </Form.Item>
        {withMerchants ? (
          <Form.Item name="carryMerchants" valuePropName="checked">
            <Checkbox data-testid="rollover-carry-merchants">{t('rollover.carryMerchants')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
