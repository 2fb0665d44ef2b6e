import { Alert, Col, Empty, Row, Skeleton } from 'antd';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { useIntakeOptions } from './api';
import { IntakeForm } from './IntakeForm';
import { IntakeList } from './IntakeList';
import './intake.css';

/** A recycler's intake: the record form (a phone at the site) beside its records, with filters and void. */
export default function IntakePage() {
  const t = useT();
  const options = useIntakeOptions();
  return (
    <div className="hx-intake">
      <PageHeader title={t('recycling.nav.intake')} subtitle={t('recycling.nav.intake.desc')} testId="intake-page" />
      <Alert type="warning" showIcon message={t('recycling.in.pickupNote')} style={{ marginBottom: 12 }} data-testid="intake-pickup-note" />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          {options.isError ? (
            <LoadError error={options.error} onRetry={() => void options.refetch()} />
          ) : options.isLoading || !options.data ? (
            <Skeleton active />
          ) : options.data.sites.length === 0 ? (
            <Empty description={t('recycling.in.noSites')} data-testid="intake-no-sites" />
          ) : (
            <IntakeForm options={options.data} />
          )}
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <IntakeList />
        </Col>
      </Row>
    </div>
  );
}
