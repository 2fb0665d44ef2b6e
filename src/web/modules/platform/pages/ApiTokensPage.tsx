import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { ROLES_BY_ORGANIZATION_KIND, type OrganizationKind, type Role } from '../../../../shared/roles';
import { api } from '../../../api/client';
import type { ApiTokenView, NewApiToken } from '../../../api/types';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { OrganizationSelect } from '../../../components/OrganizationSelect';
import { RoleTag } from '../../../components/Tags';
import { TIME_ZONE, formatDateTime } from '../../../components/format';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { minRule, requiredRule } from '../../../components/rules';
import { testId } from '../../../components/testId';

interface CreateValues {
  name: string;
  organizationId: number;
  role: Role;
  expiresAt?: Dayjs;
}

function CreateTokenModal({ onClose, onCreated }: { onClose: () => void; onCreated: (token: NewApiToken) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const [kind, setKind] = useState<OrganizationKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<NewApiToken>('/api/api-tokens', {
        name: v.name.trim(),
        organizationId: v.organizationId,
        role: v.role,
        // Valid through the chosen day, China Standard Time.
        ...(v.expiresAt ? { expiresAt: dayjs.tz(v.expiresAt.format('YYYY-MM-DD'), TIME_ZONE).endOf('day').toISOString() } : {}),
      }),
    onSuccess: async (token) => {
      await queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
      onCreated(token);
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  // A token skips the second factor, so the server refuses one with an administrator duty.
  const roles = kind ? ROLES_BY_ORGANIZATION_KIND[kind].filter((r) => r !== 'admin' && r !== 'security' && r !== 'auditor') : [];
  return (
    <Modal
      open
      title={t('tokens.create')}
      okText={t('tokens.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('token-create-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form<CreateValues> form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="name" label={t('tokens.name')} rules={[requiredRule(t), minRule(t, 2)]} validateFirst>
          <Input maxLength={60} data-testid="token-name" />
        </Form.Item>
        <Form.Item name="organizationId" label={t('field.organization')} rules={[{ required: true, message: t('common.required') }]}>
          <OrganizationSelect
            status="active"
            style={{ width: '100%' }}
            onPicked={(org) => {
              const next = org?.kind ?? null;
              setKind(next);
              const role = form.getFieldValue('role') as Role | undefined;
              if (role && (!next || !ROLES_BY_ORGANIZATION_KIND[next].includes(role))) form.setFieldValue('role', undefined);
              if (next && ROLES_BY_ORGANIZATION_KIND[next].length === 1) form.setFieldValue('role', ROLES_BY_ORGANIZATION_KIND[next][0]);
            }}
          />
        </Form.Item>
        <Form.Item name="role" label={t('field.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select<Role>
            disabled={!kind}
            placeholder={kind ? undefined : t('field.selectRoleFirst')}
            options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            data-testid="token-role"
          />
        </Form.Item>
        <Form.Item name="expiresAt" label={`${t('tokens.expiresAt')}（${t('common.optional')}）`}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} placeholder={t('tokens.noExpiry')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function tokenState(token: ApiTokenView): 'revoked' | 'expired' | 'valid' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return 'expired';
  return 'valid';
}

/** Integration tokens: issued and revoked by the administrator; the secret is shown once. */
export default function ApiTokensPage() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<NewApiToken | null>(null);
  const data = useQuery({ queryKey: ['api-tokens'], queryFn: ({ signal }) => api.get<ApiTokenView[]>('/api/api-tokens', undefined, signal) });
  const revoke = useMutation({
    mutationFn: (id: number) => api.post<ApiTokenView>(`/api/api-tokens/${id}/revoke`),
    onSuccess: async () => {
      message.success(t('tokens.revoked'));
      await queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<ApiTokenView> = [
    { key: 'name', title: t('tokens.name'), dataIndex: 'name' },
    { key: 'prefix', title: t('tokens.prefix'), dataIndex: 'prefix', render: (v: string) => <Typography.Text code>{v}…</Typography.Text> },
    { key: 'role', title: t('field.role'), dataIndex: 'role', render: (r: Role) => <RoleTag role={r} /> },
    { key: 'organization', title: t('field.organization'), dataIndex: 'organizationName' },
    {
      key: 'state',
      title: t('field.status'),
      render: (_, tok) => {
        const s = tokenState(tok);
        return <Tag color={s === 'valid' ? 'success' : 'default'}>{t(`tokens.${s}`)}</Tag>;
      },
    },
    { key: 'createdAt', title: t('field.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { key: 'expiresAt', title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatDateTime(v) : t('tokens.noExpiry')) },
    { key: 'lastUsedAt', title: t('tokens.lastUsedAt'), dataIndex: 'lastUsedAt', render: formatDateTime },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, tok) =>
        tok.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: tok.name })}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync(tok.id)}
          >
            <Button size="small" danger icon={<StopOutlined />} data-testid={`token-revoke-${tok.id}`}>
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <div data-testid="page-api-tokens">
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.intro')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
            {t('tokens.create')}
          </Button>
        }
      />
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ApiTokenView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data ?? []}
            loading={data.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="token-table"
            pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { total }), hideOnSinglePage: true }}
          />
        )}
      </Card>
      {creating ? (
        <CreateTokenModal
          onClose={() => setCreating(false)}
          onCreated={(token) => {
            setCreating(false);
            setSecret(token);
          }}
        />
      ) : null}
      {secret ? (
        <Modal
          open
          title={t('tokens.secretTitle')}
          onCancel={() => setSecret(null)}
          footer={
            <Button type="primary" onClick={() => setSecret(null)} data-testid="token-secret-close">
              {t('common.close')}
            </Button>
          }
          mask={{ closable: false }}
          data-testid="token-secret-modal"
        >
          <Alert type="warning" showIcon title={t('tokens.secretText')} className="hx-form-alert" />
          <Typography.Paragraph copyable={{ text: secret.token }} code className="hx-secret" data-testid="token-secret">
            {secret.token}
          </Typography.Paragraph>
        </Modal>
      ) : null}
    </div>
  );
}
