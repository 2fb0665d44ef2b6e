import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLES, ROLES_BY_ORGANIZATION_KIND, type OrganizationKind, type Role } from '../../../../shared/roles';
import { api } from '../../../api/client';
import type { Page, UserView } from '../../../api/types';
import { useUser } from '../../../auth/AuthProvider';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { FilterBar } from '../../../components/FilterBar';
import { LoadError } from '../../../components/ResultPages';
import { OrganizationSelect } from '../../../components/OrganizationSelect';
import { RoleTag, UserStatusTag } from '../../../components/Tags';
import { formatDate, formatDateTime, formatMinute } from '../../../components/format';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { identifierRule, passwordRule, randomPassword, requiredRule, usernameRule } from '../../../components/rules';
import { useListParams } from '../../../components/useListParams';
import { testId } from '../../../components/testId';
import { canManageAccounts } from '../permissions';

const FILTERS = ['role', 'status', 'organizationId'] as const;

interface CreateValues {
  username: string;
  displayName: string;
  organizationId: number;
  role: Role;
  password: string;
  mobile?: string;
  mustChangePassword: boolean;
}

function PasswordInput({ value, onChange, testIdPrefix }: { value?: string; onChange?: (v: string) => void; testIdPrefix: string }) {
  const t = useT();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password value={value} onChange={(e) => onChange?.(e.target.value)} autoComplete="new-password" data-testid={`${testIdPrefix}-password`} />
      <Button icon={<ThunderboltOutlined />} onClick={() => onChange?.(randomPassword())} title={t('users.generate')} aria-label={t('users.generate')} />
    </Space.Compact>
  );
}

/** The administrator creates an account; the role must fit the kind of organisation it belongs to. */
function CreateUserModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const [kind, setKind] = useState<OrganizationKind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: CreateValues) =>
      api.post<UserView>('/api/users', {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        organizationId: v.organizationId,
        role: v.role,
        password: v.password,
        ...(v.mobile?.trim() ? { mobile: v.mobile.trim() } : {}),
        mustChangePassword: v.mustChangePassword,
      }),
    onSuccess: async (user) => {
      message.success(`${t('users.created')}：${user.username}`);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  const roles = kind ? ROLES_BY_ORGANIZATION_KIND[kind] : [];
  return (
    <Modal
      open
      title={t('users.create')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, ...testId('user-create-ok') }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
      width={560}
      data-testid="user-create-modal"
    >
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form<CreateValues> form={form} layout="vertical" initialValues={{ mustChangePassword: true }} onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="username" label={t('field.username')} extra={t('field.usernameHint')} rules={[requiredRule(t), usernameRule(t)]} validateFirst>
          <Input maxLength={40} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')} rules={[requiredRule(t)]}>
          <Input maxLength={50} data-testid="user-displayName" />
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
            data-testid="user-create-role"
          />
        </Form.Item>
        <Form.Item name="password" required label={t('field.password')} extra={t('field.passwordHint')} rules={[passwordRule(locale)]}>
          <PasswordInput testIdPrefix="user" />
        </Form.Item>
        <Form.Item name="mobile" label={`${t('field.mobile')}（${t('common.optional')}）`} rules={[identifierRule('mobile', locale, { optional: true })]}>
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
        <Form.Item name="mustChangePassword" label={t('field.mustChangePassword')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (newPassword: string) => api.post<UserView>(`/api/users/${user.id}/reset-password`, { newPassword }),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => setError(applyApiError(form, e)),
  });
  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: mutation.isPending, danger: true }}
      onCancel={onClose}
      onOk={() => void form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetPasswordText')}</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.newPassword)}>
        <Form.Item name="newPassword" required label={t('field.newPassword')} extra={t('field.passwordHint')} rules={[passwordRule(locale)]}>
          <PasswordInput testIdPrefix="reset" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Accounts: the administrator's to manage; auditors may look. */
export default function UsersPage() {
  const t = useT();
  const me = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const manage = canManageAccounts(me);
  const list = useListParams(FILTERS, { sort: 'createdAt', order: 'desc' });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const data = useQuery({
    queryKey: ['users', 'list', list.query],
    queryFn: ({ signal }) => api.get<Page<UserView>>('/api/users', list.query, signal),
    placeholderData: keepPreviousData,
  });
  // Second-factor status of the rows shown (GET /api/mfa/users; the account list itself does not carry it).
  const ids = (data.data?.items ?? []).map((u) => u.id);
  const mfa = useQuery({
    queryKey: ['users', 'mfa', ids],
    queryFn: ({ signal }) => api.get<{ userId: number; enabled: boolean }[]>('/api/mfa/users', { userIds: ids.join(',') }, signal),
    enabled: ids.length > 0,
  });
  const mfaOn = new Map((mfa.data ?? []).map((m) => [m.userId, m.enabled]));
  const resetMfa = useMutation({
    mutationFn: (user: UserView) => api.post(`/api/mfa/users/${user.id}/reset`),
    onSuccess: async () => {
      message.success(t('mfa.users.resetDone'));
      await queryClient.invalidateQueries({ queryKey: ['users', 'mfa'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const setStatus = useMutation({
    mutationFn: ({ user, action }: { user: UserView; action: 'disable' | 'enable' }) => api.post<UserView>(`/api/users/${user.id}/${action}`),
    onSuccess: async () => {
      message.success(t('common.done'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: TableColumnsType<UserView> = [
    {
      key: 'username',
      title: t('field.username'),
      dataIndex: 'username',
      sorter: true,
      sortOrder: list.sortOrderOf('username'),
      render: (v: string, u) => (
        <span>
          {v} {u.isDemo ? <Tag>{t('common.demo')}</Tag> : null}
        </span>
      ),
    },
    { key: 'displayName', title: t('field.displayName'), dataIndex: 'displayName', sorter: true, sortOrder: list.sortOrderOf('displayName') },
    { key: 'role', title: t('field.role'), dataIndex: 'role', sorter: true, sortOrder: list.sortOrderOf('role'), render: (r: Role) => <RoleTag role={r} /> },
    { key: 'organization', title: t('field.organization'), render: (_, u) => u.organization.name },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, u) => (
        <Space size={4} wrap>
          <UserStatusTag status={u.status} />
          {u.mustChangePassword ? <Tag color="orange">{t('users.mustChange')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'mfa',
      title: t('mfa.users.column'),
      render: (_, u) =>
        mfaOn.has(u.id) ? (
          mfaOn.get(u.id) ? (
            <Tag color="green" data-testid={`user-mfa-${u.username}`}>
              {t('mfa.on')}
            </Tag>
          ) : (
            <Tag data-testid={`user-mfa-${u.username}`}>{t('mfa.off')}</Tag>
          )
        ) : null,
    },
    {
      key: 'lastLoginAt',
      title: t('field.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      sorter: true,
      sortOrder: list.sortOrderOf('lastLoginAt'),
      render: (v: string | null) => (v ? formatMinute(v) : t('users.never')),
    },
    {
      key: 'createdAt',
      title: t('field.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: list.sortOrderOf('createdAt'),
      render: (v: string) => <span title={formatDateTime(v)}>{formatDate(v)}</span>,
    },
  ];
  // The security administrator's one action here (三员分立): a second factor removed so the account enrols again.
  if (me.role === 'security') {
    columns.push({
      key: 'mfaActions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, u) =>
        u.id === me.id || !mfaOn.get(u.id) ? null : (
          <Popconfirm
            title={t('mfa.users.resetConfirm', { name: u.displayName })}
            okText={t('mfa.users.reset')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => resetMfa.mutateAsync(u)}
          >
            <Button size="small" type="link" danger data-testid={`user-mfa-reset-${u.username}`}>
              {t('mfa.users.reset')}
            </Button>
          </Popconfirm>
        ),
    });
  }
  if (manage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, u) =>
        u.id === me.id ? null : (
          <Space size={0}>
            {u.status === 'active' ? (
              <Popconfirm
                title={t('users.disableConfirm', { name: u.displayName })}
                okText={t('users.disable')}
                cancelText={t('common.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={() => setStatus.mutateAsync({ user: u, action: 'disable' })}
              >
                <Button size="small" type="link" danger data-testid={`user-disable-${u.username}`}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Popconfirm
                title={t('users.enableConfirm', { name: u.displayName })}
                okText={t('users.enable')}
                cancelText={t('common.cancel')}
                onConfirm={() => setStatus.mutateAsync({ user: u, action: 'enable' })}
              >
                <Button size="small" type="link" data-testid={`user-enable-${u.username}`}>
                  {t('users.enable')}
                </Button>
              </Popconfirm>
            )}
            <Button size="small" type="link" onClick={() => setResetting(u)} data-testid={`user-reset-${u.username}`}>
              {t('users.resetPassword')}
            </Button>
          </Space>
        ),
    });
  }

  const { role, status, organizationId } = list.state.filters;
  return (
    <div data-testid="page-users">
      <PageHeader
        title={t('users.title')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      {manage ? null : <Alert type="info" showIcon title={t('users.readOnly')} className="hx-block" />}
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, role, status, organizationId: organizationId ? Number(organizationId) : undefined }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: { role: v.role, status: v.status, organizationId: v.organizationId ? String(v.organizationId) : undefined },
            })
          }
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('users.search')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="role" label={t('field.role')}>
            <Select allowClear placeholder={t('common.all')} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="filter-role" />
          </Form.Item>
          <Form.Item name="status" label={t('field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`userStatus.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="organizationId" label={t('field.organization')} className="hx-filter-wide">
            <OrganizationSelect allowClear testId="filter-organization" />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<UserView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            data-testid="user-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
      {creating ? <CreateUserModal onClose={() => setCreating(false)} /> : null}
      {resetting ? <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} /> : null}
    </div>
  );
}
