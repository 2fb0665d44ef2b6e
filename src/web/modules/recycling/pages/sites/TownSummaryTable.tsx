import { Table, type TableColumnsType } from 'antd';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import type { MessageKey } from '../../../../i18n/messages';
import { useSiteSummary, type TownSummary } from './api';
import { RECYCLING_SITE_KINDS, RECYCLING_SITE_STATUSES } from './shared';

type Row = TownSummary[number];

/** Town by town: sites by kind (and, for officials, by status); the public sees operating sites only. */
export function TownSummaryTable({ pub }: { pub: boolean }) {
  const t = useT();
  const q = useSiteSummary(pub);
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const rows = q.data ?? [];
  const columns: TableColumnsType<Row> = [
    { key: 'town', title: t('recycling.sites.field.town'), dataIndex: 'townName', fixed: 'left' },
    ...RECYCLING_SITE_KINDS.map((k) => ({
      key: k,
      title: t(`recycling.sites.kind.${k}` as MessageKey),
      align: 'right' as const,
      render: (_: unknown, r: Row) => r.byKind[k] ?? 0,
    })),
    ...(pub
      ? []
      : RECYCLING_SITE_STATUSES.map((s) => ({
          key: `status-${s}`,
          title: t(`recycling.sites.status.${s}` as MessageKey),
          align: 'right' as const,
          render: (_: unknown, r: Row) => r.byStatus[s] ?? 0,
        }))),
    { key: 'total', title: t('recycling.sites.total'), dataIndex: 'total', align: 'right' },
  ];
  return (
    <Table<Row>
      rowKey="townId"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={q.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t(pub ? 'recycling.public.none' : 'recycling.sites.none') }}
      data-testid={pub ? 'public-site-summary' : 'site-summary'}
    />
  );
}
