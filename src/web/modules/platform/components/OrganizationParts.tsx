import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { OrganizationView } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { OrgKindText, OrgStatusTag } from '../../../components/Tags';
import { formatDateTime } from '../../../components/format';
import { applyApiError } from '../../../components/formErrors';
import { identifierRule, minRule, requiredRule } from '../../../components/rules';
import { testId } from '../../../components/testId';
import { canReview, canSuspend, canUpdateOrganization } from '../permissions';

/** Everything the API tells about one organisation. */
export function OrganizationDescriptions({ org }: { org: OrganizationView }) {
  const t = useT();
  return (
    <Descriptions column={1} bordered size="small" className="hx-descriptions" data-testid="org-descriptions">
      <Descriptions.Item label={t('field.name')}>{org.name}</Descriptions.Item>
      <Descriptions.Item label={t('field.organizationKind')}>
        <OrgKindText kind={org.kind} />
      </Descriptions.Item>
      <Descriptions.Item label={t('field.status')}>
        <OrgStatusTag status={org.status} />
      </Descriptions.Item>
      {org.creditCode ? <Descriptions.Item label={t('field.creditCode')}>{org.creditCode}</Descriptions.Item> : null}
      {org.divisionCode ? <Descriptions.Item label={t('field.divisionCode')}>{org.divisionCode}</Descriptions.Item> : null}
      <Descriptions.Item label={t('field.town')}>{org.townName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.address')}>{org.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.contactName')}>{org.contactName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.contactMobile')}>{org.contactMobile ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.reviewNote')}>{org.reviewNote ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('field.reviewedAt')}>{formatDateTime(org.reviewedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('field.createdAt')}>{formatDateTime(org.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}

type Change = 'approve' | 'reject' | 'suspend' | 'resume';

/** Asks for the reason (required to reject or suspend, optional to approve) and makes the change. */
function StatusChangeModal({ org, change, onClose }: { org: OrganizationView; change: Change; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (note: string | undefined) =>
      api.post<OrganizationView>(
        `/api/organizations/${org.id}/${change}`,
        change === 'resume' ? undefined : note ? { note } : change === 'approve' ? {} : { note },
      ),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  const needsNote = change === 'reject' || change === 'suspend';
  return (
    <Modal
      open
      title={t(`orgs.${change}Title`, { name: org.name })}
      okText={t(`orgs.${change}`)}
      okButtonProps={{ danger: needsNote, loading: mutation.isPending, ...testId('status-change-ok') }}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
      data-testid="status-change-modal"
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      {change === 'resume' ? <Typography.Paragraph>{t('orgs.resumeText')}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.note?.trim() || undefined)}>
        {change === 'resume' ? null : (
          <Form.Item name="note" label={needsNote ? t('orgs.note') : t('orgs.noteOptional')} rules={needsNote ? [requiredRule(t), minRule(t, 2)] : []}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('orgs.notePlaceholder')} data-testid="status-change-note" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Edits address and contact, as the policy allows (office, admin, the town, the organisation itself). */
export function EditOrganizationModal({ org, onClose }: { org: OrganizationView; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ address?: string; contactName?: string; contactMobile?: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Record<string, string>) => api.patch<OrganizationView>(`/api/organizations/${org.id}`, body),
    onSuccess: async () => {
      message.success(t('orgs.updated'));
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('orgs.edit')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ address: org.address ?? undefined, contactName: org.contactName ?? undefined }}
        onFinish={(v) => {
          const body: Record<string, string> = {};
          if (v.address?.trim() && v.address.trim() !== org.address) body.address = v.address.trim();
          if (v.contactName?.trim() && v.contactName.trim() !== org.contactName) body.contactName = v.contactName.trim();
          if (v.contactMobile?.trim()) body.contactMobile = v.contactMobile.trim();
          if (Object.keys(body).length === 0) onClose();
          else mutation.mutate(body);
        }}
      >
        <Form.Item name="address" label={t('field.address')} rules={[minRule(t, 2)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="contactName" label={t('field.contactName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="contactMobile"
          label={t('field.contactMobile')}
          extra={org.contactMobile ?? undefined}
          rules={[identifierRule('mobile', locale, { optional: true })]}
        >
          <Input inputMode="tel" maxLength={20} placeholder={org.contactMobile ?? undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The buttons the signed-in role may use on this organisation, each with its dialog. */
export function OrganizationActions({ org }: { org: OrganizationView }) {
  const t = useT();
  const user = useUser();
  const [change, setChange] = useState<Change | null>(null);
  const [editing, setEditing] = useState(false);
  const review = canReview(user, org);
  const suspend = canSuspend(user, org);
  const buttons = [
    review && org.status === 'pending' ? (
      <Button key="approve" type="primary" icon={<CheckOutlined />} onClick={() => setChange('approve')} data-testid="org-approve">
        {t('orgs.approve')}
      </Button>
    ) : null,
    review && org.status === 'pending' ? (
      <Button key="reject" danger icon={<CloseOutlined />} onClick={() => setChange('reject')} data-testid="org-reject">
        {t('orgs.reject')}
      </Button>
    ) : null,
    suspend && org.status === 'active' && org.kind !== 'office' ? (
      <Button key="suspend" danger icon={<PauseCircleOutlined />} onClick={() => setChange('suspend')} data-testid="org-suspend">
        {t('orgs.suspend')}
      </Button>
    ) : null,
    suspend && org.status === 'suspended' ? (
      <Button key="resume" icon={<PlayCircleOutlined />} onClick={() => setChange('resume')} data-testid="org-resume">
        {t('orgs.resume')}
      </Button>
    ) : null,
    canUpdateOrganization(user, org) ? (
      <Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="org-edit">
        {t('orgs.edit')}
      </Button>
    ) : null,
  ].filter(Boolean);
  return (
    <>
      {buttons.length ? <Space wrap>{buttons}</Space> : null}
      {change ? <StatusChangeModal org={org} change={change} onClose={() => setChange(null)} /> : null}
      {editing ? <EditOrganizationModal org={org} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
