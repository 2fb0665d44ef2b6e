import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Collapse, Form, Input, List, Pagination, Rate, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { useT } from '../../../../i18n/I18nProvider';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { formatMinute } from '../../../../components/format';
import { useAction } from '../../../../components/useAction';
import { useFormSubmit } from '../../../../components/formErrors';
import { categoryName, usePrograms, type RedemptionView } from '../../api';
import { EmptyState, Money } from '../../components';
import { AFTER_SALES_KINDS, AFTER_SALES_TOPICS, afterSalesKeys, useCase, useReturnWindowDays, type CaseView } from './api';
import { CaseStatusTag, CaseTimeline } from './CaseParts';

const wrap = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

interface OpenValues {
  redemptionId: number;
  kind: CaseView['kind'];
  topic: CaseView['topic'];
  description: string;
}

/** The form to open a case on one of my purchases that stand; `?redemptionId=` (from My purchases) picks it. */
function OpenCaseForm({ initialRedemptionId, onDone }: { initialRedemptionId: number | undefined; onDone: () => void }) {
  const t = useT();
  const programs = usePrograms();
  const days = useReturnWindowDays();
  const [form] = Form.useForm<OpenValues>();
  const kind = Form.useWatch('kind', form);
  const purchases = useQuery({
    queryKey: ['tradein', 'purchases', 'mine', 'standing'],
    queryFn: ({ signal }) => api.get<Page<RedemptionView>>('/api/tradein/redemptions/mine', { page: 1, pageSize: 200 }, signal),
  });
  const { saving, error, submit } = useFormSubmit<OpenValues>(form, async (v) => {
    await api.post<CaseView>('/api/tradein/after-sales', { ...v, description: v.description.trim() });
    form.resetFields(['description']);
    onDone();
  });
  if (purchases.isPending) return <Skeleton active />;
  if (purchases.isError) return <LoadError error={purchases.error} onRetry={() => void purchases.refetch()} />;
  const standing = purchases.data.items.filter((r) => r.status === 'accepted' || r.status === 'held');
  if (!standing.length) return <EmptyState text={t('tradein.afterSales.open.noPurchases')} />;
  const chosen = standing.some((r) => r.id === initialRedemptionId) ? initialRedemptionId : standing[0]!.id;
  return (
    <Form<OpenValues>
      form={form}
      layout="vertical"
      initialValues={{ redemptionId: chosen, kind: 'repair', topic: 'quality' }}
      onFinish={(v) => void submit(v)}
      data-testid="after-sales-open-form"
    >
      {error ? <Alert type="error" showIcon message={error} className="hx-block" /> : null}
      <Form.Item name="redemptionId" label={t('tradein.afterSales.open.purchase')} rules={[{ required: true }]}>
        <Select
          data-testid="after-sales-open-purchase"
          options={standing.map((r) => ({
            value: r.id,
            label: `${categoryName(programs.data, r.programId, r.category)} · ${formatMinute(r.createdAt)}`,
          }))}
        />
      </Form.Item>
      <Form.Item name="kind" label={t('tradein.afterSales.open.kind')} rules={[{ required: true }]}>
        <Select data-testid="after-sales-open-kind" options={AFTER_SALES_KINDS.map((k) => ({ value: k, label: t(`tradein.afterSales.kind.${k}`) }))} />
      </Form.Item>
      {kind === 'return' ? <Alert type="info" showIcon className="hx-block" message={t('tradein.afterSales.open.returnHint', { days })} /> : null}
      <Form.Item name="topic" label={t('tradein.afterSales.open.topic')} rules={[{ required: true }]}>
        <Select data-testid="after-sales-open-topic" options={AFTER_SALES_TOPICS.map((k) => ({ value: k, label: t(`tradein.afterSales.topic.${k}`) }))} />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('tradein.afterSales.open.description')}
        extra={t('tradein.afterSales.open.descriptionHint')}
        rules={[{ required: true, whitespace: true, min: 2, max: 1000 }]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount data-testid="after-sales-open-description" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={saving} data-testid="after-sales-open-submit">
        {t('tradein.afterSales.open.submit')}
      </Button>
    </Form>
  );
}

/** Stars and a comment for a closed case not yet rated. */
function RateCase({ c, onDone }: { c: CaseView; onDone: () => void }) {
  const t = useT();
  const { busy, run } = useAction();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`after-sales-rating-form-${c.id}`}>
      <Typography.Text strong>{t('tradein.afterSales.rate.title')}</Typography.Text>
      <Rate value={rating} onChange={setRating} data-testid={`after-sales-stars-${c.id}`} />
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('tradein.afterSales.rate.comment')}
      />
      <Button
        type="primary"
        block
        disabled={rating < 1}
        loading={busy}
        data-testid={`after-sales-rate-${c.id}`}
        onClick={() =>
          void run(
            () => api.post(`/api/tradein/after-sales/${c.id}/rate`, { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) }),
            t('tradein.afterSales.rate.done'),
          ).then((ok) => ok && onDone())
        }
      >
        {t('tradein.afterSales.rate.submit')}
      </Button>
    </Space>
  );
}

function CaseHistory({ id }: { id: number }) {
  const detail = useCase(id);
  if (detail.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (detail.isError) return <LoadError error={detail.error} onRetry={() => void detail.refetch()} />;
  return <CaseTimeline detail={detail.data} />;
}

function CaseCard({ c, onChanged }: { c: CaseView; onChanged: () => void }) {
  const t = useT();
  const programs = usePrograms();
  const closed = c.status === 'resolved' || c.status === 'refused';
  return (
    <Card
      size="small"
      className="hx-block"
      data-testid={`after-sales-case-${c.id}`}
      title={
        <Space wrap size={4}>
          <span>{t(`tradein.afterSales.kind.${c.kind}`)}</span>
          <Typography.Text type="secondary">#{c.id}</Typography.Text>
        </Space>
      }
      extra={<CaseStatusTag status={c.status} />}
    >
      <Space direction="vertical" size={4} style={{ width: '100%' }}>
        <div>
          {categoryName(programs.data, c.programId, c.category)} · {c.product} · <Money fen={c.price} />
        </div>
        <Typography.Text type="secondary">
          {t(`tradein.afterSales.topic.${c.topic}`)} · {t('tradein.afterSales.field.openedAt')} {formatMinute(c.openedAt)}
        </Typography.Text>
        <div style={wrap}>{c.description}</div>
        {c.responseNote ? (
          <div style={wrap}>
            <Typography.Text strong>{t('tradein.afterSales.field.response')}：</Typography.Text>
            {c.responseNote}
          </div>
        ) : null}
        {c.outcome ? (
          <div style={wrap}>
            <Typography.Text strong>{t('tradein.afterSales.field.outcome')}：</Typography.Text>
            {c.outcome}
          </div>
        ) : null}
        {c.returned ? <Tag color="success">{t('tradein.afterSales.returned')}</Tag> : null}
        {c.rating !== null ? <Rate disabled value={c.rating} /> : closed ? <RateCase c={c} onDone={onChanged} /> : null}
        <Collapse
          ghost
          size="small"
          items={[{ key: 'timeline', label: t('tradein.afterSales.timeline'), children: <CaseHistory id={c.id} /> }]}
          destroyOnHidden
        />
      </Space>
    </Card>
  );
}

/** A resident's returns, repairs and complaints, and their ratings: cards for a phone. */
export default function MyCasesPage() {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const days = useReturnWindowDays();
  const [search, setSearch] = useSearchParams();
  const fromPurchase = Number(search.get('redemptionId')) || undefined;
  const [formOpen, setFormOpen] = useState(fromPurchase !== undefined);
  const [page, setPage] = useState(1);
  const cases = useQuery({
    queryKey: afterSalesKeys.mine(page),
    queryFn: ({ signal }) => api.get<Page<CaseView>>('/api/tradein/after-sales/mine', { page, pageSize: 20 }, signal),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: afterSalesKeys.all });
  return (
    <div data-testid="page-tradein-my-after-sales">
      <PageHeader
        title={t('tradein.nav.myAfterSales')}
        subtitle={t('tradein.afterSales.mine.subtitle', { days })}
        extra={
          formOpen ? null : (
            <Button type="primary" onClick={() => setFormOpen(true)} data-testid="after-sales-new">
              {t('tradein.afterSales.mine.new')}
            </Button>
          )
        }
      />
      {formOpen ? (
        <Card className="hx-block" title={t('tradein.afterSales.open.title')}>
          <OpenCaseForm
            initialRedemptionId={fromPurchase}
            onDone={() => {
              message.success(t('tradein.afterSales.open.done'));
              setFormOpen(false);
              if (fromPurchase !== undefined) setSearch({}, { replace: true });
              setPage(1);
              refresh();
            }}
          />
        </Card>
      ) : null}
      {cases.isPending ? (
        <Skeleton active />
      ) : cases.isError ? (
        <LoadError error={cases.error} onRetry={() => void cases.refetch()} />
      ) : cases.data.items.length === 0 ? (
        <Card>
          <EmptyState text={t('tradein.afterSales.mine.none')} testId="after-sales-empty" />
        </Card>
      ) : (
        <>
          <List data-testid="after-sales-cases" dataSource={cases.data.items} renderItem={(c) => <CaseCard key={c.id} c={c} onChanged={refresh} />} />
          {cases.data.total > cases.data.pageSize ? (
            <Pagination current={page} pageSize={cases.data.pageSize} total={cases.data.total} onChange={setPage} size="small" />
          ) : null}
        </>
      )}
    </div>
  );
}
