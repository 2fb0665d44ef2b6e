import { useState } from 'react';
import { Card, Input, Select, Table, Tag, Tooltip } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { CAR_APPLICATION_STATUSES, CAR_PROGRAM_KINDS, type CarApplicationStatus, type CarProgramKind } from '../../../../shared/enums/cartradein';
import { carKeys, useCarPrograms, type CarApplicationSummary, type Page } from '../api';
import { CarStatusTag, EmptyState, formatMinute, ruleInWords, Yuan } from '../components';
import { useLocale } from '../../../i18n/I18nProvider';
import { useTowns } from './applicationForm/TownField';

interface Filters {
  status?: CarApplicationStatus;
  kind?: CarProgramKind;
  eligible?: 'true' | 'false';
  townId?: number | 'unknown';
  q?: string;
  page: number;
}

/**
 * 市商务局's review queue (and what finance, the office and auditors may read): filters by status, kind and
 * eligibility, a VIN/plate search, oldest-due first; each row opens the application with every failed rule and the
 * review buttons. The rules of each programme are listed above the table.
 */
export default function ReviewQueuePage() {
  const t = useT();
  const { locale } = useLocale();
  const [f, setF] = useState<Filters>({ status: 'submitted', page: 1 });
  const programs = useCarPrograms();
  const towns = useTowns();
  const q = useQuery({
    queryKey: carKeys.applications(f),
    queryFn: ({ signal }) =>
      api.get<Page<CarApplicationSummary>>('/api/tradein/car-applications', { ...f, sort: 'reviewDueOn', order: 'asc', pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Partial<Filters>) => setF((old) => ({ ...old, ...patch, page: 1 }));
  return (
    <div data-testid="page-car-review">
      <PageHeader title={t('nav.carReview')} subtitle={t('car.review.subtitle')} />
      {programs.data?.length ? (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="car-review-rules">
          {programs.data
            .filter((p) => p.status === 'active')
            .map((p) => {
              const w = ruleInWords(t, locale, p.rule);
              return (
                <details key={p.id}>
                  <summary>
                    {p.name} · {t(`car.kind.${p.kind}`)}
                  </summary>
                  <ul className="hx-car-reasons">
                    {[...w.oldCar, ...w.newCar, ...w.amounts, `${t('car.programs.evidence')}：${w.evidence.join('、')}`, w.deadlines].map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ul>
                </details>
              );
            })}
        </Card>
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="hx-car-actions">
          <Select
            allowClear
            placeholder={t('car.review.allStatus')}
            value={f.status}
            onChange={(v) => set({ status: v })}
            options={CAR_APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`car.status.${s}`) }))}
            style={{ minWidth: 140 }}
            data-testid="car-filter-status"
          />
          <Select
            allowClear
            placeholder={t('car.review.allKinds')}
            value={f.kind}
            onChange={(v) => set({ kind: v })}
            options={CAR_PROGRAM_KINDS.map((k) => ({ value: k, label: t(`car.kind.${k}`) }))}
            style={{ minWidth: 140 }}
            data-testid="car-filter-kind"
          />
          <Select
            allowClear
            placeholder={t('car.review.eligibleAll')}
            value={f.eligible}
            onChange={(v) => set({ eligible: v })}
            options={[
              { value: 'true', label: t('car.review.eligibleTrue') },
              { value: 'false', label: t('car.review.eligibleFalse') },
            ]}
            style={{ minWidth: 140 }}
            data-testid="car-filter-eligible"
          />
          <Select<number | 'unknown'>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('car.town.all')}
            value={f.townId}
            onChange={(v) => set({ townId: v })}
            options={[...(towns.data ?? []).map((x) => ({ value: x.id, label: x.name })), { value: 'unknown' as const, label: t('car.town.unknownFilter') }]}
            style={{ minWidth: 140 }}
            data-testid="car-filter-town"
          />
          <Input.Search
            allowClear
            placeholder={t('car.review.search')}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            style={{ maxWidth: 260 }}
            data-testid="car-filter-q"
          />
        </div>
      </Card>
      <Card size="small">
        {q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<CarApplicationSummary>
            rowKey="id"
            size="small"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 760 }}
            locale={{ emptyText: <EmptyState text={t('car.review.none')} testId="car-review-empty" /> }}
            data-testid="car-review-table"
            pagination={{ current: f.page, pageSize: 20, total: q.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setF((o) => ({ ...o, page })) }}
            columns={[
              {
                title: t('car.col.id'),
                dataIndex: 'id',
                width: 70,
                render: (id: number) => (
                  <Link to={`/car/applications/${id}`} data-testid={`car-open-${id}`}>
                    {id}
                  </Link>
                ),
              },
              { title: t('car.col.applicant'), dataIndex: 'applicantName', width: 100 },
              { title: t('car.town.col'), dataIndex: 'townName', width: 100, render: (n: string | null) => n ?? t('car.town.unknown') },
              {
                title: t('car.col.program'),
                dataIndex: 'kind',
                width: 100,
                render: (k: CarApplicationSummary['kind'], r) => <Tooltip title={r.programName}>{t(`car.kind.${k}`)}</Tooltip>,
              },
              { title: t('car.col.oldCar'), dataIndex: 'oldPlate', width: 100 },
              { title: t('car.col.status'), dataIndex: 'status', width: 110, render: (s: CarApplicationStatus) => <CarStatusTag status={s} /> },
              {
                title: t('car.col.eligible'),
                dataIndex: 'eligible',
                width: 110,
                render: (e: boolean) =>
                  e ? <Tag color="success">{t('car.review.eligibleTrue')}</Tag> : <Tag color="error">{t('car.review.eligibleFalse')}</Tag>,
              },
              { title: t('car.col.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (fen: number) => <Yuan fen={fen} /> },
              { title: t('car.col.reviewDue'), dataIndex: 'reviewDueOn', width: 110 },
              { title: t('car.col.submittedAt'), dataIndex: 'submittedAt', width: 140, render: (s: string) => formatMinute(s) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
