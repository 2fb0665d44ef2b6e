import { Card, Col, Empty, Row, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { dealerKeys, type DealerView, type Page } from './api';
import { GradeTag } from './shared';
import { TradeForm } from './TradeForm';
import { TradeTable } from './TradeTable';
import { ViolationList } from './ViolationList';
import './dealers.css';

/**
 * For a dealer's own accounts, on a phone at the counter: the form to record a trade, the recent trades, and the
 * dealer's credit records and grade. An enterprise that is not a registered dealer is told where to file.
 */
export default function TradesPage() {
  const t = useT();
  const q = { pageSize: 50 };
  const mine = useQuery({
    queryKey: dealerKeys.list(q),
    queryFn: ({ signal }) => api.get<Page<DealerView>>('/api/recycling/dealers', q, signal),
  });
  const dealers = mine.data?.items ?? [];
  return (
    <div data-testid="page-recycling-dealer-trades">
      <PageHeader title={t('recycling.nav.dealerTrades')} subtitle={t('recycling.nav.dealerTrades.desc')} />
      {mine.isPending ? (
        <Skeleton active />
      ) : mine.isError ? (
        <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : dealers.length === 0 ? (
        <Card className="hx-block">
          <Empty description={t('recycling.trades.notDealer')} data-testid="trades-not-dealer" />
        </Card>
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={9}>
            <Card className="hx-block" title={t('recycling.trades.record')} extra={dealers.length === 1 ? <GradeTag grade={dealers[0]!.grade} /> : null}>
              <TradeForm dealers={dealers} />
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            <TradeTable showDealer={dealers.length > 1} />
            {dealers.map((d) => (
              <Card key={d.id} className="hx-block" title={`${t('recycling.violations.title')} · ${d.name}`}>
                <ViolationList dealerId={d.id} />
              </Card>
            ))}
          </Col>
        </Row>
      )}
    </div>
  );
}
