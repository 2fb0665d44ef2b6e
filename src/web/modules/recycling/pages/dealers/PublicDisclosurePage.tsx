import { useState } from 'react';
import { Button, Input, List, Skeleton, Space, Tabs, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { PublicFrame } from '../../../../layout/PublicFrame';
import { dealerKeys, useCreditRules, type Page, type PublicDealerView, type PublicViolationView } from './api';
import { RuleHistory, RuleVersionDetails } from './RulesView';
import { GradeTag, KindTags, ViolationTypeText, penaltyText } from './shared';
import './dealers.css';
import { DemoTag } from '../../../../components/DemoTag';

const PAGE_SIZE = 10;

function Violations({ q }: { q: string | undefined }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = { q, page, pageSize: PAGE_SIZE };
  const data = useQuery({
    queryKey: dealerKeys.publicViolations(query),
    queryFn: ({ signal }) => api.get<Page<PublicViolationView>>('/api/recycling/public/credit/violations', query, signal),
    placeholderData: keepPreviousData,
  });
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  return (
    <List<PublicViolationView>
      data-testid="disclosure-violations"
      loading={data.isFetching}
      dataSource={data.data?.items ?? []}
      header={data.data ? <Typography.Text type="secondary">{t('recycling.disclosure.count', { n: data.data.total })}</Typography.Text> : null}
      locale={{ emptyText: <span data-testid="disclosure-empty">{t('recycling.disclosure.none')}</span> }}
      pagination={
        (data.data?.total ?? 0) > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.data?.total ?? 0, onChange: setPage, size: 'small' } : false
      }
      renderItem={(v) => (
        <List.Item key={v.id} className="hx-disclosure-item" data-testid={`disclosure-violation-${v.id}`}>
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{v.dealerName}</span>
                <DemoTag show={v.isDemo} />
              </Space>
            }
            description={
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <span className="hx-disclosure-meta">
                  {t('recycling.dealers.field.creditCode')}：{v.creditCode}
                </span>
                <span>
                  <strong>
                    <ViolationTypeText type={v.type} />
                  </strong>{' '}
                  · {v.occurredOn}
                </span>
                <span>{v.description}</span>
                <span>
                  {t('recycling.violations.field.penalty')}：{penaltyText(v.penaltyText, v.penaltyFen)}
                </span>
                <span className="hx-disclosure-meta">
                  {t('recycling.violations.field.issuingUnit')}：{v.issuingUnit} · {t('recycling.violations.field.discloseUntil')}：{v.discloseUntil}
                </span>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

function Grades({ q }: { q: string | undefined }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const query = { q, page, pageSize: PAGE_SIZE };
  const data = useQuery({
    queryKey: dealerKeys.publicDealers(query),
    queryFn: ({ signal }) => api.get<Page<PublicDealerView>>('/api/recycling/public/credit/dealers', query, signal),
    placeholderData: keepPreviousData,
  });
  if (data.isError) return <LoadError error={data.error} onRetry={() => void data.refetch()} />;
  return (
    <List<PublicDealerView>
      data-testid="disclosure-dealers"
      loading={data.isFetching}
      dataSource={data.data?.items ?? []}
      header={data.data ? <Typography.Text type="secondary">{t('recycling.disclosure.count', { n: data.data.total })}</Typography.Text> : null}
      locale={{ emptyText: t('recycling.disclosure.noDealers') }}
      pagination={
        (data.data?.total ?? 0) > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: data.data?.total ?? 0, onChange: setPage, size: 'small' } : false
      }
      renderItem={(d) => (
        <List.Item key={d.id} className="hx-disclosure-item" data-testid={`disclosure-dealer-${d.id}`} extra={<GradeTag grade={d.grade} />}>
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{d.name}</span>
                <DemoTag show={d.isDemo} />
              </Space>
            }
            description={
              <Space direction="vertical" size={2}>
                <span className="hx-disclosure-meta">
                  {d.creditCode} · {d.townName}
                </span>
                <KindTags kinds={d.kinds} />
                <span className="hx-disclosure-meta">{t('recycling.disclosure.ruleVersion', { version: d.grade.ruleVersion })}</span>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

function Rules() {
  const rules = useCreditRules();
  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <LoadError error={rules.error} onRetry={() => void rules.refetch()} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <RuleVersionDetails v={rules.data.current} />
      <RuleHistory versions={rules.data.versions} />
    </Space>
  );
}

/**
 * The public disclosure of second-hand dealers' violations (向社会公布违规情况), no sign-in, phone first:
 * violations in force within their period, each dealer's grade with its rule version, and the rules themselves.
 * The API behind it carries no personal data.
 */
export default function PublicDisclosurePage() {
  const t = useT();
  const [q, setQ] = useState<string | undefined>();
  return (
    <PublicFrame title={t('recycling.disclosure.title')} intro={t('recycling.disclosure.intro')} width={820} testId="page-credit-disclosure">
      <Input.Search
        allowClear
        className="hx-disclosure-search"
        placeholder={t('recycling.disclosure.search')}
        onSearch={(v) => setQ(v.trim() || undefined)}
        data-testid="disclosure-search"
      />
      <Tabs
        items={[
          { key: 'violations', label: t('recycling.disclosure.tab.violations'), children: <Violations key={q ?? ''} q={q} /> },
          {
            key: 'grades',
            label: <span data-testid="disclosure-tab-grades">{t('recycling.disclosure.tab.grades')}</span>,
            children: <Grades key={q ?? ''} q={q} />,
          },
          { key: 'rules', label: <span data-testid="disclosure-tab-rules">{t('recycling.disclosure.tab.rules')}</span>, children: <Rules /> },
        ]}
      />
      <div className="hx-submit">
        <Link to="/login">
          <Button type="link">{t('recycling.disclosure.signIn')}</Button>
        </Link>
      </div>
    </PublicFrame>
  );
}
