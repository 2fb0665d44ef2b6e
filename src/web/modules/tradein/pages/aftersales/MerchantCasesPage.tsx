import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { useT } from '../../../../i18n/I18nProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { FilterBar } from '../../../../components/FilterBar';
import { LoadError } from '../../../../components/ResultPages';
import { formatMinute } from '../../../../components/format';
import { useListParams } from '../../../../components/useListParams';
import { useIsPhone } from '../../../../components/useMediaQuery';
import { categoryName, usePrograms } from '../../api';
import { Money, tradeinError } from '../../components';
import { AFTER_SALES_KINDS, AFTER_SALES_STATUSES, AFTER_SALES_TOPICS, afterSalesKeys, useCase, type CaseView } from './api';
import { CaseStatusTag, CaseTimeline, OverdueTag } from './CaseParts';

const FILTERS = ['kind', 'status', 'topic', 'overdue'] as const;
type Step = 'respond' | 'resolve' | 'refuse';
const FIELD: Record<Step, 'note' | 'outcome' | 'reason'> = { respond: 'note', resolve: 'outcome', refuse: 'reason' };
const LABEL = {
  respond: 'tradein.afterSales.merchant.note',
  resolve: 'tradein.afterSales.merchant.outcome',
  refuse: 'tradein.afterSales.merchant.reason',
} as const;

/** A merchant's after-sales queue: filter, answer, resolve (a return reverses its subsidy) or refuse. */
export default function MerchantCasesPage() {
  const t = useT();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const programs = usePrograms();
  const list = useListParams(FILTERS, { sort: 'openedAt', order: 'desc' });
  const cases = useQuery({
    queryKey: afterSalesKeys.list(list.query),
    queryFn: ({ signal }) => api.get<Page<CaseView>>('/api/tradein/after-sales', list.query, signal),
    placeholderData: keepPreviousData,
  });
  const [openId, setOpenId] = useState<number | null>(null);
  const detail = useCase(openId);
  const [acting, setActing] = useState<{ c: CaseView; step: Step } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function act() {
    if (!acting) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/tradein/after-sales/${acting.c.id}/${acting.step}`, { [FIELD[acting.step]]: text.trim() });
      message.success(t('tradein.afterSales.merchant.done'));
      setActing(null);
      setText('');
      void qc.invalidateQueries({ queryKey: afterSalesKeys.all });
    } catch (e) {
      setError(tradeinError(t, e));
    } finally {
      setBusy(false);
    }
  }

  const buttons = (c: CaseView) => {
    const steps: Step[] = c.status === 'open' ? ['respond', 'resolve', 'refuse'] : c.status === 'responded' ? ['resolve', 'refuse'] : [];
    return (
      <Space wrap size={4}>
        {steps.map((s) => (
          <Button
            key={s}
            size="small"
            type={s === 'resolve' ? 'primary' : 'default'}
            danger={s === 'refuse'}
            data-testid={`after-sales-${s}-${c.id}`}
            onClick={() => {
              setError(null);
              setText('');
              setActing({ c, step: s });
            }}
          >
            {t(`tradein.afterSales.merchant.${s}`)}
          </Button>
        ))}
      </Space>
    );
  };

  const columns: TableColumnsType<CaseView> = [
    {
      key: 'id',
      title: t('tradein.afterSales.field.case'),
      render: (_, c) => (
        <Button type="link" className="hx-link-cell" onClick={() => setOpenId(c.id)} data-testid={`after-sales-open-${c.id}`}>
          #{c.id} {t(`tradein.afterSales.kind.${c.kind}`)}
        </Button>
      ),
    },
    { key: 'topic', title: t('tradein.afterSales.open.topic'), render: (_, c) => t(`tradein.afterSales.topic.${c.topic}`) },
    {
      key: 'purchase',
      title: t('tradein.afterSales.field.purchase'),
      render: (_, c) => `${categoryName(programs.data, c.programId, c.category)} · ${c.product} · ${c.serialNumber}`,
    },
    { key: 'description', title: t('tradein.afterSales.open.description'), dataIndex: 'description', ellipsis: true, width: 240 },
    {
      key: 'status',
      title: t('field.status'),
      render: (_, c) => (
        <Space size={4} wrap>
          <CaseStatusTag status={c.status} />
          {c.overdue ? <OverdueTag /> : null}
          {c.returned ? <Tag color="success">{t('tradein.afterSales.returned')}</Tag> : null}
        </Space>
      ),
    },
    {
      key: 'openedAt',
      title: t('tradein.afterSales.field.openedAt'),
      dataIndex: 'openedAt',
      render: formatMinute,
      sorter: true,
      sortOrder: list.sortOrderOf('openedAt'),
    },
    {
      key: 'responseHours',
      title: t('tradein.afterSales.field.responseHours'),
      render: (_, c) => (c.responseHours === null ? '—' : t('tradein.afterSales.hours', { hours: c.responseHours })),
    },
    { key: 'rating', title: t('tradein.afterSales.field.rating'), render: (_, c) => (c.rating === null ? '—' : `${c.rating} / 5`) },
    { key: 'actions', title: t('common.actions'), render: (_, c) => buttons(c) },
  ];

  const f = list.state.filters;
  const enumOptions = <K extends string>(values: readonly K[], label: (k: K) => string) => values.map((v) => ({ value: v, label: label(v) }));
  return (
    <div data-testid="page-tradein-merchant-after-sales">
      <PageHeader title={t('tradein.nav.merchantAfterSales')} subtitle={t('tradein.afterSales.merchant.subtitle')} />
      <Card className="hx-block">
        <FilterBar
          values={{ q: list.state.q, kind: f.kind, status: f.status, topic: f.topic, overdue: f.overdue === 'true' }}
          onSearch={(v) =>
            list.update({
              q: typeof v.q === 'string' ? v.q.trim() || undefined : undefined,
              filters: { kind: v.kind, status: v.status, topic: v.topic, overdue: v.overdue ? 'true' : undefined },
            })
          }
        >
          <Form.Item name="q" label={t('common.search')}>
            <Input allowClear placeholder={t('tradein.afterSales.merchant.search')} data-testid="after-sales-filter-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('tradein.afterSales.open.kind')}>
            <Select allowClear placeholder={t('common.all')} options={enumOptions(AFTER_SALES_KINDS, (k) => t(`tradein.afterSales.kind.${k}`))} />
          </Form.Item>
          <Form.Item name="status" label={t('field.status')}>
            <Select allowClear placeholder={t('common.all')} options={enumOptions(AFTER_SALES_STATUSES, (k) => t(`tradein.afterSales.status.${k}`))} />
          </Form.Item>
          <Form.Item name="topic" label={t('tradein.afterSales.open.topic')}>
            <Select allowClear placeholder={t('common.all')} options={enumOptions(AFTER_SALES_TOPICS, (k) => t(`tradein.afterSales.topic.${k}`))} />
          </Form.Item>
          <Form.Item name="overdue" label={t('tradein.afterSales.merchant.overdueOnly')} valuePropName="checked">
            <Switch data-testid="after-sales-filter-overdue" />
          </Form.Item>
        </FilterBar>
      </Card>
      <Card className="hx-block hx-table-card">
        {cases.isError ? (
          <LoadError error={cases.error} onRetry={() => void cases.refetch()} />
        ) : (
          <Table<CaseView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={cases.data?.items ?? []}
            loading={cases.isFetching}
            onChange={list.onTableChange}
            sortDirections={['descend', 'ascend', 'descend']}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('tradein.afterSales.merchant.none') }}
            pagination={list.pagination(cases.data?.total ?? 0)}
            data-testid="after-sales-table"
          />
        )}
      </Card>

      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={isPhone ? '100%' : 560} title={openId ? `#${openId}` : ''} destroyOnHidden>
        {detail.isError ? (
          <LoadError error={detail.error} onRetry={() => void detail.refetch()} />
        ) : detail.data ? (
          <>
            <Descriptions column={1} size="small" className="hx-block">
              <Descriptions.Item label={t('tradein.afterSales.open.kind')}>{t(`tradein.afterSales.kind.${detail.data.kind}`)}</Descriptions.Item>
              <Descriptions.Item label={t('field.status')}>
                <CaseStatusTag status={detail.data.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('tradein.afterSales.field.purchase')}>
                {detail.data.product} · {detail.data.serialNumber} · <Money fen={detail.data.price} />
              </Descriptions.Item>
              <Descriptions.Item label={t('tradein.afterSales.open.description')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{detail.data.description}</span>
              </Descriptions.Item>
            </Descriptions>
            <CaseTimeline detail={detail.data} />
            {buttons(detail.data)}
          </>
        ) : null}
      </Drawer>

      <Modal
        open={acting !== null}
        title={acting ? `${t(`tradein.afterSales.merchant.${acting.step}`)} #${acting.c.id}` : ''}
        onCancel={() => setActing(null)}
        onOk={() => void act()}
        okButtonProps={{ disabled: text.trim().length < 2, danger: acting?.step === 'refuse', 'data-testid': 'after-sales-confirm' }}
        confirmLoading={busy}
        destroyOnHidden
      >
        {acting?.step === 'resolve' && acting.c.kind === 'return' ? (
          <Alert
            type="warning"
            showIcon
            className="hx-block"
            message={t('tradein.afterSales.merchant.returnWarning', { subsidy: (acting.c.subsidy / 100).toFixed(2) })}
          />
        ) : null}
        {error ? <Alert type="error" showIcon className="hx-block" message={error} /> : null}
        {acting ? (
          <Form layout="vertical">
            <Form.Item label={t(LABEL[acting.step])} required>
              <Input.TextArea rows={4} maxLength={1000} showCount value={text} onChange={(e) => setText(e.target.value)} data-testid="after-sales-text" />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </div>
  );
}
