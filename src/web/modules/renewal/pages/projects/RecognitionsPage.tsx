import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { DateField } from '../../../../components/DateField';
import { FilterBar } from '../../../../components/FilterBar';
import { errorMessage, useFormSubmit } from '../../../../components/formErrors';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useListParams } from '../../../../components/useListParams';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { useUser } from '../../../../auth/AuthProvider';
import { useT } from '../../../../i18n/I18nProvider';
import { RECOGNITION_KINDS, RECOGNITION_LEVELS } from '../../../../../shared/enums/renewalProjects';
import { createRecognition, projectKeys, removeRecognition, useProjects, useRecognitions, useTowns, type RecognitionInput, type RecognitionView } from './api';
import { useCode } from './parts';
import { DemoTag } from '../../../../components/DemoTag';
import { todayInShanghai } from '../../../../components/format';

const FILTERS = ['kind', 'level', 'townId', 'year'] as const;

/**
 * 智能制造示范工厂和优秀场景 (A1-T2-02): the recognitions of projects and enterprises, by level and date. 市工信局 records
 * and withdraws them; towns, enterprises and the supervisors read the roll.
 */
export default function RecognitionsPage() {
  const t = useT();
  const code = useCode();
  const user = useUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const towns = useTowns();
  const list = useListParams(FILTERS, { sort: 'recognizedOn', order: 'desc' });
  const data = useRecognitions(list.query);
  const [adding, setAdding] = useState(false);
  const f = list.state.filters;
  const manager = user.role === 'office' || user.role === 'department';
  const columns: TableColumnsType<RecognitionView> = [
    {
      key: 'title',
      title: t('renewal.rec.field.title'),
      render: (_, r) => (
        <Space size={4} wrap>
          {r.title}
          <DemoTag show={r.isDemo} />
        </Space>
      ),
    },
    { key: 'kind', title: t('renewal.rec.field.kind'), render: (_, r) => code('recKind', r.kind) },
    {
      key: 'level',
      title: t('renewal.rec.field.level'),
      sorter: true,
      sortOrder: list.sortOrderOf('level'),
      render: (_, r) => <Tag color="blue">{code('level', r.level)}</Tag>,
    },
    { key: 'recognizedOn', title: t('renewal.rec.field.date'), dataIndex: 'recognizedOn', sorter: true, sortOrder: list.sortOrderOf('recognizedOn') },
    { key: 'org', title: t('renewal.proj.field.enterprise'), dataIndex: 'organizationName' },
    { key: 'project', title: t('renewal.proj.project'), render: (_, r) => (r.projectCode ? `${r.projectCode} ${r.projectName}` : '—') },
    { key: 'town', title: t('renewal.proj.field.town'), dataIndex: 'townName' },
    ...(manager
      ? [
          {
            key: 'remove',
            title: '',
            render: (_: unknown, r: RecognitionView) => (
              <Popconfirm
                title={t('renewal.rec.removeConfirm')}
                onConfirm={async () => {
                  try {
                    await removeRecognition(r.id);
                    await qc.invalidateQueries({ queryKey: projectKeys.all });
                  } catch (e) {
                    void message.error(errorMessage(e));
                  }
                }}
              >
                <Button type="link" danger size="small">
                  {t('renewal.rec.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <div data-testid="page-renewal-recognitions">
      <PageHeader
        title={t('renewal.nav.recognitions')}
        subtitle={t('renewal.rec.subtitle')}
        extra={
          manager ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="recognition-new">
              {t('renewal.rec.new')}
            </Button>
          ) : null
        }
      />
      <Card className="hx-block">
        <FilterBar
          values={{ kind: f.kind, level: f.level, townId: f.townId ? Number(f.townId) : undefined, year: f.year ? Number(f.year) : undefined }}
          onSearch={(v) =>
            list.update({
              filters: { kind: v.kind, level: v.level, townId: v.townId ? String(v.townId) : undefined, year: v.year ? String(v.year) : undefined },
            })
          }
          testId="recognition-filters"
        >
          <Form.Item name="kind" label={t('renewal.rec.field.kind')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 150 }}
              options={RECOGNITION_KINDS.map((k) => ({ value: k, label: code('recKind', k) }))}
            />
          </Form.Item>
          <Form.Item name="level" label={t('renewal.rec.field.level')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 120 }}
              options={RECOGNITION_LEVELS.map((k) => ({ value: k, label: code('level', k) }))}
            />
          </Form.Item>
          <Form.Item name="townId" label={t('renewal.proj.field.town')}>
            <Select<number>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              style={{ minWidth: 140 }}
              options={(towns.data ?? []).map((tw) => ({ value: tw.id, label: tw.name }))}
            />
          </Form.Item>
          <Form.Item name="year" label={t('renewal.proj.field.year')}>
            <Select<number>
              allowClear
              placeholder={t('common.all')}
              style={{ minWidth: 90 }}
              options={[0, 1, 2, 3].map((d) => Number(todayInShanghai().slice(0, 4)) - d).map((y) => ({ value: y, label: String(y) }))}
            />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {data.isError ? (
          <LoadError error={data.error} onRetry={() => void data.refetch()} />
        ) : (
          <Table<RecognitionView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data.data?.items ?? []}
            loading={data.isFetching}
            onChange={list.onTableChange}
            scroll={{ x: 'max-content' }}
            data-testid="recognition-table"
            locale={{ emptyText: t('renewal.rec.none') }}
            pagination={{
              current: list.state.page,
              pageSize: list.state.pageSize,
              total: data.data?.total ?? 0,
              showTotal: (total) => t('common.total', { total }),
            }}
          />
        )}
      </Card>
      <RecognitionDrawer open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

interface Values extends Omit<RecognitionInput, 'projectId'> {
  holder: 'project' | 'enterprise';
  projectId?: number;
}

function RecognitionDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const code = useCode();
  const isPhone = useIsPhone();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const holder = Form.useWatch('holder', form);
  // Projects in the library or further: a draft is no factory yet.
  const projects = useProjects('all', { pageSize: 200, sort: 'name', order: 'asc' });
  const { saving, error, submit } = useFormSubmit<Values>(form, async ({ holder: h, projectId, organizationId, ...v }) => {
    await createRecognition({ ...v, ...(h === 'project' ? { projectId: projectId ?? null } : { organizationId: organizationId ?? 0 }) });
    await qc.invalidateQueries({ queryKey: projectKeys.all });
    form.resetFields();
    onClose();
  });
  const required = [{ required: true, message: t('renewal.proj.required') }];
  const enterprises = [...new Map((projects.data?.items ?? []).map((p) => [p.organizationId, p.organizationName])).entries()];
  return (
    <Drawer open={open} onClose={onClose} title={t('renewal.rec.new')} size={isPhone ? '100%' : 560} destroyOnHidden>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ holder: 'project', kind: 'demonstration_factory', level: 'jinjiang' }}
        onFinish={(v) => void submit(v)}
        data-testid="recognition-form"
      >
        <Form.Item name="kind" label={t('renewal.rec.field.kind')} rules={required}>
          <Radio.Group options={RECOGNITION_KINDS.map((k) => ({ value: k, label: code('recKind', k) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('renewal.rec.field.level')} rules={required}>
          <Select options={RECOGNITION_LEVELS.map((k) => ({ value: k, label: code('level', k) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('renewal.rec.field.title')} rules={required}>
          <Input maxLength={200} data-testid="recognition-title" />
        </Form.Item>
        <DateField name="recognizedOn" label={t('renewal.rec.field.date')} />
        <Form.Item name="holder" label={t('renewal.rec.field.holder')}>
          <Radio.Group
            options={[
              { value: 'project', label: t('renewal.proj.project') },
              { value: 'enterprise', label: t('renewal.proj.field.enterprise') },
            ]}
          />
        </Form.Item>
        {holder === 'enterprise' ? (
          <Form.Item name="organizationId" label={t('renewal.proj.field.enterprise')} rules={required}>
            <Select<number> showSearch={{ optionFilterProp: 'label' }} options={enterprises.map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        ) : (
          <Form.Item name="projectId" label={t('renewal.proj.project')} rules={required}>
            <Select<number>
              showSearch={{ optionFilterProp: 'label' }}
              loading={projects.isLoading}
              options={(projects.data?.items ?? [])
                .filter((p) => ['in_library', 'under_construction', 'completed'].includes(p.status))
                .map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
              data-testid="recognition-project"
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('renewal.rec.field.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="recognition-save">
            {t('common.save')}
          </Button>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </Drawer>
  );
}
