import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { OrganizationView, Page } from '../../../api/types';
import { applyApiError } from '../../../components/formErrors';
import { testId } from '../../../components/testId';
import { useT } from '../../../i18n/I18nProvider';
import { NOTICE_AUDIENCES, NOTICE_KINDS, noticeKeys, type NoticeAudience, type NoticeDetailView, type NoticeKind } from './api';

interface Values {
  title: string;
  kind: NoticeKind;
  body: string;
  audience: NoticeAudience;
  organizationIds?: number[];
}

/** The departments and towns a notice can be addressed to, by name. */
function RecipientSelect({ value, onChange }: { value?: number[]; onChange?: (ids: number[]) => void }) {
  const t = useT();
  const orgs = useQuery({
    queryKey: ['organizations', 'notice-recipients'],
    queryFn: ({ signal }) => api.get<Page<OrganizationView>>('/api/organizations', { status: 'active', pageSize: 200, sort: 'name', order: 'asc' }, signal),
    staleTime: 60_000,
  });
  const options = (orgs.data?.items ?? [])
    .filter((o) => o.kind === 'department' || o.kind === 'town')
    .map((o) => ({ value: o.id, label: `${o.name}（${t(`orgKind.${o.kind}`)}）` }));
  return (
    <Select<number[]>
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={orgs.isFetching}
      options={options}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('field.selectOrganization')}
      data-testid="notice-recipients"
    />
  );
}

/** Drafts a notice, or changes a draft (`notice` given). */
export function NoticeForm({ notice, onClose }: { notice?: NoticeDetailView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const audience = Form.useWatch('audience', form);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: Values) => {
      const body = { ...v, organizationIds: v.audience === 'units' ? (v.organizationIds ?? []) : [] };
      return notice ? api.put<NoticeDetailView>(`/api/notices/${notice.id}`, body) : api.post<NoticeDetailView>('/api/notices', body);
    },
    onSuccess: async (n) => {
      message.success(t('notice.saved'));
      await queryClient.invalidateQueries({ queryKey: noticeKeys.all });
      onClose();
      if (!notice) void navigate(`/notices/${n.id}`);
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={notice ? t('notice.edit') : t('notice.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('notice-save') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
      width={720}
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="notice-error" /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          notice
            ? { title: notice.title, kind: notice.kind, body: notice.body, audience: notice.audience, organizationIds: notice.recipients.map((r) => r.id) }
            : { kind: 'notice', audience: 'all' }
        }
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item name="title" label={t('notice.field.title')} rules={[{ required: true, min: 4, max: 120, message: t('common.required') }]}>
          <Input maxLength={120} data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="kind" label={t('notice.field.kind')} rules={[{ required: true }]}>
          <Radio.Group options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notice.kind.${k}`) }))} data-testid="notice-kind" />
        </Form.Item>
        <Form.Item name="audience" label={t('notice.field.audience')} extra={t('notice.audienceHint')} rules={[{ required: true }]}>
          <Radio.Group options={NOTICE_AUDIENCES.map((a) => ({ value: a, label: t(`notice.audience.${a}`) }))} data-testid="notice-audience" />
        </Form.Item>
        {audience === 'units' ? (
          <Form.Item name="organizationIds" label={t('notice.field.recipients')} rules={[{ required: true, message: t('common.required') }]}>
            <RecipientSelect />
          </Form.Item>
        ) : null}
        <Form.Item name="body" label={t('notice.field.body')} rules={[{ required: true, min: 10, max: 20000, message: t('common.required') }]}>
          <Input.TextArea rows={8} maxLength={20000} showCount data-testid="notice-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
