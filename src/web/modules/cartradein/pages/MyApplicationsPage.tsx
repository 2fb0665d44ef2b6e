import { Button, Card, List, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { carKeys, type CarApplicationSummary, type Page } from '../api';
import { CarStatusTag, EmptyState, formatMinute, Yuan } from '../components';

/** The resident's own applications, newest first; each opens its timeline. */
export default function MyApplicationsPage() {
  const t = useT();
  const q = useQuery({
    queryKey: carKeys.applications({ mine: true }),
    queryFn: ({ signal }) =>
      api.get<Page<CarApplicationSummary>>('/api/tradein/car-applications', { sort: 'submittedAt', order: 'desc', pageSize: 100 }, signal),
  });
  return (
    <div data-testid="page-car-mine">
      <PageHeader
        title={t('nav.carMine')}
        subtitle={t('car.mine.subtitle')}
        extra={
          <Link to="/car/programs">
            <Button type="primary">{t('car.mine.apply')}</Button>
          </Link>
        }
      />
      <Card>
        {q.isPending ? (
          <Skeleton active />
        ) : q.isError ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : q.data.items.length === 0 ? (
          <EmptyState text={t('car.mine.none')} testId="car-mine-empty" />
        ) : (
          <List
            data-testid="car-mine-list"
            dataSource={q.data.items}
            renderItem={(a) => (
              <List.Item key={a.id} extra={<CarStatusTag status={a.status} />} data-testid={`car-mine-${a.id}`}>
                <List.Item.Meta
                  title={
                    <Link to={`/car/applications/${a.id}`}>
                      {t('car.detail.title', { id: a.id })} · {t(`car.kind.${a.kind}`)}
                    </Link>
                  }
                  description={
                    <>
                      <div>
                        {a.oldPlate} → {t(`car.energy.${a.newEnergyType}`)} · <Yuan fen={a.amountFen} />
                      </div>
                      <Typography.Text type="secondary">{formatMinute(a.submittedAt)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  );
}
