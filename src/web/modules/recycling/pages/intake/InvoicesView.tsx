import { useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { ExportButton } from '../../../../components/ExportButton';
import { LoadError } from '../../../../components/ResultPages';
import { shanghaiNow } from '../../../../components/format';
import { useT } from '../../../../i18n/I18nProvider';
import { fenToYuan, yuan } from '../../../../../shared/money';
import type { RecyclingMessageKey } from '../../index';
import { EXPORT_ENDPOINT, percent, useIntakeOptions, useInvoices, type InvoiceView } from './api';

const PAGE_SIZE = 20;

/** A month's reverse invoices with its totals and the Excel for filing: a recycler's own, or any recycler's for officials. */
export function InvoicesView({ overview = false }: { overview?: boolean }) {
  const t = useT();
  const [month, setMonth] = useState(() => shanghaiNow().format('YYYY-MM'));
  const [recyclerId, setRecyclerId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const options = useIntakeOptions();
  const list = useInvoices({ month, recyclerId, page, pageSize: PAGE_SIZE });
  const totals = list.data?.totals;
  const columns: ColumnsType<InvoiceView> = [
    { title: t('recycling.ri.date'), dataIndex: 'issuedOn', width: 110 },
    ...(overview ? [{ title: t('recycling.in.recycler'), dataIndex: 'recyclerName', width: 180 }] : []),
    { title: t('recycling.ri.seller'), dataIndex: 'sellerName', width: 130 },
    { title: t('recycling.ri.idMask'), dataIndex: 'sellerIdMask', width: 180 },
    { title: t('recycling.ri.priceTotal'), dataIndex: 'priceFen', align: 'right', width: 110, render: (v: number) => yuan(v) },
    { title: t('recycling.ri.amount'), dataIndex: 'amountFen', align: 'right', width: 110, render: (v: number) => yuan(v) },
    { title: t('recycling.ri.vat'), dataIndex: 'vatFen', align: 'right', width: 90, render: (v: number) => yuan(v) },
    { title: t('recycling.ri.tax'), dataIndex: 'incomeTaxFen', align: 'right', width: 90, render: (v: number) => yuan(v) },
    { title: t('recycling.ri.net'), dataIndex: 'netPaidFen', align: 'right', width: 110, render: (v: number) => yuan(v) },
    { title: t('recycling.ri.rates'), key: 'rates', width: 110, render: (_, r) => `${percent(r.vatRateBp)} / ${percent(r.incomeTaxRateBp)}` },
    { title: t('recycling.ri.yearTotal'), dataIndex: 'yearTotalFen', align: 'right', width: 120, render: (v: number) => yuan(v) },
    {
      title: t('recycling.in.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: InvoiceView['status']) => <Tag color={s === 'void' ? 'default' : 'blue'}>{t(`recycling.ri.status.${s}` as RecyclingMessageKey)}</Tag>,
    },
  ];
  const canExport = !overview || recyclerId !== undefined;
  return (
    <div data-testid="invoices">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          disabledDate={(d) => d.isAfter(shanghaiNow(), 'month')}
          onChange={(d) => {
            if (d) setMonth(d.format('YYYY-MM'));
            setPage(1);
          }}
          aria-label={t('recycling.ri.month')}
          data-testid="invoice-month"
        />
        {overview && (
          <Select
            allowClear
            placeholder={t('recycling.in.allRecyclers')}
            style={{ width: 220 }}
            value={recyclerId}
            onChange={(v?: number) => {
              setRecyclerId(v);
              setPage(1);
            }}
            options={(options.data?.recyclers ?? []).map((r) => ({ value: r.id, label: r.name }))}
            data-testid="invoice-recycler"
          />
        )}
        {canExport ? (
          <ExportButton path={EXPORT_ENDPOINT} query={{ month, recyclerId }} fallbackName={`reverse-invoices-${month}.xlsx`} testId="invoice-export" />
        ) : (
          <Typography.Text type="secondary">{t('recycling.ri.chooseRecycler')}</Typography.Text>
        )}
      </Space>
      {list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="invoice-totals">
            {(
              [
                ['recycling.ri.count', totals ? String(totals.count) : '—'],
                ['recycling.ri.priceTotal', fenToYuan(totals?.priceFen)],
                ['recycling.ri.amount', fenToYuan(totals?.amountFen)],
                ['recycling.ri.vat', fenToYuan(totals?.vatFen)],
                ['recycling.ri.tax', fenToYuan(totals?.incomeTaxFen)],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} sm={8} md={4}>
                <Card size="small">
                  <Statistic title={t(k)} value={v} loading={list.isLoading} />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">{t('recycling.ri.totalsNote')}</Typography.Text>
          <Table<InvoiceView>
            rowKey="id"
            size="small"
            loading={list.isLoading}
            columns={columns}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1100 }}
            locale={{ emptyText: <Empty description={t('recycling.ri.empty')} /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, size: 'small', showSizeChanger: false }}
          />
        </>
      )}
    </div>
  );
}
