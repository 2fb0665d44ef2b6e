import { useState } from 'react';
import { Button, Card, Input, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useUser } from '../../../../auth/AuthProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { useFundingProjects, type FundingProjectView } from './api';
import { ApplyDrawer } from './ApplyDrawer';
import { money, useSectorLabel } from './parts';
import { DemoTag } from '../../../../components/DemoTag';

/**
 * The projects whose funding the caller keeps: an enterprise its own (applying for the ones in the library),
 * officials every one — each with what it asked for, was granted and was paid; a project opens its applications.
 */
export default function FundingProjectsPage() {
  const t = useT();
  const user = useUser();
  const sector = useSectorLabel();
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [applying, setApplying] = useState<FundingProjectView | null>(null);
  const data = useFundingProjects({ ...page, q });
  const enterprise = user.role === 'enterprise';
  const columns: TableColumnsType<FundingProjectView> = [
    {
      key: 'name',
      title: t('renewal.funding.field.project'),
      render: (_, p) => (
        <Space size={4} wrap>
          <Link to={`/renewal/funding/applications?projectId=${p.id}`} data-testid={`funding-project-${p.id}`}>
            {p.name}
          </Link>
          <DemoTag show={p.isDemo} />
        </Space>
      ),
    },
    { key: 'code', title: t('renewal.funding.field.projectCode'), dataIndex: 'code' },
    ...(enterprise ? [] : [{ key: 'org', title: t('renewal.funding.field.enterprise'), dataIndex: 'organizationName' }]),
    { key: 'town', title: t('renewal.funding.field.town'), dataIndex: 'townName' },
    { key: 'sector', title: t('renewal.funding.field.sector'), render: (_, p) => sector(p.sector) },
    { key: 'status', title: t('renewal.funding.field.projectStatus'), render: (_, p) => t(`renewal.funding.projectStatus.${p.status}`) },
    { key: 'n', title: t('renewal.funding.field.count'), dataIndex: 'applications', align: 'right' },
    { key: 'requested', title: t('renewal.funding.field.requestedYuan'), align: 'right', render: (_, p) => money(p.requestedFen) },
    { key: 'granted', title: t('renewal.funding.field.grantedYuan'), align: 'right', render: (_, p) => money(p.grantedFen) },
    { key: 'paid', title: t('renewal.funding.field.paidYuan'), align: 'right', render: (_, p) => money(p.paidFen) },
    ...(enterprise
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            render: (_: unknown, p: FundingProjectView) => (
              <Button
                size="small"
                icon={<PlusOutlined />}
                disabled={!p.mayApply}
                title={p.mayApply ? undefined : t('renewal.funding.notInLibrary')}
                onClick={() => setApplying(p)}
                data-testid={`funding-apply-${p.id}`}
              >
                {t('renewal.funding.apply')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="page-renewal-funding">
      <PageHeader
        title={t('renewal.funding.nav.projects')}
        subtitle={t(enterprise ? 'renewal.funding.projects.subtitleMine' : 'renewal.funding.projects.subtitle')}
      />
      <Card className="hx-block">
        <Input.Search
          allowClear
          placeholder={t('renewal.funding.searchProjects')}
          onSearch={(v) => {
            setQ(v.trim() || undefined);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          style={{ maxWidth: 360 }}
          data-testid="funding-project-search"
        />
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<FundingProjectView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('renewal.funding.noProjects') }}
            data-testid="funding-project-table"
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: data.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, s) => setPage({ page: p, pageSize: s }),
            }}
          />
        )}
      </Card>
      <ApplyDrawer project={applying} onClose={() => setApplying(null)} />
    </div>
  );
}
