import { useState } from 'react';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Pagination, Rate, Select, Space, Spin, Typography, message } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { formatMinute } from '../../../components/format';
import { useFormSubmit } from '../../../components/formErrors';
import { useT } from '../../../i18n/I18nProvider';
import { RECYCLING_CATEGORIES } from '../../../../shared/enums/recycling';
import { pickupKeys, useCertificates, usePickup, usePickups, useTowns, type BookPickupInput } from './pickups/api';
import { ItemsText, PickupStatusTag, PickupTimeline, WindowText, shanghaiLocalToIso, useCategoryLabel } from './pickups/parts';
import './pickups/pickups.css';

interface BookValues {
  items: { category: string; count: number }[];
  address: string;
  townId: number;
  from: string;
  to: string;
}

/**
 * A resident books a pickup on a phone (items, address, town, window) and follows it: status and timeline,
 * confirm and rate or dispute once collected, cancel or move the window before, and the certificates issued.
 */
export default function BookPickupPage() {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<BookValues>();
  const towns = useTowns();
  const label = useCategoryLabel();
  const [page, setPage] = useState(1);
  const [certPage, setCertPage] = useState(1);
  const [openId, setOpenId] = useState<number | null>(null);
  const mine = usePickups('mine', page);
  const certs = useCertificates('mine', certPage);
  const { saving, error, submit } = useFormSubmit<BookValues>(
    form,
    async (v) => {
      const body: BookPickupInput = {
        items: v.items.map((i) => ({ category: i.category as BookPickupInput['items'][number]['category'], count: i.count })),
        address: v.address,
        townId: v.townId,
        window: { from: shanghaiLocalToIso(v.from), to: shanghaiLocalToIso(v.to) },
      };
      await api.post('/api/recycling/pickups', body);
      void message.success(t('recycling.pk.booked'));
      form.resetFields();
      await qc.invalidateQueries({ queryKey: pickupKeys.all });
    },
    { 'window.from': 'from', 'window.to': 'to' },
  );

  return (
    <div className="hx-pickups">
      <PageHeader title={t('recycling.pk.book.title')} testId="book-pickup" />
      <Card size="small">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ items: [{ count: 1 }] }}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                <Typography.Text strong>{t('recycling.pk.items')}</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" className="hx-pickups-item">
                    <Form.Item name={[f.name, 'category']} rules={[{ required: true, message: t('recycling.pk.category') }]}>
                      <Select
                        data-testid={`item-category-${f.name}`}
                        placeholder={t('recycling.pk.category')}
                        style={{ width: 180 }}
                        showSearch
                        optionFilterProp="label"
                        options={RECYCLING_CATEGORIES.map((c) => ({ value: c, label: label(c) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'count']} rules={[{ required: true }]}>
                      <InputNumber min={1} max={20} style={{ width: 72 }} aria-label={t('recycling.pk.count')} />
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
          <Form.Item name="townId" label={t('recycling.pk.town')} rules={[{ required: true, message: t('recycling.pk.town') }]}>
            <Select data-testid="pickup-town" loading={towns.isLoading} options={(towns.data ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="address" label={t('recycling.pk.address')} rules={[{ required: true, min: 4, message: t('recycling.pk.address') }]}>
            <Input data-testid="pickup-address" maxLength={200} />
          </Form.Item>
          <Form.Item name="from" label={t('recycling.pk.windowFrom')} rules={[{ required: true, message: t('recycling.pk.windowFrom') }]}>
            <Input type="datetime-local" data-testid="pickup-from" />
          </Form.Item>
          <Form.Item name="to" label={t('recycling.pk.windowTo')} rules={[{ required: true, message: t('recycling.pk.windowTo') }]}>
            <Input type="datetime-local" data-testid="pickup-to" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} block data-testid="pickup-submit">
            {t('recycling.pk.submit')}
          </Button>
        </Form>
      </Card>

      <Card size="small" title={t('recycling.pk.mine')} style={{ marginTop: 12 }}>
        {mine.isError ? (
          <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
        ) : (
          <List
            loading={mine.isLoading}
            locale={{ emptyText: <Empty description={t('recycling.pk.empty')} /> }}
            dataSource={mine.data?.items ?? []}
            renderItem={(p) => (
              <List.Item key={p.id} onClick={() => setOpenId(p.id)} className="hx-pickups-row" data-testid={`my-pickup-${p.id}`}>
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>#{p.id}</span>
                      <PickupStatusTag status={p.status} />
                    </Space>
                  }
                  description={
                    <>
                      <ItemsText items={p.items} />
                      <div>
                        <WindowText window={p.window} />
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        {(mine.data?.total ?? 0) > 10 && <Pagination size="small" current={page} total={mine.data?.total} pageSize={10} onChange={setPage} />}
      </Card>

      <Card size="small" title={t('recycling.pk.myCertificates')} style={{ marginTop: 12 }}>
        {certs.isError ? (
          <LoadError error={certs.error} onRetry={() => void certs.refetch()} />
        ) : (
          <List
            loading={certs.isLoading}
            locale={{ emptyText: <Empty description={t('recycling.pk.noCertificates')} /> }}
            dataSource={certs.data?.items ?? []}
            renderItem={(c) => (
              <List.Item key={c.number}>
                <List.Item.Meta
                  title={
                    <Typography.Text copyable code data-testid="my-certificate">
                      {c.number}
                    </Typography.Text>
                  }
                  description={`${label(c.category)} · ${formatMinute(c.issuedAt)} · ${c.used ? t('recycling.pk.used') : t('recycling.pk.unused')}`}
                />
              </List.Item>
            )}
          />
        )}
        {(certs.data?.total ?? 0) > 10 && <Pagination size="small" current={certPage} total={certs.data?.total} pageSize={10} onChange={setCertPage} />}
      </Card>
      <PickupModal id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

type Ask = null | { action: 'confirm' | 'dispute' | 'cancel' | 'reschedule' };

function PickupModal({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const pickup = usePickup(id);
  const [ask, setAsk] = useState<Ask>(null);
  const [form] = Form.useForm<{ rating?: number; comment?: string; reason?: string; from?: string; to?: string }>();
  const { saving, error, submit } = useFormSubmit<{ rating?: number; comment?: string; reason?: string; from?: string; to?: string }>(
    form,
    async (v) => {
      if (!ask || id === null) return;
      const body =
        ask.action === 'confirm'
          ? { rating: v.rating, ...(v.comment ? { comment: v.comment } : {}) }
          : ask.action === 'reschedule'
            ? { window: { from: shanghaiLocalToIso(v.from ?? ''), to: shanghaiLocalToIso(v.to ?? '') }, reason: v.reason }
            : { reason: v.reason };
      await api.post(`/api/recycling/pickups/${id}/${ask.action}`, body);
      void message.success(t('recycling.pk.done'));
      setAsk(null);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: pickupKeys.all });
    },
    { 'window.from': 'from', 'window.to': 'to' },
  );
  const p = pickup.data;
  return (
    <Modal open={id !== null} onCancel={onClose} footer={null} title={t('recycling.pk.detail')} width={520}>
      {pickup.isLoading && <Spin />}
      {pickup.isError && <LoadError error={pickup.error} onRetry={() => void pickup.refetch()} />}
      {p && (
        <div data-testid="pickup-detail">
          <Space wrap>
            <PickupStatusTag status={p.status} />
            <ItemsText items={p.items} />
          </Space>
          <p>
            {p.townName} {p.address} · <WindowText window={p.window} />
          </p>
          {p.recyclerName && (
            <p>
              {t('recycling.pk.recycler')}：{p.recyclerName}
            </p>
          )}
          {p.certificates.length > 0 && (
            <Card size="small" title={t('recycling.pk.certificates')} style={{ marginBottom: 12 }}>
              {p.certificates.map((c) => (
                <div key={c.number}>
                  <Typography.Text copyable code data-testid="pickup-certificate">
                    {c.number}
                  </Typography.Text>
                </div>
              ))}
            </Card>
          )}
          <Space wrap style={{ marginBottom: 12 }}>
            {(['confirm', 'dispute', 'reschedule', 'cancel'] as const)
              .filter((a) => p.actions.includes(a))
              .map((a) => (
                <Button
                  key={a}
                  type={a === 'confirm' ? 'primary' : 'default'}
                  danger={a === 'cancel' || a === 'dispute'}
                  onClick={() => setAsk({ action: a })}
                  data-testid={`pickup-${a}`}
                >
                  {t(`recycling.pk.${a}`)}
                </Button>
              ))}
          </Space>
          {ask && (
            <Card size="small" style={{ marginBottom: 12 }}>
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
              <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
                {ask.action === 'confirm' ? (
                  <>
                    <Form.Item name="rating" label={t('recycling.pk.rating')} rules={[{ required: true, message: t('recycling.pk.rating') }]}>
                      <Rate />
                    </Form.Item>
                    <Form.Item name="comment" label={t('recycling.pk.comment')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </>
                ) : (
                  <>
                    {ask.action === 'reschedule' && (
                      <>
                        <Form.Item name="from" label={t('recycling.pk.windowFrom')} rules={[{ required: true, message: t('recycling.pk.windowFrom') }]}>
                          <Input type="datetime-local" />
                        </Form.Item>
                        <Form.Item name="to" label={t('recycling.pk.windowTo')} rules={[{ required: true, message: t('recycling.pk.windowTo') }]}>
                          <Input type="datetime-local" />
                        </Form.Item>
                      </>
                    )}
                    <Form.Item name="reason" label={t('recycling.pk.reason')} rules={[{ required: true, min: 2, message: t('recycling.pk.reason') }]}>
                      <Input.TextArea maxLength={500} rows={2} />
                    </Form.Item>
                  </>
                )}
                <Button type="primary" htmlType="submit" loading={saving} data-testid="pickup-ask-ok">
                  {t('recycling.pk.ok')}
                </Button>
              </Form>
            </Card>
          )}
          <Typography.Title level={5}>{t('recycling.pk.timeline')}</Typography.Title>
          <PickupTimeline pickup={p} />
        </div>
      )}
    </Modal>
  );
}
