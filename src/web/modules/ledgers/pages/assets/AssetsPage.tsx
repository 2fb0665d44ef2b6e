import { useMemo, useState } from 'react';
import { Button, Card, Empty, Pagination, Space, Table, Typography, type TableColumnsType } from 'antd';
import { BarChartOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import type { LedgerField } from '../../../../../shared/ledgers/definition';
import { exportPath, LEDGER_PAGES, useAssets, type AssetSummary, type KindView } from './api';
import { AssetFormDrawer } from './AssetForm';
import { formatValue, labelOf, useDisplayLookups, type DisplayLookups } from './fields';
import { filterFields, filterFormValues, filterKeys, filterStateOf, listQuery, useFilterItems } from './filters';
import { KindCrumbs, kindName, listedFields, OldTag, StatusTag, useRouteId, WithKind } from './parts';

/** Types a column can be sorted by on the server (a file or a position has no order worth having). */
const SORTABLE = new Set<LedgerField['type']>(['text', 'integer', 'decimal', 'money', 'date', 'dictionary', 'town', 'organization']);

/** One asset as a card: the phone's list (a keeper checking assets on site). */
function AssetCard({ a, fields, lookups, onOpen }: { a: AssetSummary; fields: LedgerField[]; lookups: DisplayLookups; onOpen: () => void }) {
  const { locale } = useLocale();
  return (
    <Card size="small" className="hx-ledger-card" onClick={onOpen} data-testid={`ledger-asset-row-${a.id}`} hoverable>
      <div className="hx-ledger-card-head">
        <Typography.Text strong>{a.title || `#${a.id}`}</Typography.Text>
        <Space size={4}>
          <StatusTag status={a.status} />
          <OldTag old={a.old} />
        </Space>
      </div>
      <dl className="hx-ledger-card-values">
        {fields.map((f) => (
          <div key={f.key}>
            <dt>{labelOf(f.label, locale)}</dt>
            <dd>{formatValue(f, a.values[f.key], locale, lookups)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function AssetsList({ kind }: { kind: KindView }) {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const def = kind.definition;
  const filters = useMemo(() => filterFields(def), [def]);
  const keys = useMemo(() => filterKeys(filters), [filters]);
  const list = useListParams(keys, { sort: 'createdAt', order: 'desc' });
  const shown = useMemo(() => listedFields(def, 6), [def]);
  const lookups = useDisplayLookups(useMemo(() => [...shown, ...filters], [shown, filters]));
  const items = useFilterItems(def, filters, lookups.dictionaries);
  const [adding, setAdding] = useState(false);
  const state = list.state.filters as Record<string, string | undefined>;
  const base = listQuery(filters, state, list.state.q);
  const data = useAssets(kind.id, { ...base, page: list.state.page, pageSize: list.state.pageSize, sort: list.state.sort, order: list.state.order });
  const rows = data.data?.items ?? [];
  const total = data.data?.total ?? 0;
  const filtered = Boolean(list.state.q) || Object.values(state).some(Boolean);
  const titleField = def.fields.find((f) => f.key === def.titleField);
  const open = (id: number) => void navigate(LEDGER_PAGES.asset(id));

  const columns: TableColumnsType<AssetSummary> = [
    {
      key: 'title',
      title: titleField ? labelOf(titleField.label, locale) : t('ledgers.assets.list.title'),
      sorter: true,
      sortOrder: list.sortOrderOf('title'),
      fixed: 'left',
      render: (_, a) => (
        <Link to={LEDGER_PAGES.asset(a.id)} data-testid={`ledger-asset-open-${a.id}`}>
          {a.title || `#${a.id}`}
        </Link>
      ),
    },
    ...shown.map((f) => ({
      key: f.key,
      title: labelOf(f.label, locale),
      sorter: SORTABLE.has(f.type),
      sortOrder: list.sortOrderOf(f.key),
      align: f.type === 'integer' || f.type === 'decimal' || f.type === 'money' ? ('right' as const) : undefined,
      render: (_: unknown, a: AssetSummary) => formatValue(f, a.values[f.key], locale, lookups),
    })),
    ...(def.townField ? [] : [{ key: 'town', title: t('ledgers.assets.list.town'), render: (_: unknown, a: AssetSummary) => a.townName ?? '—' }]),
    { key: 'status', title: t('ledgers.assets.list.status'), render: (_, a) => <StatusTag status={a.status} /> },
    ...(def.oldRule
      ? [
          {
            key: 'oldFrom',
            title: t('ledgers.assets.list.old'),
            sorter: true,
            sortOrder: list.sortOrderOf('oldFrom'),
            render: (_: unknown, a: AssetSummary) => <OldTag old={a.old} oldFrom={a.oldFrom} />,
          },
        ]
      : []),
  ];

  const name = kindName(def, locale);
  const empty = (
    <Empty
      description={filtered ? t('ledgers.assets.list.noneMatch') : t('ledgers.assets.list.none')}
      data-testid="ledger-assets-empty"
      image={Empty.PRESENTED_IMAGE_SIMPLE}
    >
      {!filtered && kind.canWrite ? (
        <Space wrap>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('ledgers.assets.list.add')}
          </Button>
          <Link to={LEDGER_PAGES.import(kind.id)}>
            <Button icon={<UploadOutlined />}>{t('ledgers.assets.list.import')}</Button>
          </Link>
        </Space>
      ) : null}
    </Empty>
  );

  return (
    <div data-testid="page-ledger-assets">
      <KindCrumbs kind={kind} />
      <PageHeader
        title={name}
        subtitle={
          <>
            {t('ledgers.assets.list.keeper', { keeper: kind.keeper.name })}
            {def.oldRule && kind.ruleText ? ` · ${t('ledgers.assets.list.rule', { rule: locale === 'en' ? kind.ruleText.en : kind.ruleText.zh })}` : ''}
          </>
        }
        extra={
          <Space wrap>
            {kind.canWrite ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="ledger-asset-add">
                {t('ledgers.assets.list.add')}
              </Button>
            ) : null}
            {kind.canWrite ? (
              <Link to={LEDGER_PAGES.import(kind.id)} data-testid="ledger-assets-import">
                <Button icon={<UploadOutlined />}>{t('ledgers.assets.list.import')}</Button>
              </Link>
            ) : null}
            <ExportButton
              path={exportPath(kind.id)}
              query={{ ...base, sort: list.state.sort, order: list.state.order }}
              fallbackName={`${kind.code}.xlsx`}
              testId="ledger-assets-export"
            />
            <Link to={LEDGER_PAGES.overview(kind.id)} data-testid="ledger-assets-overview">
              <Button icon={<BarChartOutlined />}>{t('ledgers.assets.list.overview')}</Button>
            </Link>
            {kind.canDefine ? (
              <Link to={LEDGER_PAGES.definition(kind.id)} data-testid="ledger-assets-definition">
                <Button icon={<EditOutlined />}>{t('ledgers.assets.list.definition')}</Button>
              </Link>
            ) : null}
          </Space>
        }
      />
      <Card className="hx-block">
        <FilterBar
          values={filterFormValues(filters, state, list.state.q)}
          onSearch={(v) => {
            const values = v as Record<string, unknown>;
            list.update({ q: typeof values.q === 'string' ? values.q.trim() : undefined, filters: filterStateOf(values, keys) });
          }}
          testId="ledger-assets-filters"
        >
          {items}
        </FilterBar>
      </Card>
      {data.isError ? (
        <LoadError error={data.error} onRetry={() => void data.refetch()} />
      ) : isPhone ? (
        <div data-testid="ledger-assets-table" className="hx-ledger-cards">
          {rows.length === 0 && !data.isFetching ? <Card>{empty}</Card> : null}
          {rows.map((a) => (
            <AssetCard key={a.id} a={a} fields={shown.slice(0, 4)} lookups={lookups} onOpen={() => open(a.id)} />
          ))}
          {total > 0 ? (
            <Pagination
              className="hx-ledger-pager"
              current={list.state.page}
              pageSize={list.state.pageSize}
              total={total}
              showSizeChanger={false}
              simple
              onChange={(page) => list.update({ page })}
            />
          ) : null}
        </div>
      ) : (
        <Card className="hx-block hx-table-card">
          <Table<AssetSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['ascend', 'descend', 'ascend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: empty }}
            onRow={(a) => ({ 'data-testid': `ledger-asset-row-${a.id}` }) as React.HTMLAttributes<HTMLElement>}
            data-testid="ledger-assets-table"
            pagination={list.pagination(total)}
          />
        </Card>
      )}
      <AssetFormDrawer kind={kind} asset={null} open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

/** A ledger's assets: filters made from its definition, server-side sorting and paging, export, and the way to add or import. */
export default function AssetsPage() {
  const id = useRouteId();
  return <WithKind id={id}>{(kind) => <AssetsList key={kind.id} kind={kind} />}</WithKind>;
}
