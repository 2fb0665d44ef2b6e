import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Form, Modal, Segmented, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { useUser } from '../../../auth/AuthProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError, errorMessage } from '../../../components/formErrors';
import { formatDateTime } from '../../../components/format';
import { testId } from '../../../components/testId';
import { useIsPhone } from '../../../components/useMediaQuery';
import { useT } from '../../../i18n/I18nProvider';
import { useNavigation } from '../../../layout/NavigationContext';
import { grantKeys, useDepartments, useGrantDomains, useGrantList, type GrantCapability, type GrantView } from './api';

interface GrantForm {
  organizationId?: number;
  capability?: GrantCapability;
}

/**
 * Which departments manage each domain the modules declared (市商务局 runs trade-in and car trade-in by default)
 * and which confirms its payments (市财政局): the work team office grants and withdraws; departments and auditors
 * read. One domain at a time (`?domain=`, the first declared by default); a grant takes effect on the
 * department's next request.
 */
export default function GrantsPage() {
  const t = useT();
  const user = useUser();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const texts = useNavigation().grantDomains;
  const domains = useGrantDomains();
  const declared = domains.data ?? [];
  const domain = declared.find((d) => d.domain === search.get('domain')) ?? declared[0];
  const canGrant = user.role === 'office';
  const grants = useGrantList(domain?.domain);
  const [granting, setGranting] = useState(false);
  const departments = useDepartments(canGrant && granting);
  const [form] = Form.useForm<GrantForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const textsOf = (name: string) => texts.find((d) => d.domain === name);
  const domainName = (name: string) => {
    const key = textsOf(name)?.labelKey;
    return key ? t(key) : name;
  };
  const capabilityHelp = (capability: GrantCapability) => {
    const key = domain ? textsOf(domain.domain)?.capabilityHelpKeys[capability] : undefined;
    return key ? ` — ${t(key)}` : '';
  };

  /** The answer of a grant or revoke is the domain's list; what the official may do (useGrants) is asked again. */
  function refresh(list: GrantView[]) {
    if (!domain) return;
    qc.setQueryData(grantKeys.list(domain.domain), list);
    void qc.invalidateQueries({ queryKey: grantKeys.mine });
  }

  async function grant(v: GrantForm) {
    if (!domain) return;
    setSaving(true);
    setError(null);
    try {
      refresh(await api.post<GrantView[]>('/api/grants', { organizationId: v.organizationId, domain: domain.domain, capability: v.capability }));
      message.success(t('grants.granted'));
      setGranting(false);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  }

  function revoke(g: GrantView) {
    modal.confirm({
      title: t('grants.revokeTitle'),
      content: t('grants.revokeConfirm', { org: g.organizationName, capability: t(`grants.cap.${g.capability}`) }),
      okText: t('grants.revoke'),
      okButtonProps: { danger: true, ...testId('manager-revoke-confirm') },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          refresh(await api.post<GrantView[]>('/api/grants/revoke', { organizationId: g.organizationId, domain: g.domain, capability: g.capability }));
          message.success(t('grants.revoked'));
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  }

  const columns: TableColumnsType<GrantView> = [
    {
      key: 'org',
      title: t('grants.organization'),
      // On a phone the grant time goes under the name, so the revoke button stays on screen.
      render: (_, g) =>
        isPhone ? (
          <div>
            <div>{g.organizationName}</div>
            <div className="hx-grant-time">{formatDateTime(g.grantedAt)}</div>
          </div>
        ) : (
          g.organizationName
        ),
    },
    {
      key: 'capability',
      title: t('grants.capability'),
      render: (_, g) => <Tag color={g.capability === 'manage' ? 'blue' : 'gold'}>{t(`grants.cap.${g.capability}`)}</Tag>,
    },
    ...(isPhone ? [] : [{ key: 'grantedAt', title: t('grants.grantedAt'), render: (_: unknown, g: GrantView) => formatDateTime(g.grantedAt) }]),
    ...(canGrant
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, g: GrantView) => (
              <Button size="small" danger onClick={() => revoke(g)} data-testid={`manager-revoke-${g.organizationId}-${g.capability}`}>
                {t('grants.revoke')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const failed = domains.isError ? domains : grants.isError ? grants : null;
  return (
    // The test id names the domain shown, as trade-in's own grants page did (page-tradein-managers).
    <div data-testid={`page-${domain?.domain ?? 'grants'}-managers`}>
      <PageHeader
        title={t('grants.nav')}
        subtitle={t('grants.subtitle')}
        extra={
          canGrant ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!domain}
              onClick={() => {
                form.resetFields();
                setError(null);
                setGranting(true);
              }}
              data-testid="manager-grant"
            >
              {t('grants.grant')}
            </Button>
          ) : null
        }
      />
      {!canGrant ? <Alert type="info" showIcon title={t('grants.readOnly')} className="hx-form-alert" /> : null}
      <Card>
        {declared.length > 1 ? (
          <Segmented
            className="hx-block"
            value={domain?.domain}
            onChange={(v) => setSearch({ domain: String(v) }, { replace: true })}
            options={declared.map((d) => ({ value: d.domain, label: <span data-testid={`grants-domain-${d.domain}`}>{domainName(d.domain)}</span> }))}
          />
        ) : null}
        {failed ? (
          <LoadError error={failed.error} onRetry={() => void failed.refetch()} />
        ) : (
          <Table<GrantView>
            rowKey={(g) => `${g.organizationId}-${g.capability}`}
            size={isPhone ? 'small' : 'middle'}
            loading={domains.isPending || grants.isPending}
            columns={columns}
            dataSource={grants.data ?? []}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grants.none')} /> }}
            data-testid="managers-table"
          />
        )}
      </Card>
      <Modal
        open={granting}
        title={domain ? `${t('grants.grantTitle')} · ${domainName(domain.domain)}` : t('grants.grantTitle')}
        onCancel={() => setGranting(false)}
        onOk={() => form.submit()}
        okText={t('grants.grant')}
        confirmLoading={saving}
        okButtonProps={{ ...testId('manager-grant-save') }}
        forceRender
      >
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Form<GrantForm> form={form} layout="vertical" onFinish={(v) => void grant(v)} data-testid="manager-grant-form">
          <Form.Item
            name="organizationId"
            label={t('grants.organization')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={t('grants.departmentOnly')}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending && granting}
              placeholder={t('grants.chooseDepartment')}
              options={(departments.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              notFoundContent={departments.isError ? errorMessage(departments.error) : undefined}
              data-testid="manager-organization"
            />
          </Form.Item>
          <Form.Item name="capability" label={t('grants.capability')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              options={(domain?.capabilities ?? []).map((c) => ({ value: c, label: `${t(`grants.cap.${c}`)}${capabilityHelp(c)}` }))}
              data-testid="manager-capability"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
