import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Table, Tabs, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useUser } from '../../../../auth/AuthProvider';
import { DateField } from '../../../../components/DateField';
import { ExportButton } from '../../../../components/ExportButton';
import { FilterBar } from '../../../../components/FilterBar';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useT } from '../../../../i18n/I18nProvider';
import { ASSEMBLY_DESTINATIONS, SCRAPPED_VEHICLE_STATUSES } from '../../../../../shared/enums/recyclingVehicles';
import { QUALIFICATIONS_PATH, useMyQualification, useQualifications, useVehicles, useVehicleSummary, type VehicleView } from './api';
import { useCode, VehicleStatusTag } from './parts';
import { RecordVehicleDrawer } from './RecordVehicleDrawer';
import { VehicleDrawer } from './VehicleDrawer';
import { DemoTag } from '../../../../components/DemoTag';

const FILTERS = ['status', 'dismantlerId', 'from', 'to'] as const;
const SUPERVISORS = ['office', 'department', 'auditor'];

/**
 * The scrapped-vehicle register. A dismantler (recycler) records the vehicles it takes in — only with a valid
 * qualification, which the page says — and carries each through its steps; 市商务局, the office and auditors see
 * every dismantler's, filter, export the register and read the overview.
 */
export default function VehiclesPage() {
  const t = useT();
  const user = useUser();
  const code = useCode();
  const recycler = user.role === 'recycler';
  const supervisor = SUPERVISORS.includes(user.role);
  const list = useListParams(FILTERS, { sort: 'receivedOn', order: 'desc' });
  const data = useVehicles(list.query);
  const mine = useMyQualification(recycler);
  const dismantlers = useQualifications({ pageSize: 200 }, supervisor);
  const [recording, setRecording] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const f = list.state.filters;
  const q = mine.data;

  const columns: TableColumnsType<VehicleView> = [
    {
      key: 'plate',
      title: t('recycling.veh.field.plate'),
      sorter: true,
      sortOrder: list.sortOrderOf('plate'),
      render: (_, v) => (
        <Space size={4} wrap>
          <a onClick={() => setOpenId(v.id)} data-testid={`vehicle-open-${v.id}`}>
            {v.plate}
          </a>
          <DemoTag show={v.isDemo} />
        </Space>
      ),
    },
    { key: 'vin', title: t('recycling.veh.field.vin'), dataIndex: 'vin', sorter: true, sortOrder: list.sortOrderOf('vin') },
    { key: 'owner', title: t('recycling.veh.field.owner'), render: (_, v) => v.owner.name },
    ...(supervisor ? [{ key: 'dismantler', title: t('recycling.veh.field.dismantler'), dataIndex: 'dismantlerName' }] : []),
    { key: 'status', title: t('recycling.veh.field.status'), render: (_, v) => <VehicleStatusTag status={v.status} /> },
    { key: 'receivedOn', title: t('recycling.veh.field.receivedOn'), dataIndex: 'receivedOn', sorter: true, sortOrder: list.sortOrderOf('receivedOn') },
    { key: 'certificate', title: t('recycling.veh.field.certificate'), render: (_, v) => v.certificateNumber ?? '—' },
    {
      key: 'deregisteredOn',
      title: t('recycling.veh.field.deregisteredOn'),
      sorter: true,
      sortOrder: list.sortOrderOf('deregisteredOn'),
      render: (_, v) => v.deregisteredOn ?? '—',
    },
  ];

  const register = (
    <>
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, status: f.status, dismantlerId: f.dismantlerId ? Number(f.dismantlerId) : undefined, from: f.from, to: f.to }}
          onSearch={(v) =>
            list.update({
              q: v.q?.trim() || undefined,
              filters: { status: v.status, dismantlerId: v.dismantlerId ? String(v.dismantlerId) : undefined, from: v.from, to: v.to },
            })
          }
          testId="vehicle-filters"
        >
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('recycling.veh.search')} data-testid="vehicle-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('recycling.veh.field.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 140 }}
              options={SCRAPPED_VEHICLE_STATUSES.map((s) => ({ value: s, label: code('status', s) }))}
              data-testid="vehicle-filter-status"
            />
          </Form.Item>
          {supervisor ? (
            <Form.Item name="dismantlerId" label={t('recycling.veh.field.dismantler')}>
              <Select<number>
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('common.all')}
                style={{ minWidth: 200 }}
                options={[...new Map((dismantlers.data?.items ?? []).map((d) => [d.organizationId, d.organizationName])).entries()].map(([value, label]) => ({
                  value,
                  label,
                }))}
              />
            </Form.Item>
          ) : null}
          <DateField name="from" label={t('recycling.veh.field.from')} />
          <DateField name="to" label={t('recycling.veh.field.to')} />
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<VehicleView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t(list.state.q || Object.values(f).some(Boolean) ? 'recycling.veh.noneMatch' : 'recycling.veh.none') }}
            data-testid="vehicle-table"
            pagination={list.pagination(data.data?.total ?? 0)}
          />
        )}
      </Card>
    </>
  );

  return (
    <div data-testid="page-recycling-vehicles">
      <PageHeader
        title={t('recycling.nav.vehicles')}
        subtitle={t('recycling.veh.subtitle')}
        extra={
          <Space wrap>
            {supervisor ? <Link to={QUALIFICATIONS_PATH}>{t('recycling.nav.qualifications')}</Link> : null}
            <ExportButton
              path="/api/recycling/vehicles/export.xlsx"
              query={{ ...f, q: list.state.q, sort: list.state.sort, order: list.state.order }}
              fallbackName="scrapped-vehicles.xlsx"
              testId="vehicle-export"
            />
            {recycler ? (
              <Button type="primary" icon={<PlusOutlined />} disabled={!q?.qualified} onClick={() => setRecording(true)} data-testid="vehicle-new">
                {t('recycling.veh.record')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {recycler && q ? (
        q.qualified && q.qualification ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="vehicle-qualification"
            message={t('recycling.veh.qualified', { number: q.qualification.number, issuedBy: q.qualification.issuedBy, validTo: q.qualification.validTo })}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="vehicle-qualification"
            message={t(`recycling.veh.notQualified.${q.reason ?? 'none'}`, { number: q.qualification?.number ?? '', validTo: q.qualification?.validTo ?? '' })}
          />
        )
      ) : null}
      {supervisor ? (
        <Tabs
          items={[
            { key: 'register', label: t('recycling.veh.tab.register'), children: register },
            {
              key: 'overview',
              label: <span data-testid="vehicle-tab-overview">{t('recycling.veh.tab.overview')}</span>,
              children: <Overview from={f.from} to={f.to} />,
            },
          ]}
        />
      ) : (
        register
      )}
      <RecordVehicleDrawer
        open={recording}
        onClose={() => setRecording(false)}
        onRecorded={(v) => {
          setRecording(false);
          setOpenId(v.id);
        }}
      />
      <VehicleDrawer id={openId} onClose={() => setOpenId(null)} />
    </div>
  );
}

/** 市商务局's overview: vehicles by step, by dismantler, and where the assemblies went (the register's date filter applies). */
function Overview({ from, to }: { from: string | undefined; to: string | undefined }) {
  const t = useT();
  const code = useCode();
  const s = useVehicleSummary({ from, to }, true);
  if (s.isError) return <LoadError error={s.error} onRetry={() => void s.refetch()} />;
  const d = s.data;
  return (
    <div data-testid="vehicle-overview">
      <Card className="hx-block" title={t('recycling.veh.overview.byStatus')} loading={s.isPending}>
        <Row gutter={[16, 16]}>
          {SCRAPPED_VEHICLE_STATUSES.map((st) => (
            <Col key={st} xs={12} sm={8} md={4}>
              <Statistic title={code('status', st)} value={d?.byStatus[st] ?? 0} />
            </Col>
          ))}
          {ASSEMBLY_DESTINATIONS.map((dest) => (
            <Col key={dest} xs={12} sm={8} md={4}>
              <Statistic title={`${t('recycling.veh.overview.assemblies')} · ${code('destination', dest)}`} value={d?.assemblies[dest] ?? 0} />
            </Col>
          ))}
        </Row>
      </Card>
      <Card className="hx-block" title={t('recycling.veh.overview.byDismantler')}>
        <Table
          rowKey="organizationId"
          size="small"
          pagination={false}
          loading={s.isPending}
          dataSource={d?.byDismantler ?? []}
          columns={[
            { key: 'name', title: t('recycling.veh.field.dismantler'), dataIndex: 'name' },
            { key: 'received', title: t('recycling.veh.overview.received'), dataIndex: 'received', align: 'right' },
            { key: 'open', title: t('recycling.veh.overview.open'), dataIndex: 'open', align: 'right' },
            { key: 'deregistered', title: t('recycling.veh.overview.deregistered'), dataIndex: 'deregistered', align: 'right' },
          ]}
        />
      </Card>
    </div>
  );
}
