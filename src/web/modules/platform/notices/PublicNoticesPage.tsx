import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Col, Collapse, Input, List, Row, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Page } from '../../../api/types';
import { DemoTag } from '../../../components/DemoTag';
import { LoadError } from '../../../components/ResultPages';
import { formatDate } from '../../../components/format';
import { useT } from '../../../i18n/I18nProvider';
import { PublicFrame } from '../../../layout/PublicFrame';
import type { PublicNoticeView } from './api';
import { NoticeKindTag } from './tags';

/** The plan's published text, from the plan module's public route. */
interface PublicPlan {
  title: string;
  docNumber: string;
  issuer: string;
  issuedOn: string;
  preamble: string;
  generalRequirements: string;
  sections: { section: string; number: string; title: string; text: string }[];
}

const PAGE_SIZE = 10;

function PlanText() {
  const t = useT();
  const plan = useQuery({
    queryKey: ['public', 'plan'],
    queryFn: ({ signal }) => api.get<PublicPlan | null>('/api/public/plan', undefined, signal),
    staleTime: 300_000,
  });
  if (plan.isError) return <LoadError error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  return (
    <Card size="small" title={t('notice.public.plan')} loading={plan.isPending} data-testid="public-plan">
      {p ? (
        <>
          <Typography.Text strong>{p.title}</Typography.Text>
          <Typography.Paragraph type="secondary">
            {p.docNumber} · {t('notice.public.planIssued', { issuer: p.issuer, issuedOn: p.issuedOn })}
          </Typography.Paragraph>
          <Typography.Paragraph ellipsis={{ rows: 4, expandable: true, symbol: t('notice.public.more') }}>
            {p.generalRequirements || p.preamble}
          </Typography.Paragraph>
          <Collapse
            size="small"
            items={p.sections.map((s, i) => ({
              key: String(i),
              label: `${s.number} ${s.title}`,
              children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.text}</Typography.Paragraph>,
            }))}
          />
        </>
      ) : (
        <Typography.Text type="secondary">{t('notice.public.planNone')}</Typography.Text>
      )}
    </Card>
  );
}

/** The trade-in's rules in plain words: the categories of the programmes running now (the store finder's public list). */
function ProgrammeRules() {
  const t = useT();
  const categories = useQuery({
    queryKey: ['public', 'tradein-categories'],
    queryFn: ({ signal }) => api.get<{ category: string; name: string }[]>('/api/tradein/public/categories', undefined, signal),
    staleTime: 300_000,
  });
  const names = (categories.data ?? []).map((c) => c.name);
  return (
    <Card size="small" title={t('notice.public.programmes')} loading={categories.isPending} data-testid="public-programmes">
      <Typography.Paragraph>{names.length ? t('notice.public.categories', { list: names.join('、') }) : t('notice.public.noCategories')}</Typography.Paragraph>
      <Typography.Paragraph>{t('notice.public.howTo')}</Typography.Paragraph>
      <Space wrap>
        <Link to="/stores">{t('notice.public.stores')}</Link>
        <Link to="/events">{t('notice.public.events')}</Link>
      </Space>
    </Card>
  );
}

/** Public notices and policy explanations, with the plan and the trade-in's rules beside them; no sign-in, phone first. */
export default function PublicNoticesPage() {
  const t = useT();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const query = { q: q || undefined, page, pageSize: PAGE_SIZE };
  const notices = useQuery({
    queryKey: ['public', 'notices', query],
    queryFn: ({ signal }) => api.get<Page<PublicNoticeView>>('/api/public/notices', query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <PublicFrame title={t('notice.public.title')} intro={t('notice.public.intro')} width={1120} testId="page-public-notices">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Input.Search
            allowClear
            placeholder={t('notice.searchPlaceholder')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            data-testid="public-notices-search"
            style={{ marginBottom: 12 }}
          />
          {notices.isError ? (
            <LoadError error={notices.error} onRetry={() => void notices.refetch()} />
          ) : (
            <List<PublicNoticeView>
              data-testid="public-notices"
              loading={notices.isFetching}
              dataSource={notices.data?.items ?? []}
              locale={{ emptyText: <span data-testid="public-notices-empty">{t('notice.public.none')}</span> }}
              pagination={
                (notices.data?.total ?? 0) > PAGE_SIZE
                  ? { current: page, pageSize: PAGE_SIZE, total: notices.data?.total ?? 0, onChange: setPage, size: 'small' }
                  : false
              }
              renderItem={(n) => (
                <List.Item key={n.id} data-testid={`public-notice-${n.id}`}>
                  <List.Item.Meta
                    title={
                      <Space wrap size={4}>
                        <NoticeKindTag kind={n.kind} />
                        <span>{n.title}</span>
                        <DemoTag show={n.demo} />
                      </Space>
                    }
                    description={formatDate(n.publishedAt)}
                  />
                  <Typography.Paragraph
                    ellipsis={{ rows: 3, expandable: true, symbol: t('notice.public.more') }}
                    style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
                  >
                    {n.body}
                  </Typography.Paragraph>
                </List.Item>
              )}
            />
          )}
        </Col>
        <Col xs={24} lg={9}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <ProgrammeRules />
            <PlanText />
          </Space>
        </Col>
      </Row>
      <div className="hx-submit">
        <Link to="/login">
          <Button type="link">{t('notice.public.signIn')}</Button>
        </Link>
      </div>
    </PublicFrame>
  );
}
