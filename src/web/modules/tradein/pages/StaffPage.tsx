import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { useIsPhone } from '../../../components/useMediaQuery';
import { EmptyState } from '../components';
import { adminKeys, useStaff, type StaffBody, type StaffView } from '../adminApi';

interface StaffForm {
  username?: string;
  displayName?: string;
  password?: string;
  mobile?: string;
}

/**
 * The till staff accounts (role `merchant`) of the caller's enterprise. Staff and the administrator create them;
 * only the enterprise administrator disables and enables them (disabling signs the account out at once).
 */
export default function StaffPage() {
  const t = useT();
  const user = useUser();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const staff = useStaff();
  const canSwitch = user.role === 'enterprise';
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<StaffForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function create(v: StaffForm) {
    setSaving(true);
    setError(null);
    const body: StaffBody = {
      username: v.username!.trim(),
      displayName: v.displayName!.trim(),
      password: v.password!,
      ...(v.mobile?.trim() ? { mobile: v.mobile.trim() } : {}),
    };
    try {
      await api.post<StaffView>('/api/tradein/staff', body);
      message.success(t('tradein.staff.created', { username: body.username }));
      setCreating(false);
      void qc.invalidateQueries({ queryKey: adminKeys.staff });
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  }

  function setStatus(s: StaffView, to: 'disable' | 'enable') {
    const run = async () => {
      try {
        await api.post<StaffView>(`/api/tradein/staff/${s.id}/${to}`);
        message.success(t(to === 'disable' ? 'tradein.staff.disabled' : 'tradein.staff.enabled', { name: s.displayName }));
        void qc.invalidateQueries({ queryKey: adminKeys.staff });
      } catch (e) {
        message.error(errorMessage(e));
      }
    };
    if (to === 'enable') return void run();
    modal.confirm({
      title: t('tradein.staff.disableTitle', { name: s.displayName }),
      content: t('tradein.staff.disableConfirm'),
      okText: t('tradein.staff.disable'),
      okButtonProps: { danger: true, ...testId('staff-disable-confirm') },
      cancelText: t('common.cancel'),
      onOk: run,
    });
  }

  const columns: TableColumnsType<StaffView> = [
    { key: 'displayName', title: t('tradein.staff.displayName'), dataIndex: 'displayName' },
    { key: 'username', title: t('tradein.staff.username'), dataIndex: 'username' },
    {
      key: 'status',
      title: t('tradein.staff.status'),
      render: (_, s) => (
        <Tag color={s.status === 'active' ? 'green' : 'default'} data-testid={`staff-status-${s.username}`}>
          {t(`tradein.staff.status.${s.status}`)}
        </Tag>
      ),
    },
    ...(canSwitch
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, s: StaffView) =>
              s.status === 'active' ? (
                <Button size="small" danger onClick={() => setStatus(s, 'disable')} data-testid={`staff-disable-${s.username}`}>
                  {t('tradein.staff.disable')}
                </Button>
              ) : (
                <Button size="small" onClick={() => setStatus(s, 'enable')} data-testid={`staff-enable-${s.username}`}>
                  {t('tradein.staff.enable')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="page-tradein-staff">
      <PageHeader
        title={t('tradein.nav.staff')}
        subtitle={t('tradein.staff.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setError(null);
              setCreating(true);
            }}
            data-testid="staff-create"
          >
            {t('tradein.staff.create')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('tradein.staff.mustChange')} className="hx-form-alert" data-testid="staff-must-change" />
      <Card>
        {staff.isError ? (
          <LoadError error={staff.error} onRetry={() => void staff.refetch()} />
        ) : (
          <Table<StaffView>
            rowKey="id"
            size={isPhone ? 'small' : 'middle'}
            loading={staff.isPending}
            columns={columns}
            dataSource={staff.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState text={t('tradein.staff.none')} testId="staff-empty" /> }}
            data-testid="staff-table"
          />
        )}
      </Card>
      <Modal
        open={creating}
        title={t('tradein.staff.createTitle')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.create')}
        confirmLoading={saving}
        okButtonProps={{ ...testId('staff-save') }}
        forceRender
      >
        <Alert type="warning" showIcon title={t('tradein.staff.mustChange')} className="hx-form-alert" />
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" data-testid="staff-error" /> : null}
        <Form<StaffForm> form={form} layout="vertical" onFinish={(v) => void create(v)} data-testid="staff-form" autoComplete="off">
          <Form.Item
            name="username"
            label={t('tradein.staff.username')}
            extra={t('tradein.staff.usernameHelp')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={40} autoComplete="off" data-testid="staff-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('tradein.staff.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={50} data-testid="staff-display-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('tradein.staff.password')}
            extra={t('tradein.staff.passwordHelp')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input.Password autoComplete="new-password" data-testid="staff-password" />
          </Form.Item>
          <Form.Item name="mobile" label={t('tradein.staff.mobile')}>
            <Input inputMode="tel" maxLength={20} data-testid="staff-mobile" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
