import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Select, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { useTowns } from '../../../../api/towns';
import { useUser } from '../../../../auth/AuthProvider';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { applyApiError } from '../../../../components/formErrors';
import { LoadError } from '../../../../components/ResultPages';
import { formatMinute } from '../../../../components/format';
import { useListParams } from '../../../../components/useListParams';
import { translate } from '../../../../../shared/i18n/messages';
import { fenToYuan, yuanToFen } from '../../../../../shared/money';
import { ONLINE_ORDER_STATUSES } from '../../../../../shared/enums/tradein';
import { validateInvoiceNumber } from '../../../../../shared/validators';
import { checkVoucherCode } from '../../../../../shared/voucherCode';
import { categoryName, keys, usePrograms, type Page, type ProductView } from '../../api';
import { Money, tradeinError } from '../../components';
import { OrderStatusTag } from './OnlineStatus';
import { onlineKeys, type OnlineOrderView, type OnlineStoreView } from './onlineApi';

interface OrderForm {
  onlineStoreId?: number;
  voucherCode?: string;
  productId?: number;
  orderNumber?: string;
  serialNumber?: string;
  invoiceNumber?: string;
  price?: string;
  deliveryTownId?: number;
  deliveryAddress?: string;
}

const FILTERS = ['status', 'onlineStoreId'] as const;
const SORTS: Record<string, string> = { createdAt: 'createdAt', expiresAt: 'expiresAt', price: 'price' };

/** Merchant staff enter online orders for the resident to confirm; the business lists, filters and exports them. */
export function OrdersTab() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const towns = useTowns();
  const list = useListParams(FILTERS, { pageSize: 20, sort: 'createdAt' });
  const [form] = Form.useForm<OrderForm>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const staff = user.role === 'merchant';

  const stores = useQuery({
    queryKey: onlineKeys.stores({ status: 'active', all: true }),
    queryFn: ({ signal }) => api.get<Page<OnlineStoreView>>('/api/tradein/online-stores', { status: 'active', pageSize: 200 }, signal),
  });
  const products = useQuery({
    queryKey: keys.products({}),
    queryFn: ({ signal }) => api.get<ProductView[]>('/api/tradein/products', undefined, signal),
    enabled: staff,
  });
  const query = {
    page: list.state.page,
    pageSize: list.state.pageSize,
    sort: SORTS[list.state.sort ?? ''] ?? 'createdAt',
    order: list.state.order,
    ...(list.state.q ? { q: list.state.q } : {}),
    ...list.state.filters,
  };
  const orders = useQuery({
    queryKey: onlineKeys.orders(query),
    queryFn: ({ signal }) => api.get<Page<OnlineOrderView>>('/api/tradein/online-orders', query, signal),
    placeholderData: keepPreviousData,
  });

  const storeId = Form.useWatch('onlineStoreId', form);
  const store = stores.data?.items.find((s) => s.id === storeId);
  const pickable = (products.data ?? []).filter((p) => p.status === 'active' && (!store || store.categories.includes(p.category)));

  async function submit(v: OrderForm) {
    const price = yuanToFen(v.price);
    if (price === null) return;
    setSaving(true);
    setFormError(null);
    try {
      await api.post('/api/tradein/online-orders', {
        onlineStoreId: v.onlineStoreId,
        voucherCode: v.voucherCode?.trim(),
        productId: v.productId,
        orderNumber: v.orderNumber?.trim(),
        serialNumber: v.serialNumber?.trim(),
        invoiceNumber: v.invoiceNumber?.trim(),
        price,
        deliveryTownId: v.deliveryTownId,
        deliveryAddress: v.deliveryAddress?.trim(),
      });
      message.success(t('tradein.online.order.entered'));
      form.resetFields(['voucherCode', 'productId', 'orderNumber', 'serialNumber', 'invoiceNumber', 'price', 'deliveryAddress']);
      void qc.invalidateQueries({ queryKey: ['tradein', 'online-orders'] });
    } catch (e) {
      const rest = applyApiError(form, e);
      setFormError(rest === null ? null : tradeinError(t, e));
    } finally {
      setSaving(false);
    }
  }

  async function cancel(o: OnlineOrderView) {
    try {
      await api.post(`/api/tradein/online-orders/${o.id}/cancel`);
      message.success(t('tradein.online.order.cancelled'));
      void qc.invalidateQueries({ queryKey: ['tradein', 'online-orders'] });
    } catch (e) {
      message.error(tradeinError(t, e));
    }
  }

  const sortOrder = (key: string) => (list.state.sort === key ? (list.state.order === 'asc' ? 'ascend' : 'descend') : null);
  const columns: TableColumnsType<OnlineOrderView> = [
    {
      key: 'createdAt',
      title: t('tradein.online.field.enteredAt'),
      dataIndex: 'createdAt',
      render: formatMinute,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
    },
    { key: 'shop', title: t('tradein.online.field.store'), render: (_, o) => `${t(`tradein.platform.${o.platform}`)} · ${o.shopName}` },
    { key: 'orderNumber', title: t('tradein.online.field.orderNumber'), dataIndex: 'orderNumber' },
    { key: 'voucher', title: t('tradein.field.voucher'), dataIndex: 'voucherCode' },
    {
      key: 'product',
      title: t('tradein.field.product'),
      render: (_, o) => `${categoryName(programs.data, o.programId, o.category)} · ${o.productBrand} ${o.productModel}`,
    },
    {
      key: 'price',
      title: t('tradein.redeem.price'),
      dataIndex: 'price',
      align: 'right',
      render: (f: number) => <Money fen={f} />,
      sorter: true,
      sortOrder: sortOrder('price'),
    },
    { key: 'subsidy', title: t('tradein.redeem.subsidy'), dataIndex: 'subsidy', align: 'right', render: (f: number | null) => <Money fen={f} strong /> },
    { key: 'delivery', title: t('tradein.online.field.address'), render: (_, o) => `${o.deliveryTownName} ${o.deliveryAddress}` },
    { key: 'status', title: t('field.status'), render: (_, o) => <OrderStatusTag status={o.status} /> },
    {
      key: 'expiresAt',
      title: t('tradein.online.field.expiresAt'),
      dataIndex: 'expiresAt',
      render: formatMinute,
      sorter: true,
      sortOrder: sortOrder('expiresAt'),
    },
    ...(staff
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, o: OnlineOrderView) =>
              o.status === 'awaiting_confirmation' ? (
                <Popconfirm title={t('tradein.online.order.cancelConfirm')} onConfirm={() => void cancel(o)}>
                  <Button size="small" danger data-testid={`online-order-cancel-${o.id}`}>
                    {t('tradein.online.order.cancel')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  const required = { required: true, message: t('common.required') };
  return (
    <div data-testid="online-orders">
      {staff ? (
        <Card title={t('tradein.online.order.add')} className="hx-block">
          {stores.isSuccess && !stores.data.items.length ? (
            <Alert type="info" showIcon title={t('tradein.online.order.noStore')} />
          ) : (
            <Form<OrderForm> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark="optional" data-testid="online-order-form">
              <Alert type="info" showIcon title={t('tradein.online.order.help')} className="hx-form-alert" />
              {formError ? <Alert type="error" showIcon title={formError} className="hx-form-alert" data-testid="online-order-error" /> : null}
              <div className="hx-ti-sale-grid">
                <Form.Item name="onlineStoreId" label={t('tradein.online.field.store')} rules={[required]}>
                  <Select<number>
                    options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: `${t(`tradein.platform.${s.platform}`)} · ${s.shopName}` }))}
                    data-testid="online-order-store"
                  />
                </Form.Item>
                <Form.Item
                  name="voucherCode"
                  label={t('tradein.field.voucher')}
                  rules={[
                    {
                      required: true,
                      validator: async (_r, v: string | undefined) => {
                        if (!v || !checkVoucherCode(v).ok) throw new Error(t('tradein.online.codeRule'));
                      },
                    },
                  ]}
                >
                  <Input autoComplete="off" maxLength={16} placeholder="XXXX-XXXX-XXX" data-testid="online-order-voucher" />
                </Form.Item>
                <Form.Item name="productId" label={t('tradein.field.product')} rules={[required]}>
                  <Select<number>
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={products.isPending}
                    options={pickable.map((p) => ({
                      value: p.id,
                      label: `${p.brand} ${p.model} · ${t('tradein.redeem.reference', { price: fenToYuan(p.referencePriceFen) })}`,
                    }))}
                    data-testid="online-order-product"
                  />
                </Form.Item>
                <Form.Item
                  name="orderNumber"
                  label={t('tradein.online.field.orderNumber')}
                  rules={[{ required: true, whitespace: true, min: 4, message: t('tradein.online.orderNumberRule') }]}
                >
                  <Input autoComplete="off" maxLength={64} data-testid="online-order-number" />
                </Form.Item>
                <Form.Item
                  name="serialNumber"
                  label={t('tradein.field.serial')}
                  rules={[{ required: true, whitespace: true, min: 4, message: t('tradein.redeem.serialRule') }]}
                >
                  <Input autoComplete="off" maxLength={64} data-testid="online-order-serial" />
                </Form.Item>
                <Form.Item
                  name="invoiceNumber"
                  label={t('tradein.field.invoice')}
                  rules={[
                    {
                      required: true,
                      validator: async (_r, v: string | undefined) => {
                        const res = validateInvoiceNumber(v);
                        if (!res.ok) throw new Error(translate(locale, `field.invoiceNumber.${res.reason}` as Parameters<typeof translate>[1]));
                      },
                    },
                  ]}
                >
                  <Input inputMode="numeric" maxLength={20} autoComplete="off" data-testid="online-order-invoice" />
                </Form.Item>
                <Form.Item
                  name="price"
                  label={t('tradein.redeem.priceYuan')}
                  rules={[
                    {
                      required: true,
                      validator: async (_r, v: string | undefined) => {
                        const fen = yuanToFen(v);
                        if (fen === null || fen < 1) throw new Error(t('tradein.redeem.priceRule'));
                      },
                    },
                  ]}
                >
                  <Input inputMode="decimal" prefix="¥" suffix={t('tradein.unit.yuan')} autoComplete="off" data-testid="online-order-price" />
                </Form.Item>
                <Form.Item name="deliveryTownId" label={t('tradein.online.field.town')} rules={[required]}>
                  <Select<number>
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={towns.isPending}
                    options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
                    data-testid="online-order-town"
                  />
                </Form.Item>
                <Form.Item
                  name="deliveryAddress"
                  label={t('tradein.online.field.address')}
                  rules={[{ required: true, whitespace: true, min: 6, message: t('tradein.online.addressRule') }]}
                >
                  <Input maxLength={200} autoComplete="off" data-testid="online-order-address" />
                </Form.Item>
              </div>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="online-order-submit">
                {t('tradein.online.order.submit')}
              </Button>
            </Form>
          )}
        </Card>
      ) : (
        <Alert type="info" showIcon title={t('tradein.online.order.staffOnly')} className="hx-form-alert" />
      )}
      <Card className="hx-block">
        <FilterBar
          values={{
            q: list.state.q,
            status: list.state.filters.status,
            onlineStoreId: list.state.filters.onlineStoreId ? Number(list.state.filters.onlineStoreId) : undefined,
          }}
          onSearch={(v) => list.update({ q: v.q, filters: { status: v.status, onlineStoreId: v.onlineStoreId ? String(v.onlineStoreId) : undefined } })}
        >
          <Form.Item name="q" label={t('tradein.online.search')}>
            <Input allowClear data-testid="online-orders-search" />
          </Form.Item>
          <Form.Item name="status" label={t('field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={ONLINE_ORDER_STATUSES.map((s) => ({ value: s, label: t(`tradein.onlineStatus.${s}`) }))}
            />
          </Form.Item>
          <Form.Item name="onlineStoreId" label={t('tradein.online.field.store')}>
            <Select<number> allowClear placeholder={t('common.all')} options={(stores.data?.items ?? []).map((s) => ({ value: s.id, label: s.shopName }))} />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card
        className="hx-block hx-table-card"
        extra={
          <ExportButton
            path="/api/tradein/online-orders/export"
            query={{ ...list.state.filters, q: list.state.q }}
            fallbackName="online-orders.xlsx"
            testId="online-orders-export"
          />
        }
      >
        {orders.isError ? (
          <LoadError error={orders.error} onRetry={() => void orders.refetch()} />
        ) : (
          <Table<OnlineOrderView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={orders.data?.items ?? []}
            loading={orders.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.online.order.none') }}
            data-testid="online-orders-table"
            pagination={list.pagination(orders.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
