import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Pagination, Select, Space, Tabs, Typography, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatMinute } from '../../../components/format';
import { errorMessage, useFormSubmit } from '../../../components/formErrors';
import { useT } from '../../../i18n/I18nProvider';
import { yuanToFen } from '../../../../shared/money';
import { DATA_BEARING_CATEGORIES, DATA_WIPE_METHODS, RECYCLING_CATEGORIES, type RecyclingCategory } from '../../../../shared/enums/recycling';
import type { RecyclingMessageKey } from '../index';
import { pickupKeys, useCertificates, usePickups, type Completed, type CompletePickupInput, type PickupView } from './pickups/api';
import { ItemsText, PickupStatusTag, WindowText, shanghaiLocalToIso, useCategoryLabel } from './pickups/parts';
import './pickups/pickups.css';

/**
 * A recycler's bookings: the open ones of the towns it serves (accept), the ones it accepted (complete with what
 * was handed in and, for devices holding personal data, the wiping record; or report a no-show), and the
 * certificates it issued.
 */
export default function RecyclerPickupsPage() {
  const t = useT();
  return (
    <div className="hx-pickups">
      <PageHeader title={t('recycling.nav.recycler')} testId="recycler-pickups" />
      <Tabs
        items={[
          { key: 'open', label: t('recycling.pk.open'), children: <PickupList which="open" /> },
          { key: 'assigned', label: t('recycling.pk.assigned'), children: <PickupList which="assigned" /> },
          { key: 'issued', label: t('recycling.pk.issued'), children: <Issued /> },
        ]}
      />
    </div>
  );
}

export function PickupList({ which }: { which: 'open' | 'assigned' | 'all' }) {
  const t = useT();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const list = usePickups(which, page);
  const [completing, setCompleting] = useState<PickupView | null>(null);
  const [noShow, setNoShow] = useState<PickupView | null>(null);
  const accept = useMutation({
    mutationFn: (id: number) => api.post(`/api/recycling/pickups/${id}/accept`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: pickupKeys.all }),
    onError: (e) => {
      void message.error(errorMessage(e));
      void qc.invalidateQueries({ queryKey: pickupKeys.all });
    },
  });
  if (list.isError) return <LoadError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      <List
        loading={list.isLoading}
        locale={{ emptyText: <Empty description={t('recycling.pk.empty')} /> }}
        dataSource={list.data?.items ?? []}
        renderItem={(p) => (
          <List.Item
            key={p.id}
            data-testid={`${which}-pickup-${p.id}`}
            actions={[
              p.actions.includes('accept') && (
                <Button key="a" type="primary" loading={accept.isPending} onClick={() => accept.mutate(p.id)} data-testid={`accept-${p.id}`}>
                  {t('recycling.pk.accept')}
                </Button>
              ),
              p.actions.includes('complete') && (
                <Button key="c" type="primary" onClick={() => setCompleting(p)} data-testid={`complete-${p.id}`}>
                  {t('recycling.pk.complete')}
                </Button>
              ),
              p.actions.includes('noShow') && (
                <Button key="n" onClick={() => setNoShow(p)}>
                  {t('recycling.pk.noShow')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <span>#{p.id}</span>
                  <PickupStatusTag status={p.status} />
                  <span>{p.townName}</span>
                </Space>
              }
              description={
                <>
                  <ItemsText items={p.items} />
                  <div>
                    {p.address} · <WindowText window={p.window} />
                  </div>
                  {p.contact && (
                    <div>
                      {t('recycling.pk.contact')}：{p.contact.name} {p.contact.mobile}
                    </div>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
      {(list.data?.total ?? 0) > 10 && <Pagination size="small" current={page} total={list.data?.total} pageSize={10} onChange={setPage} />}
      {completing && <CompleteModal pickup={completing} onClose={() => setCompleting(null)} />}
      {noShow && <NoShowModal pickup={noShow} onClose={() => setNoShow(null)} />}
    </>
  );
}

interface CompleteValues {
  items: { category: string; count: number; weightKg?: number; serialNumber?: string }[];
  priceYuan: number;
  wipeMethod?: string;
  wipeBy?: string;
  wipeAt?: string;
}

function CompleteModal({ pickup, onClose }: { pickup: PickupView; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const label = useCategoryLabel();
  const [form] = Form.useForm<CompleteValues>();
  const [issued, setIssued] = useState<Completed | null>(null);
  const items = Form.useWatch('items', form) ?? [];
  const needsWipe = items.some((i) => i && DATA_BEARING_CATEGORIES.includes(i.category as RecyclingCategory));
  const { saving, error, submit } = useFormSubmit<CompleteValues>(
    form,
    async (v) => {
      const body: CompletePickupInput = {
        items: v.items.map((i) => ({
          category: i.category as RecyclingCategory,
          count: i.count,
          ...(i.weightKg ? { weightKg: i.weightKg } : {}),
          ...(i.serialNumber ? { serialNumber: i.serialNumber } : {}),
        })),
        pricePaidFen: yuanToFen(String(v.priceYuan ?? 0)) ?? 0,
        ...(v.wipeMethod || v.wipeBy || v.wipeAt
          ? {
              dataWipe: {
                method: v.wipeMethod as NonNullable<CompletePickupInput['dataWipe']>['method'],
                by: v.wipeBy ?? '',
                at: v.wipeAt ? shanghaiLocalToIso(v.wipeAt) : '',
              },
            }
          : {}),
      };
      setIssued(await api.post<Completed>(`/api/recycling/pickups/${pickup.id}/complete`, body));
      await qc.invalidateQueries({ queryKey: pickupKeys.all });
    },
    { 'dataWipe.method': 'wipeMethod', 'dataWipe.by': 'wipeBy', 'dataWipe.at': 'wipeAt', dataWipe: 'wipeMethod', pricePaidFen: 'priceYuan' },
  );
  return (
    <Modal open onCancel={onClose} footer={null} title={`${t('recycling.pk.complete')} #${pickup.id}`} width={560}>
      {issued ? (
        <Alert
          type="success"
          showIcon
          message={t('recycling.pk.issuedNumbers', { numbers: issued.certificateNumbers.join('、') })}
          data-testid="issued-numbers"
        />
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ items: pickup.items.map((i) => ({ category: i.category, count: i.count })), priceYuan: 0 }}
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: t('recycling.pk.category') }]}>
                      <Select style={{ width: 150 }} options={RECYCLING_CATEGORIES.map((c) => ({ value: c, label: label(c) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'count']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={50} style={{ width: 64 }} aria-label={t('recycling.pk.count')} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'weightKg']}>
                      <InputNumber min={0} placeholder={t('recycling.pk.weightKg')} style={{ width: 110 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'serialNumber']}>
                      <Input placeholder={t('recycling.pk.serial')} style={{ width: 150 }} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ count: 1 })} block style={{ marginBottom: 12 }}>
                  {t('recycling.pk.addItem')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="priceYuan" label={t('recycling.pk.price')} rules={[{ required: true }]}>
            <InputNumber min={0} step={1} style={{ width: '100%' }} data-testid="complete-price" />
          </Form.Item>
          <Card size="small" title={t('recycling.pk.wipeTitle')} type={needsWipe ? undefined : 'inner'} style={{ marginBottom: 12 }}>
            <Form.Item name="wipeMethod" label={t('recycling.pk.wipeMethod')} rules={[{ required: needsWipe, message: t('recycling.pk.wipeMethod') }]}>
              <Select allowClear options={DATA_WIPE_METHODS.map((m) => ({ value: m, label: t(`recycling.pk.wipe.${m}` as RecyclingMessageKey) }))} />
            </Form.Item>
            <Form.Item name="wipeBy" label={t('recycling.pk.wipeBy')} rules={[{ required: needsWipe, message: t('recycling.pk.wipeBy') }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="wipeAt" label={t('recycling.pk.wipeAt')} rules={[{ required: needsWipe, message: t('recycling.pk.wipeAt') }]}>
              <Input type="datetime-local" />
            </Form.Item>
          </Card>
          <Button type="primary" htmlType="submit" loading={saving} block data-testid="complete-submit">
            {t('recycling.pk.complete')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}

function NoShowModal({ pickup, onClose }: { pickup: PickupView; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, submit } = useFormSubmit<{ reason: string }>(form, async (v) => {
    await api.post(`/api/recycling/pickups/${pickup.id}/no-show`, v);
    await qc.invalidateQueries({ queryKey: pickupKeys.all });
    onClose();
  });
  return (
    <Modal open onCancel={onClose} footer={null} title={`${t('recycling.pk.noShow')} #${pickup.id}`}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('recycling.pk.reason')} rules={[{ required: true, min: 2, message: t('recycling.pk.reason') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('recycling.pk.ok')}
        </Button>
      </Form>
    </Modal>
  );
}

function Issued() {
  const t = useT();
  const label = useCategoryLabel();
  const [page, setPage] = useState(1);
  const certs = useCertificates('issued', page);
  if (certs.isError) return <LoadError error={certs.error} onRetry={() => void certs.refetch()} />;
  return (
    <>
      <List
        loading={certs.isLoading}
        locale={{ emptyText: <Empty description={t('recycling.pk.noCertificates')} /> }}
        dataSource={certs.data?.items ?? []}
        renderItem={(c) => (
          <List.Item key={c.number}>
            <List.Item.Meta
              title={<Typography.Text code>{c.number}</Typography.Text>}
              description={`${label(c.category)}${c.serialNumber ? ` · ${c.serialNumber}` : ''} · #${c.pickupId} · ${formatMinute(c.issuedAt)} · ${c.used ? t('recycling.pk.used') : t('recycling.pk.unused')}`}
            />
          </List.Item>
        )}
      />
      {(certs.data?.total ?? 0) > 10 && <Pagination size="small" current={page} total={certs.data?.total} pageSize={10} onChange={setPage} />}
    </>
  );
}
