import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useT } from '../../../../i18n/I18nProvider';
import { applyApiError } from '../../../../components/formErrors';
import { testId } from '../../../../components/testId';
import { LoadError } from '../../../../components/ResultPages';
import { formatDate } from '../../../../components/format';
import { ONLINE_PLATFORMS, type OnlinePlatform } from '../../../../../shared/enums/tradein';
import { categoryName, keys, usePrograms, type MerchantView, type Page } from '../../api';
import { tradeinError } from '../../components';
import { StoreStatusTag } from './OnlineStatus';
import { onlineKeys, type OnlineStoreView } from './onlineApi';

interface StoreForm {
  merchantId?: number;
  platform?: OnlinePlatform;
  shopName?: string;
  shopUrl?: string;
  categories?: string[];
}

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.');
  } catch {
    return false;
  }
};

/** A business's online stores: enrol one under an enrolment, edit it, close it. */
export function StoresTab() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<OnlineStoreView | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [form] = Form.useForm<StoreForm>();
  const stores = useQuery({
    queryKey: onlineKeys.stores({ page }),
    queryFn: ({ signal }) => api.get<Page<OnlineStoreView>>('/api/tradein/online-stores', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const enrolments = useQuery({
    queryKey: keys.merchants({ mine: true }),
    queryFn: ({ signal }) => api.get<MerchantView[]>('/api/tradein/merchants', undefined, signal),
  });
  const open = (enrolments.data ?? []).filter((m) => m.status === 'approved' || m.status === 'pending');
  const merchantId = Form.useWatch('merchantId', form);
  const enrolment = (enrolments.data ?? []).find((m) => m.id === (editing && editing !== 'new' ? editing.merchantId : merchantId));

  function start(s: OnlineStoreView | 'new') {
    setFormError(null);
    form.resetFields();
    if (s === 'new') form.setFieldsValue({ merchantId: open[0]?.id, platform: 'jd', categories: open[0]?.categories ?? [] });
    else form.setFieldsValue({ merchantId: s.merchantId, platform: s.platform, shopName: s.shopName, shopUrl: s.shopUrl, categories: s.categories });
    setEditing(s);
  }

  async function save(v: StoreForm) {
    setSaving(true);
    setFormError(null);
    try {
      const body = { platform: v.platform, shopName: v.shopName?.trim(), shopUrl: v.shopUrl?.trim(), categories: v.categories };
      if (editing === 'new') await api.post('/api/tradein/online-stores', { merchantId: v.merchantId, ...body });
      else if (editing) await api.patch(`/api/tradein/online-stores/${editing.id}`, body);
      message.success(t('tradein.online.store.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['tradein', 'online-stores'] });
    } catch (e) {
      const rest = applyApiError(form, e);
      setFormError(rest === null ? null : tradeinError(t, e));
    } finally {
      setSaving(false);
    }
  }

  async function close(s: OnlineStoreView) {
    try {
      await api.post(`/api/tradein/online-stores/${s.id}/close`);
      message.success(t('tradein.online.store.closed'));
      void qc.invalidateQueries({ queryKey: ['tradein', 'online-stores'] });
    } catch (e) {
      message.error(tradeinError(t, e));
    }
  }

  const columns: TableColumnsType<OnlineStoreView> = [
    { key: 'platform', title: t('tradein.online.field.platform'), render: (_, s) => t(`tradein.platform.${s.platform}`) },
    {
      key: 'shop',
      title: t('tradein.online.field.shopName'),
      render: (_, s) => (
        <>
          <div>{s.shopName}</div>
          <Typography.Link href={s.shopUrl} target="_blank" rel="noreferrer" className="hx-ti-live">
            {s.shopUrl}
          </Typography.Link>
        </>
      ),
    },
    { key: 'program', title: t('tradein.field.program'), dataIndex: 'programName' },
    {
      key: 'categories',
      title: t('tradein.online.field.categories'),
      render: (_, s) => s.categories.map((c) => categoryName(programs.data, s.programId, c)).join('、'),
    },
    { key: 'status', title: t('field.status'), render: (_, s) => <StoreStatusTag status={s.status} /> },
    { key: 'createdAt', title: t('tradein.online.field.enteredAt'), dataIndex: 'createdAt', render: formatDate },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, s) =>
        s.status === 'active' ? (
          <div className="hx-form-actions">
            <Button size="small" onClick={() => start(s)} data-testid={`online-store-edit-${s.id}`}>
              {t('common.edit')}
            </Button>
            <Popconfirm title={t('tradein.online.store.closeConfirm')} onConfirm={() => void close(s)}>
              <Button size="small" danger data-testid={`online-store-close-${s.id}`}>
                {t('tradein.online.store.close')}
              </Button>
            </Popconfirm>
          </div>
        ) : null,
    },
  ];

  return (
    <div data-testid="online-stores">
      <div className="hx-form-actions" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => start('new')} disabled={!open.length} data-testid="online-store-add">
          {t('tradein.online.store.add')}
        </Button>
      </div>
      {enrolments.isSuccess && !open.length ? <Alert type="info" showIcon title={t('tradein.online.store.noEnrolment')} className="hx-form-alert" /> : null}
      {stores.isError ? (
        <LoadError error={stores.error} onRetry={() => void stores.refetch()} />
      ) : (
        <Table<OnlineStoreView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={stores.data?.items ?? []}
          loading={stores.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tradein.online.store.none') }}
          data-testid="online-stores-table"
          pagination={{ current: page, pageSize: 20, total: stores.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('tradein.online.store.add') : t('tradein.online.store.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={testId('online-store-submit')}
        destroyOnHidden
      >
        <Form<StoreForm> form={form} layout="vertical" onFinish={(v) => void save(v)} requiredMark="optional">
          {formError ? <Alert type="error" showIcon title={formError} className="hx-form-alert" /> : null}
          <Form.Item name="merchantId" label={t('tradein.online.store.enrolment')} rules={[{ required: true, message: t('common.required') }]}>
            <Select<number>
              disabled={editing !== 'new'}
              options={(editing === 'new' ? open : (enrolments.data ?? [])).map((m) => ({ value: m.id, label: m.programName }))}
              onChange={(id) => form.setFieldValue('categories', open.find((m) => m.id === id)?.categories ?? [])}
            />
          </Form.Item>
          <Form.Item name="platform" label={t('tradein.online.field.platform')} rules={[{ required: true, message: t('common.required') }]}>
            <Select<OnlinePlatform>
              options={ONLINE_PLATFORMS.map((p) => ({ value: p, label: t(`tradein.platform.${p}`) }))}
              data-testid="online-store-platform"
            />
          </Form.Item>
          <Form.Item
            name="shopName"
            label={t('tradein.online.field.shopName')}
            rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}
          >
            <Input maxLength={100} data-testid="online-store-name" />
          </Form.Item>
          <Form.Item
            name="shopUrl"
            label={t('tradein.online.field.shopUrl')}
            rules={[
              {
                required: true,
                validator: async (_r, v: string | undefined) => {
                  if (!v || !isHttpUrl(v.trim())) throw new Error(t('tradein.online.urlRule'));
                },
              },
            ]}
          >
            <Input maxLength={300} inputMode="url" placeholder="https://" data-testid="online-store-url" />
          </Form.Item>
          <Form.Item
            name="categories"
            label={t('tradein.online.field.categories')}
            rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}
          >
            <Select<string[]>
              mode="multiple"
              options={(enrolment?.categories ?? []).map((c) => ({ value: c, label: enrolment ? categoryName(programs.data, enrolment.programId, c) : c }))}
              data-testid="online-store-categories"
            />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
