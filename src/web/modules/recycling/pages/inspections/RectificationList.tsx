import { useState } from 'react';
import { Button, Card, List, Segmented, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { inspectionKeys, type Page, type RectificationView } from './api';
import { RectificationTag } from './parts';

type State = 'overdue' | 'open' | 'submitted' | 'closed' | 'all';
const PAGE_SIZE = 20;

/** Rectifications, the most urgent first: the overdue ones (fixed `state`) or by the state the caller picks. */
export function RectificationList({ fixed, onOpen }: { fixed?: 'overdue'; onOpen: (inspectionId: number) => void }) {
  const t = useT();
  const [picked, setPicked] = useState<State>('open');
  const [page, setPage] = useState(1);
  const state = fixed ?? picked;
  const query = { state, page, pageSize: PAGE_SIZE };
  const q = useQuery({
    queryKey: inspectionKeys.rectifications(query),
    queryFn: ({ signal }) => api.get<Page<RectificationView>>('/api/recycling/rectifications', query, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Card size="small">
      {fixed ? null : (
        <Segmented<State>
          value={picked}
          onChange={(v) => {
            setPicked(v);
            setPage(1);
          }}
          options={(['open', 'submitted', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`recycling.rect.filter.${s}`) }))}
          style={{ marginBottom: 12 }}
          data-testid="rectification-state"
        />
      )}
      {q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <List<RectificationView>
          data-testid={fixed ? 'overdue-list' : 'rectification-list'}
          loading={q.isPending || (q.isFetching && q.isPlaceholderData)}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t(fixed ? 'recycling.rect.noneOverdue' : 'recycling.rect.none') }}
          pagination={
            (q.data?.total ?? 0) > PAGE_SIZE ? { current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, size: 'small', onChange: setPage } : false
          }
          renderItem={(r) => (
            <List.Item
              key={r.id}
              data-testid={`rectification-${r.id}`}
              actions={[
                <Button key="open" size="small" onClick={() => onOpen(r.inspectionId)} data-testid={`rectification-open-${r.id}`}>
                  {t('recycling.insp.open')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <span>
                    {r.siteName} <RectificationTag status={r.status} overdue={r.overdue} />
                  </span>
                }
                description={
                  <Typography.Text type={r.overdue ? 'danger' : 'secondary'}>
                    {t('recycling.rect.due', { date: r.dueOn })} · {r.townName} · {r.inspectorOrganizationName}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
