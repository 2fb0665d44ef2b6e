import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, newIdempotencyKey } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { testId } from '../../../components/testId';
import { LoadError } from '../../../components/ResultPages';
import { applyApiError } from '../../../components/formErrors';
import { keys, usePrograms, type ProductView } from '../api';
import { Money, StatusTag, tradeinError } from '../components';
import { fenToYuan, yuanToFen } from '../../../../shared/money';

interface ProductForm {
  category?: string;
  brand?: string;
  model?: string;
  efficiencyGrade?: number | null;
  referencePrice?: string;
}

const priceRule = (msg: string) => ({
  validator: async (_r: unknown, v: string | undefined) => {
    const fen = yuanToFen(v);
    if (fen === null || fen < 1) throw new Error(msg);
  },
});

/** The merchant's catalogue: products with their efficiency grade and reference price (risk control compares sale prices with it). */
export default function ProductsPage() {
  const t = useT();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const products = useQuery({ queryKey: keys.products({}), queryFn: ({ signal }) => api.get<ProductView[]>('/api/tradein/products', undefined, signal) });
  const [form] = Form.useForm<ProductForm>();
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);

  const categories = new Map<string, string>();
  for (const p of programs.data ?? []) for (const c of p.categories) if (!categories.has(c.category)) categories.set(c.category, c.name);

  async function save(v: ProductForm) {
    setSaving(true);
    setError(null);
    const referencePriceFen = yuanToFen(v.referencePrice);
    try {
      if (editing === 'new') {
        await api.post<ProductView>(
          '/api/tradein/products',
          { category: v.category, brand: v.brand?.trim(), model: v.model?.trim(), efficiencyGrade: v.efficiencyGrade ?? null, referencePriceFen },
          { idempotencyKey: key, device: true },
        );
        setKey(newIdempotencyKey());
      } else if (editing) {
        await api.patch<ProductView>(`/api/tradein/products/${editing.id}`, { efficiencyGrade: v.efficiencyGrade ?? null, referencePriceFen });
      }
      message.success(t('common.done'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['tradein', 'products'] });
    } catch (e) {
      if (e instanceof ApiError && e.status > 0 && editing === 'new') setKey(newIdempotencyKey());
      setError(applyApiError(form, e, { referencePriceFen: 'referencePrice' }));
    } finally {
      setSaving(false);
    }
  }

  function toggle(p: ProductView) {
    const status = p.status === 'active' ? 'withdrawn' : 'active';
    modal.confirm({
      title:
        status === 'withdrawn'
          ? t('tradein.products.withdrawQ', { name: `${p.brand} ${p.model}` })
          : t('tradein.products.restoreQ', { name: `${p.brand} ${p.model}` }),
      onOk: async () => {
        try {
          await api.patch(`/api/tradein/products/${p.id}`, { status });
          void qc.invalidateQueries({ queryKey: ['tradein', 'products'] });
        } catch (e) {
          message.error(tradeinError(t, e));
        }
      },
    });
  }

  const columns: TableColumnsType<ProductView> = [
    {
      key: 'category',
      title: t('tradein.field.category'),
      dataIndex: 'category',
      render: (c: string) => categories.get(c) ?? c,
      sorter: (a, b) => a.category.localeCompare(b.category),
    },
    { key: 'brand', title: t('tradein.field.brand'), dataIndex: 'brand', sorter: (a, b) => a.brand.localeCompare(b.brand) },
    { key: 'model', title: t('tradein.field.model'), dataIndex: 'model', sorter: (a, b) => a.model.localeCompare(b.model) },
    {
      key: 'grade',
      title: t('tradein.field.grade'),
      dataIndex: 'efficiencyGrade',
      render: (g: number | null) => (g ? t('tradein.grade', { grade: g }) : '—'),
      sorter: (a, b) => (a.efficiencyGrade ?? 9) - (b.efficiencyGrade ?? 9),
    },
    {
      key: 'price',
      title: t('tradein.field.referencePrice'),
      dataIndex: 'referencePriceFen',
      align: 'right',
      render: (f: number) => <Money fen={f} />,
      sorter: (a, b) => a.referencePriceFen - b.referencePriceFen,
    },
    { key: 'status', title: t('field.status'), dataIndex: 'status', render: (s: string) => <StatusTag group="product" status={s} /> },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, p) => (
        <span className="hx-form-actions">
          <Button
            size="small"
            onClick={() => {
              setError(null);
              setEditing(p);
              form.setFieldsValue({
                category: p.category,
                brand: p.brand,
                model: p.model,
                efficiencyGrade: p.efficiencyGrade,
                referencePrice: fenToYuan(p.referencePriceFen).replace(/,/g, ''),
              });
            }}
          >
            {t('common.edit')}
          </Button>
          <Button size="small" onClick={() => toggle(p)}>
            {p.status === 'active' ? t('tradein.products.withdraw') : t('tradein.products.restore')}
          </Button>
        </span>
      ),
    },
  ];

  return (
    <div data-testid="page-tradein-products">
      <PageHeader
        title={t('tradein.nav.products')}
        subtitle={t('tradein.products.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setError(null);
              form.resetFields();
              setEditing('new');
            }}
            data-testid="product-new"
          >
            {t('tradein.products.add')}
          </Button>
        }
      />
      <Card className="hx-table-card">
        {products.isError ? (
          <LoadError error={products.error} onRetry={() => void products.refetch()} />
        ) : (
          <Table<ProductView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={products.data ?? []}
            loading={products.isPending}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (total) => t('common.total', { total }) }}
            locale={{ emptyText: t('tradein.products.none') }}
            data-testid="products-table"
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('tradein.products.add') : t('common.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        okButtonProps={{ ...testId('product-save') }}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} className="hx-form-alert" /> : null}
        <Form<ProductForm> form={form} layout="vertical" onFinish={(v) => void save(v)} preserve={false} data-testid="product-form">
          <Form.Item name="category" label={t('tradein.field.category')} rules={[{ required: true, message: t('common.required') }]}>
            <Select disabled={editing !== 'new'} options={[...categories].map(([value, label]) => ({ value, label }))} data-testid="product-category" />
          </Form.Item>
          <Form.Item name="brand" label={t('tradein.field.brand')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input disabled={editing !== 'new'} maxLength={60} data-testid="product-brand" />
          </Form.Item>
          <Form.Item name="model" label={t('tradein.field.model')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input disabled={editing !== 'new'} maxLength={80} data-testid="product-model" />
          </Form.Item>
          <Form.Item name="efficiencyGrade" label={t('tradein.field.grade')} extra={t('tradein.products.gradeHelp')}>
            <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} data-testid="product-grade" />
          </Form.Item>
          <Form.Item name="referencePrice" label={t('tradein.field.referencePriceYuan')} rules={[priceRule(t('tradein.redeem.priceRule'))]}>
            <Input inputMode="decimal" prefix="¥" data-testid="product-price" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
