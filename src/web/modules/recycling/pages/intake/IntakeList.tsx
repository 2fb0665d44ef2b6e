import { useState, type ReactNode } from 'react';
import { Alert, Button, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { FilterBar } from '../../../../components/FilterBar';
import { LoadError } from '../../../../components/ResultPages';
import { useFormSubmit } from '../../../../components/formErrors';
import { useListParams } from '../../../../components/useListParams';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useT } from '../../../../i18n/I18nProvider';
import { yuan } from '../../../../../shared/money';
import { INTAKE_MATERIALS, INTAKE_SOURCES, INTAKE_STATUSES } from '../../../../../shared/enums/recyclingIntake';
import type { RecyclingMessageKey } from '../../index';
import { useCategoryLabel } from '../pickups/parts';
import { intakeKeys, useIntakeList, useIntakeOptions, voidIntake, type IntakeView } from './api';
import { DemoTag } from '../../../../components/DemoTag';

const FILTERS = ['siteId', 'recyclerId', 'material', 'source', 'status', 'from', 'to', 'month'] as const;
type FilterValues = Partial<Record<(typeof FILTERS)[number] | 'q', string>>;

/** Intake records with filters, paging and sorting: a recycler's own (with void), or every recycler's for officials. */
export function IntakeList({ overview = false }: { overview?: boolean }) {
  const t = useT();
  const category = useCategoryLabel();
  const { state, query, update, onTableChange, sortOrderOf, pagination } = useListParams(FILTERS, { sort: 'takenInOn' });
  const list = useIntakeList(query);
  const options = useIntakeOptions();
  const [voiding, setVoiding] = useState<IntakeView | null>(null);
  const m = (k: string) => t(k as RecyclingMessageKey);
  const isPhone = useIsPhone();
  const quantity = (r: IntakeView) => (r.units !== null ? t('recycling.in.unitsOf', { n: r.units }) : t('recycling.in.kgOf', { n: r.weightKg ?? 0 }));
  const columns: ColumnsType<IntakeView> = [
    {
      title: t('recycling.in.takenInOn'),
      dataIndex: 'takenInOn',
      key: 'takenInOn',
      sorter: true,
      sortOrder: sortOrderOf('takenInOn'),
      width: 200,
      render: (_: unknown, r: IntakeView) => (
        <div>
          <div>{r.takenInOn}</div>
          <Typography.Text type="secondary">{`${r.siteName}（${r.townName}）`}</Typography.Text>
        </div>
      ),
    },
    ...(overview ? [{ title: t('recycling.in.recycler'), dataIndex: 'recyclerName', key: 'recycler', width: 180 }] : []),
    {
      title: t('recycling.in.material'),
      key: 'material',
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          {m(`recycling.in.material.${r.material}`)}
          {r.applianceCategory && <Typography.Text type="secondary">{category(r.applianceCategory)}</Typography.Text>}
          {r.productionScrap && <Tag color="purple">{t('recycling.in.productionScrap')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('recycling.in.quantity'),
      key: 'quantity',
      width: 90,
      align: 'right',
      render: (_, r) => quantity(r),
    },
    {
      title: t('recycling.in.source'),
      key: 'seller',
      width: 200,
      render: (_, r) => (
        <div>
          <div>
            <Tag>{m(`recycling.in.source.${r.source}`)}</Tag>
            {r.sellerName}
          </div>
          <Typography.Text type="secondary">{r.sellerIdMask ?? r.sellerCreditCode}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('recycling.in.priceShort'),
      dataIndex: 'priceFen',
      key: 'priceFen',
      sorter: true,
      sortOrder: sortOrderOf('priceFen'),
      align: 'right',
      width: 100,
      render: (v: number) => yuan(v),
    },
    {
      title: t('recycling.in.status'),
      key: 'status',
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={r.status === 'void' ? 'default' : 'green'}>{m(`recycling.in.status.${r.status}`)}</Tag>
          {r.reverseInvoiceId !== null && <Tag color={r.status === 'void' ? 'default' : 'blue'}>{t('recycling.in.invoice')}</Tag>}
          <DemoTag show={r.isDemo} />
          {r.voidReason && <Typography.Text type="secondary">{r.voidReason}</Typography.Text>}
        </Space>
      ),
    },
    ...(overview
      ? []
      : [
          {
            title: '',
            key: 'actions',
            width: 80,
            render: (_: unknown, r: IntakeView) =>
              r.canVoid && (
                <Button size="small" danger onClick={() => setVoiding(r)} data-testid={`void-${r.id}`}>
                  {t('recycling.in.void')}
                </Button>
              ),
          },
        ]),
  ];
  const f = state.filters;
  return (
    <div data-testid="intake-list">
      <FilterBar<FilterValues> values={{ q: state.q, ...f }} onSearch={(v) => update({ q: v.q, filters: Object.fromEntries(FILTERS.map((k) => [k, v[k]])) })}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('recycling.in.search')} style={{ width: 160 }} />
        </Form.Item>
        {overview ? (
          <Form.Item name="recyclerId">
            <Select
              allowClear
              placeholder={t('recycling.in.allRecyclers')}
              style={{ width: 200 }}
              options={(options.data?.recyclers ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
              data-testid="filter-recycler"
            />
          </Form.Item>
        ) : (
          <Form.Item name="siteId">
            <Select
              allowClear
              placeholder={t('recycling.in.site')}
              style={{ width: 200 }}
              options={(options.data?.sites ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="material">
          <Select
            allowClear
            placeholder={t('recycling.in.material')}
            style={{ width: 140 }}
            options={INTAKE_MATERIALS.filter((x) => x !== 'vehicles').map((x) => ({ value: x, label: m(`recycling.in.material.${x}`) }))}
            data-testid="filter-material"
          />
        </Form.Item>
        <Form.Item name="source">
          <Select
            allowClear
            placeholder={t('recycling.in.source')}
            style={{ width: 110 }}
            options={INTAKE_SOURCES.map((x) => ({ value: x, label: m(`recycling.in.source.${x}`) }))}
          />
        </Form.Item>
        <Form.Item name="status">
          <Select
            allowClear
            placeholder={t('recycling.in.status')}
            style={{ width: 110 }}
            options={INTAKE_STATUSES.map((x) => ({ value: x, label: m(`recycling.in.status.${x}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="month"
          getValueProps={(v?: string) => ({ value: v ? dayjs(`${v}-01`) : undefined })}
          normalize={(d?: dayjs.Dayjs | null) => d?.format('YYYY-MM')}
        >
          <DatePicker picker="month" placeholder={t('recycling.in.month')} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item
          name="from"
          getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
          normalize={(d?: dayjs.Dayjs | null) => d?.format('YYYY-MM-DD')}
        >
          <DatePicker placeholder={t('recycling.in.from')} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item
          name="to"
          getValueProps={(v?: string) => ({ value: v ? dayjs(v) : undefined })}
          normalize={(d?: dayjs.Dayjs | null) => d?.format('YYYY-MM-DD')}
        >
          <DatePicker placeholder={t('recycling.in.to')} style={{ width: 130 }} />
        </Form.Item>
      </FilterBar>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : isPhone ? (
        <List<IntakeView>
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('recycling.in.empty')} /> }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page) => update({ page }),
            size: 'small',
            align: 'center',
          }}
          renderItem={(r) => (
            <List.Item
              key={r.id}
              data-testid={`intake-${r.id}`}
              actions={columns.filter((c) => c.key === 'actions').map((c) => c.render?.(null, r, 0) as ReactNode)}
            >
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <span>{r.takenInOn}</span>
                    {columns.find((c) => c.key === 'material')?.render?.(null, r, 0) as ReactNode}
                    <span>{quantity(r)}</span>
                    <strong>{yuan(r.priceFen)}</strong>
                  </Space>
                }
                description={
                  <>
                    <div>{`${r.siteName}（${r.townName}）`}</div>
                    {overview && <div>{r.recyclerName}</div>}
                    {columns.find((c) => c.key === 'seller')?.render?.(null, r, 0) as ReactNode}
                    {columns.find((c) => c.key === 'status')?.render?.(null, r, 0) as ReactNode}
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Table<IntakeView>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('recycling.in.empty')} /> }}
          onChange={onTableChange}
          pagination={{ ...pagination(list.data?.total ?? 0), size: 'small' }}
        />
      )}
      {voiding && <VoidModal record={voiding} onClose={() => setVoiding(null)} />}
    </div>
  );
}

function VoidModal({ record, onClose }: { record: IntakeView; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, error, submit } = useFormSubmit<{ reason: string }>(form, async (v) => {
    await voidIntake(record.id, v.reason);
    await qc.invalidateQueries({ queryKey: intakeKeys.all });
    onClose();
  });
  return (
    <Modal open onCancel={onClose} footer={null} title={t('recycling.in.voidTitle', { id: record.id })}>
      <Alert type="warning" showIcon message={t('recycling.in.voidHelp')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="reason" label={t('recycling.in.reason')} rules={[{ required: true, min: 2, message: t('recycling.in.reason') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="void-reason" />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={saving} data-testid="void-submit">
          {t('recycling.in.ok')}
        </Button>
      </Form>
    </Modal>
  );
}
