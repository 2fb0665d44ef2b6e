import { useState } from 'react';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useTowns } from '../../../../api/towns';
import { applyApiError } from '../../../../components/formErrors';
import { testId } from '../../../../components/testId';
import { useT } from '../../../../i18n/I18nProvider';
import { SHOWROOM_CHANNELS, SHOWROOM_KINDS, type ShowroomChannel, type ShowroomKind } from '../../../../../shared/enums/tradein';
import type { ShowroomView } from '../../../../../server/modules/tradein/showrooms/schema';
import { keys, type MerchantView } from '../../api';

interface FormValues {
  kind?: ShowroomKind;
  channel?: ShowroomChannel;
  name?: string;
  townId?: number | null;
  address?: string;
  url?: string;
  openingHours?: string;
  description?: string;
  programIds?: number[];
}

const WEB_ADDRESS = /^https?:\/\/[^\s/?#]+/i;
// The server names a programme by its place in the list (programIds.3); the select is one field.
const PROGRAM_ALIASES = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`programIds.${i}`, 'programIds']));

/**
 * Registering or changing a showroom: offline ones need a town and an address, online ones a web address; the
 * programmes offered are those the business is enrolled in (pending or approved), as the server checks.
 */
export function ShowroomForm({ editing, onClose }: { editing: ShowroomView | 'new' | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const towns = useTowns();
  const enrolments = useQuery({
    queryKey: keys.merchants({ mine: true }),
    queryFn: ({ signal }) => api.get<MerchantView[]>('/api/tradein/merchants', undefined, signal),
    enabled: editing !== null,
  });
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const channel = Form.useWatch('channel', form) ?? 'offline';
  const choosable = (enrolments.data ?? []).filter((m) => m.status === 'pending' || m.status === 'approved');

  const initialValues: FormValues =
    editing === null || editing === 'new'
      ? { kind: 'smart_home_showroom', channel: 'offline' }
      : {
          kind: editing.kind,
          channel: editing.channel,
          name: editing.name,
          townId: editing.townId,
          address: editing.address ?? '',
          url: editing.url ?? '',
          openingHours: editing.openingHours,
          description: editing.description ?? '',
          programIds: editing.programs.map((p) => p.id),
        };
  const close = () => {
    setError(null);
    onClose();
  };

  async function save(v: FormValues) {
    setSaving(true);
    setError(null);
    const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
    const body = {
      kind: v.kind,
      channel: v.channel,
      name: v.name?.trim(),
      townId: v.townId ?? null,
      address: text(v.address),
      url: text(v.url),
      openingHours: v.openingHours?.trim(),
      description: text(v.description),
      programIds: v.programIds ?? [],
    };
    try {
      if (editing === 'new') await api.post<ShowroomView>('/api/tradein/showrooms', body);
      else if (editing) await api.put<ShowroomView>(`/api/tradein/showrooms/${editing.id}`, body);
      message.success(t('common.done'));
      void qc.invalidateQueries({ queryKey: ['tradein', 'showrooms'] });
      close();
    } catch (e) {
      setError(applyApiError(form, e, PROGRAM_ALIASES));
    } finally {
      setSaving(false);
    }
  }

  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <Modal
      open={editing !== null}
      title={editing === 'new' ? t('tradein.showrooms.add') : t('tradein.showrooms.edit')}
      onCancel={close}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okButtonProps={{ ...testId('showroom-save') }}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      {enrolments.isSuccess && choosable.length === 0 ? (
        <Alert type="warning" showIcon title={t('tradein.showrooms.noEnrolment')} className="hx-form-alert" />
      ) : null}
      <Form<FormValues>
        key={editing === null || editing === 'new' ? 'new' : editing.id}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => void save(v)}
        data-testid="showroom-form"
      >
        <Form.Item name="kind" label={t('tradein.showrooms.kind')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={SHOWROOM_KINDS.map((k) => ({ value: k, label: t(`tradein.showroom.kind.${k}`) }))} data-testid="showroom-kind" />
        </Form.Item>
        <Form.Item name="channel" label={t('tradein.showrooms.channel')} rules={[{ required: true, message: t('common.required') }]}>
          <Radio.Group
            optionType="button"
            options={SHOWROOM_CHANNELS.map((c) => ({ value: c, label: t(`tradein.showroom.channel.${c}`) }))}
            data-testid="showroom-channel"
          />
        </Form.Item>
        <Form.Item name="name" label={t('field.name')} rules={[required, { min: 2, message: t('common.required') }]}>
          <Input maxLength={100} data-testid="showroom-name" />
        </Form.Item>
        <Form.Item
          name="townId"
          label={t('field.town')}
          extra={channel === 'online' ? t('tradein.showrooms.townOptional') : undefined}
          rules={channel === 'offline' ? [{ required: true, message: t('common.required') }] : []}
        >
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={towns.isPending}
            options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            data-testid="showroom-town"
          />
        </Form.Item>
        {channel === 'offline' ? (
          <Form.Item name="address" label={t('field.address')} rules={[required, { min: 4, message: t('common.required') }]}>
            <Input maxLength={200} data-testid="showroom-address" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="url"
          label={t('tradein.showrooms.url')}
          extra={channel === 'online' ? t('tradein.showrooms.urlHelpOnline') : t('tradein.showrooms.urlHelpOffline')}
          rules={[...(channel === 'online' ? [required] : []), { pattern: WEB_ADDRESS, message: t('tradein.showrooms.urlRule') }]}
        >
          <Input inputMode="url" maxLength={300} placeholder="https://" data-testid="showroom-url" />
        </Form.Item>
        <Form.Item name="openingHours" label={t('tradein.showrooms.hours')} rules={[required, { min: 2, message: t('common.required') }]}>
          <Input maxLength={100} placeholder={t('tradein.showrooms.hoursPlaceholder')} data-testid="showroom-hours" />
        </Form.Item>
        <Form.Item name="description" label={t('tradein.showrooms.description')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="showroom-description" />
        </Form.Item>
        <Form.Item
          name="programIds"
          label={t('tradein.showrooms.programs')}
          extra={t('tradein.showrooms.programsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
        >
          <Select<number[]>
            mode="multiple"
            loading={enrolments.isPending}
            options={choosable.map((m) => ({ value: m.programId, label: `${m.programName}（${t(`tradein.status.merchant.${m.status}`)}）` }))}
            data-testid="showroom-programs"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
