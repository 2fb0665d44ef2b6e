import { useState } from 'react';
import { Alert, App, Button, Card, Form, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { useIsPhone } from '../../../components/useMediaQuery';
import { EmptyState } from '../components';
import { adminKeys, CAPABILITIES, useDepartments, useManagers, type Capability, type ManagerView } from '../adminApi';

interface GrantForm {
  organizationId?: number;
  capability?: Capability;
}

/**
 * Which departments manage the trade-in programmes (市商务局 by default) and which confirms payments (市财政局):
 * the work team office grants and withdraws; auditors read. A grant takes effect on the department's next request.
 */
export default function ManagersPage() {
  const t = useT();
  const user = useUser();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const canGrant = user.role === 'office';
  const managers = useManagers();
  const [granting, setGranting] = useState(false);
  const departments = useDepartments(canGrant && granting);
  const [form] = Form.useForm<GrantForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function refresh(list: ManagerView[]) {
    qc.setQueryData(adminKeys.managers, list);
  }

  async function grant(v: GrantForm) {
    setSaving(true);
    setError(null);
    try {
      refresh(await api.post<ManagerView[]>('/api/tradein/managers', { organizationId: v.organizationId, capability: v.capability }));
      message.success(t('tradein.managers.granted'));
      setGranting(false);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  }

  function revoke(m: ManagerView) {
    modal.confirm({
      title: t('tradein.managers.revokeTitle'),
      content: t('tradein.managers.revokeConfirm', { org: m.organizationName, capability: t(`tradein.managers.cap.${m.capability}`) }),
      okText: t('tradein.managers.revoke'),
      okButtonProps: { danger: true, ...testId('manager-revoke-confirm') },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          refresh(await api.post<ManagerView[]>('/api/tradein/managers/revoke', { organizationId: m.organizationId, capability: m.capability }));
          message.success(t('tradein.managers.revoked'));
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  }

  const columns: TableColumnsType<ManagerView> = [
    {
      key: 'org',
      title: t('tradein.managers.organization'),
      // On a phone the grant time goes under the name, so the revoke button stays on screen.
      render: (_, m) =>
        isPhone ? (
          <div>
            <div>{m.organizationName}</div>
            <div className="hx-ti-live">{formatDateTime(m.grantedAt)}</div>
          </div>
        ) : (
          m.organizationName
        ),
    },
    {
      key: 'capability',
      title: t('tradein.managers.capability'),
      render: (_, m) => <Tag color={m.capability === 'manage' ? 'blue' : 'gold'}>{t(`tradein.managers.cap.${m.capability}`)}</Tag>,
    },
    ...(isPhone ? [] : [{ key: 'grantedAt', title: t('tradein.managers.grantedAt'), render: (_: unknown, m: ManagerView) => formatDateTime(m.grantedAt) }]),
    ...(canGrant
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, m: ManagerView) => (
              <Button size="small" danger onClick={() => revoke(m)} data-testid={`manager-revoke-${m.organizationId}-${m.capability}`}>
                {t('tradein.managers.revoke')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="page-tradein-managers">
      <PageHeader
        title={t('tradein.nav.managers')}
        subtitle={t('tradein.managers.subtitle')}
        extra={
          canGrant ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                form.resetFields();
                setError(null);
                setGranting(true);
              }}
              data-testid="manager-grant"
            >
              {t('tradein.managers.grant')}
            </Button>
          ) : null
        }
      />
      {!canGrant ? <Alert type="info" showIcon title={t('tradein.managers.readOnly')} className="hx-form-alert" /> : null}
      <Card>
        {managers.isError ? (
          <LoadError error={managers.error} onRetry={() => void managers.refetch()} />
        ) : (
          <Table<ManagerView>
            rowKey={(m) => `${m.organizationId}-${m.capability}`}
            size={isPhone ? 'small' : 'middle'}
            loading={managers.isPending}
            columns={columns}
            dataSource={managers.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState text={t('tradein.managers.none')} /> }}
            data-testid="managers-table"
          />
        )}
      </Card>
      <Modal
        open={granting}
        title={t('tradein.managers.grantTitle')}
        onCancel={() => setGranting(false)}
        onOk={() => form.submit()}
        okText={t('tradein.managers.grant')}
        confirmLoading={saving}
        okButtonProps={{ ...testId('manager-grant-save') }}
        forceRender
      >
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Form<GrantForm> form={form} layout="vertical" onFinish={(v) => void grant(v)} data-testid="manager-grant-form">
          <Form.Item name="organizationId" label={t('tradein.managers.organization')} rules={[{ required: true, message: t('common.required') }]} extra={t('tradein.managers.departmentOnly')}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending && granting}
              placeholder={t('tradein.managers.chooseDepartment')}
              options={(departments.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              notFoundContent={departments.isError ? errorMessage(departments.error) : undefined}
              data-testid="manager-organization"
            />
          </Form.Item>
          <Form.Item name="capability" label={t('tradein.managers.capability')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              options={CAPABILITIES.map((c) => ({ value: c, label: `${t(`tradein.managers.cap.${c}`)} — ${t(`tradein.managers.capHelp.${c}`)}` }))}
              data-testid="manager-capability"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
