import type { HTMLAttributes } from 'react';
import { Button, Card, Empty, Form, Input, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../../../../auth/AuthProvider';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useLocale, useT } from '../../../../i18n/I18nProvider';
import { KIND_PAGES, useKinds, type KindSummary } from './api';
import { TownAccessTag } from './parts';
import './kinds.css';

/**
 * The ledgers (台账目录): every kind the caller may read, with how many assets are in service, old and renewed this
 * year, and the way to its assets, overview and definition. The office and departments may start a new kind (the
 * server refuses a department without the ledgers grant, and says so).
 */
export default function KindsPage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const navigate = useNavigate();
  const list = useListParams([] as const, { pageSize: 20 });
  const data = useKinds({ page: list.state.page, pageSize: list.state.pageSize, q: list.state.q });
  const mayCreate = user.role === 'office' || user.role === 'department';
  const nameOf = (k: KindSummary) => (locale === 'en' ? k.name.en : k.name.zh);
  const columns: TableColumnsType<KindSummary> = [
    {
      key: 'name',
      title: t('ledgers.kinds.name'),
      render: (_, k) => (
        <Space size={4} wrap className="hx-ledger-kind-name">
          <Link to={KIND_PAGES.assets(k.id)} data-testid={`ledger-kind-open-${k.code}`}>
            {nameOf(k)}
          </Link>
          {k.shipped ? <Tag>{t('ledgers.kinds.shipped')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'code', title: t('ledgers.kinds.code'), responsive: ['md'], render: (_, k) => <Typography.Text code>{k.code}</Typography.Text> },
    { key: 'keeper', title: t('ledgers.kinds.keeper'), responsive: ['md'], render: (_, k) => <span className="hx-ledger-nowrap">{k.keeper.name}</span> },
    { key: 'townAccess', title: t('ledgers.kinds.townAccess'), responsive: ['md'], render: (_, k) => <TownAccessTag access={k.townAccess} /> },
    {
      key: 'planRefs',
      responsive: ['lg'],
      title: t('ledgers.kinds.planRefs'),
      render: (_, k) =>
        k.planRefs.length ? (
          <Space size={[2, 2]} wrap className="hx-ledger-refs">
            {k.planRefs.slice(0, 2).map((r) => (
              <Tag key={r} color="blue">
                {r}
              </Tag>
            ))}
            {k.planRefs.length > 2 ? (
              <Tooltip title={k.planRefs.slice(2).join('、')}>
                <Tag>+{k.planRefs.length - 2}</Tag>
              </Tooltip>
            ) : null}
          </Space>
        ) : (
          '—'
        ),
    },
    { key: 'assets', title: t('ledgers.kinds.inService'), align: 'right', render: (_, k) => k.assets.toLocaleString() },
    { key: 'old', title: t('ledgers.kinds.old'), align: 'right', render: (_, k) => k.old.toLocaleString() },
    { key: 'renewed', title: t('ledgers.kinds.renewedThisYear'), align: 'right', render: (_, k) => k.renewedThisYear.toLocaleString() },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, k) => (
        <Space size={0} className="hx-ledger-actions">
          <Button type="link" size="small" onClick={() => void navigate(KIND_PAGES.assets(k.id))} data-testid={`ledger-kind-assets-${k.code}`}>
            {t('ledgers.kinds.assets')}
          </Button>
          <Button type="link" size="small" onClick={() => void navigate(KIND_PAGES.overview(k.id))} data-testid={`ledger-kind-overview-${k.code}`}>
            {t('ledgers.kinds.overview')}
          </Button>
          <Button type="link" size="small" onClick={() => void navigate(KIND_PAGES.definition(k.id))} data-testid={`ledger-kind-definition-${k.code}`}>
            {t(k.canDefine ? 'ledgers.kinds.editDefinition' : 'ledgers.kinds.viewDefinition')}
          </Button>
        </Space>
      ),
    },
  ];
  const items = data.data?.items ?? [];
  return (
    <div data-testid="page-ledger-kinds">
      <PageHeader
        title={t('ledgers.nav.kinds')}
        subtitle={t('ledgers.kinds.subtitle')}
        extra={
          mayCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(KIND_PAGES.create)} data-testid="ledger-kind-new">
              {t('ledgers.kinds.new')}
            </Button>
          ) : null
        }
      />
      <Card className="hx-block">
        <FilterBar values={{ q: list.state.q }} onSearch={(v) => list.update({ q: v.q?.trim() || undefined })} testId="ledger-kinds-filters">
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('ledgers.kinds.search')} data-testid="ledger-kinds-q" />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<KindSummary>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            onRow={(k) => ({ 'data-testid': `ledger-kind-${k.code}` }) as HTMLAttributes<HTMLElement>}
            locale={{
              emptyText: list.state.q ? (
                t('ledgers.kinds.noneMatch')
              ) : (
                <Empty description={t('ledgers.kinds.none')} data-testid="ledger-kinds-empty">
                  {mayCreate ? (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate(KIND_PAGES.create)}>
                      {t('ledgers.kinds.new')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
            data-testid="ledger-kinds-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </div>
  );
}
