import { Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { fenToWanText, PROJECT_SECTORS, PROJECT_STATUSES, PROJECT_TYPES, type ProjectStatus } from '../../../../../shared/enums/renewalProjects';
import type { RenewalMessageKey } from '../../index';
import { EXPORT_PATH, useProjects, useTowns, type ProjectScope, type ProjectView } from './api';
import { DemoTag } from '../../../../components/DemoTag';
import { todayInShanghai } from '../../../../components/format';

const COLOR: Record<ProjectStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  town_checked: 'orange',
  in_library: 'blue',
  under_construction: 'cyan',
  completed: 'green',
  returned: 'red',
};

/** The translation of a code under a prefix (`renewal.proj.status.` + `draft`). */
export function useCode() {
  const t = useT();
  return (prefix: string, code: string) => t(`renewal.proj.${prefix}.${code}` as RenewalMessageKey);
}

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const code = useCode();
  return (
    <Tag color={COLOR[status]} data-testid={`project-status-${status}`}>
      {code('status', status)}
    </Tag>
  );
}

/** Fen shown in 万元, the unit projects are counted in. */
export const wan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : `${fenToWanText(fen)} 万元`);

const PROJECT_FILTERS = ['status', 'sector', 'type', 'townId', 'year'] as const;

/**
 * The filters, table and paging every project list shares, kept in the address bar; `fixed` filters are set by
 * the page (a queue), and `exportable` puts the export of the list as filtered above it.
 */
export function ProjectTable({
  scope,
  onOpen,
  fixed = {},
  showTown = true,
  exportable = false,
  testId = 'project-table',
}: {
  scope: ProjectScope;
  onOpen: (id: number) => void;
  fixed?: Record<string, string>;
  showTown?: boolean;
  exportable?: boolean;
  testId?: string;
}) {
  const t = useT();
  const list = useListParams(PROJECT_FILTERS, { sort: 'createdAt', order: 'desc' });
  const code = useCode();
  const towns = useTowns();
  const f = list.state.filters;
  const data = useProjects(scope, { ...list.query, ...fixed });
  const year = Number(todayInShanghai().slice(0, 4));
  const columns: TableColumnsType<ProjectView> = [
    {
      key: 'name',
      title: t('renewal.proj.field.name'),
      sorter: true,
      sortOrder: list.sortOrderOf('name'),
      render: (_, p) => (
        <Space size={4} wrap>
          <a onClick={() => onOpen(p.id)} data-testid={`project-open-${p.id}`}>
            {p.name}
          </a>
          <DemoTag show={p.isDemo} />
          {p.simplified ? <Tag color="geekblue">{t('renewal.proj.simplified')}</Tag> : null}
        </Space>
      ),
    },
    { key: 'code', title: t('renewal.proj.field.code'), dataIndex: 'code' },
    ...(scope !== 'mine' ? [{ key: 'org', title: t('renewal.proj.field.enterprise'), dataIndex: 'organizationName' }] : []),
    ...(showTown ? [{ key: 'town', title: t('renewal.proj.field.town'), dataIndex: 'townName' }] : []),
    { key: 'type', title: t('renewal.proj.field.type'), render: (_, p) => code('type', p.type) },
    { key: 'status', title: t('renewal.proj.field.status'), render: (_, p) => <ProjectStatusTag status={p.status} /> },
    {
      key: 'plannedInvestment',
      title: t('renewal.proj.field.planned'),
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrderOf('plannedInvestment'),
      render: (_, p) => wan(p.plannedInvestmentFen),
    },
    {
      key: 'actualInvestment',
      title: t('renewal.proj.field.actual'),
      align: 'right',
      sorter: true,
      sortOrder: list.sortOrderOf('actualInvestment'),
      render: (_, p) => wan(p.actualInvestmentFen),
    },
    { key: 'year', title: t('renewal.proj.field.year'), dataIndex: 'year', sorter: true, sortOrder: list.sortOrderOf('year') },
  ];
  return (
    <>
      {exportable ? (
        <div className="hx-renewal-toolbar">
          <ExportButton
            path={EXPORT_PATH}
            query={{ ...f, q: list.state.q, sort: list.state.sort, order: list.state.order }}
            fallbackName="projects.xlsx"
            testId="project-export"
          />
        </div>
      ) : null}
      <Card className="hx-block">
        <FilterBar
          values={{
            q: list.state.q,
            status: f.status,
            sector: f.sector,
            type: f.type,
            townId: f.townId ? Number(f.townId) : undefined,
            year: f.year ? Number(f.year) : undefined,
          }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: {
                status: v.status,
                sector: v.sector,
                type: v.type,
                townId: v.townId ? String(v.townId) : undefined,
                year: v.year ? String(v.year) : undefined,
              },
            })
          }
          testId={`${testId}-filters`}
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('renewal.proj.search')} data-testid={`${testId}-q`} />
          </Form.Item>
          {fixed.status ? null : (
            <Form.Item name="status" label={t('renewal.proj.field.status')}>
              <Select
                allowClear
                placeholder={t('common.all')}
                style={{ minWidth: 130 }}
                options={PROJECT_STATUSES.map((s) => ({ value: s, label: code('status', s) }))}
              />
            </Form.Item>
          )}
          <Form.Item name="sector" label={t('renewal.proj.field.sector')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 110 }}
              options={PROJECT_SECTORS.map((s) => ({ value: s, label: code('sector', s) }))}
            />
          </Form.Item>
          <Form.Item name="type" label={t('renewal.proj.field.type')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 130 }}
              options={PROJECT_TYPES.map((s) => ({ value: s, label: code('type', s) }))}
            />
          </Form.Item>
          {showTown ? (
            <Form.Item name="townId" label={t('renewal.proj.field.town')}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                style={{ minWidth: 140 }}
                options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item name="year" label={t('renewal.proj.field.year')}>
            <Select<number>
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 90 }}
              options={[year + 1, year, year - 1, year - 2, year - 3].map((y) => ({ value: y, label: String(y) }))}
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<ProjectView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(list.state.q || Object.values(f).some(Boolean) ? 'renewal.proj.noneMatch' : 'renewal.proj.none') }}
            data-testid={testId}
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </>
  );
}
