import { useState, type ReactNode } from 'react';
import { Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { ExportButton } from '../../../../components/ExportButton';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { yuan } from '../../../../../shared/money';
import { useTrades, type TradeView } from './api';
import { DemoTag } from '../../../../components/DemoTag';

/** Trades of one dealer (or of every dealer the reader sees), newest first, with the Excel export of the same. */
export function TradeTable({ dealerId, showDealer = false, extra }: { dealerId?: number; showDealer?: boolean; extra?: ReactNode }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = { ...(dealerId ? { dealerId } : {}), page, pageSize };
  const data = useTrades(query);
  const columns: TableColumnsType<TradeView> = [
    { key: 'tradedOn', title: t('recycling.trades.field.tradedOn'), dataIndex: 'tradedOn' },
    ...(showDealer ? [{ key: 'dealer', title: t('recycling.trades.field.dealer'), dataIndex: 'dealerName' }] : []),
    { key: 'kind', title: t('recycling.trades.field.kind'), render: (_, r) => t(`recycling.dealers.kind.${r.kind}` as MessageKey) },
    {
      key: 'description',
      title: t('recycling.trades.field.description'),
      render: (_, r) => (
        <Space size={4} wrap>
          <span>{r.description}</span>
          <DemoTag show={r.isDemo} />
        </Space>
      ),
    },
    { key: 'amount', title: t('recycling.trades.field.amount'), align: 'right', render: (_, r) => yuan(r.amountFen) },
    { key: 'vin', title: 'VIN', render: (_, r) => (r.vin ? <code>{r.vin}</code> : '—') },
    {
      key: 'regions',
      title: `${t('recycling.trades.field.from')} → ${t('recycling.trades.field.to')}`,
      render: (_, r) =>
        r.kind !== 'cars' ? (
          '—'
        ) : (
          <Space size={4} wrap>
            <span>
              {r.plateRegionFrom} → {r.export ? r.exportCountry : r.plateRegionTo}
            </span>
            {r.crossRegion ? <Tag color="purple">{t('recycling.trades.crossRegion')}</Tag> : null}
            {r.export ? <Tag color="geekblue">{t('recycling.trades.exported')}</Tag> : null}
          </Space>
        ),
    },
    { key: 'recordedBy', title: t('recycling.trades.field.recordedBy'), render: (_, r) => r.recordedByUnit ?? '—' },
  ];
  return (
    <Card
      className="hx-block hx-table-card"
      title={t('recycling.trades.title')}
      extra={
        <Space wrap>
          {extra}
          <ExportButton
            path="/api/recycling/dealer-trades/export.xlsx"
            query={dealerId ? { dealerId } : {}}
            fallbackName="dealer-trades.xlsx"
            testId="trade-excel"
          />
        </Space>
      }
    >
      {data.isError ? (
        <LoadError error={data.error} onRetry={() => void data.refetch()} />
      ) : (
        <Table<TradeView>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.data?.items ?? []}
          loading={data.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('recycling.trades.none') }}
          data-testid="trade-table"
          pagination={{
            current: page,
            pageSize,
            total: data.data?.total ?? 0,
            showSizeChanger: true,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
            showTotal: (total) => t('common.total', { total }),
          }}
        />
      )}
    </Card>
  );
}
