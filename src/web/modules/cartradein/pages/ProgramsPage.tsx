import { Button, Card, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useUser } from '../../../auth/AuthProvider';
import { useLocale, useT } from '../../../i18n/I18nProvider';
import { PageHeader } from '../../../components/PageHeader';
import { LoadError } from '../../../components/ResultPages';
import { useCarPrograms } from '../api';
import { EmptyState, ruleInWords, WordList } from '../components';

/** The car programmes in plain words: which old cars, which new cars, how much, what papers, how long it takes. */
export default function ProgramsPage() {
  const t = useT();
  const { locale } = useLocale();
  const user = useUser();
  const programs = useCarPrograms();
  const list = (programs.data ?? []).filter((p) => p.status !== 'draft' || user.role !== 'resident');
  return (
    <div data-testid="page-car-programs">
      <PageHeader title={t('nav.carPrograms')} subtitle={t('car.programs.subtitle')} />
      {programs.isPending ? (
        <Skeleton active />
      ) : programs.isError ? (
        <LoadError error={programs.error} onRetry={() => void programs.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState text={t('car.programs.none')} testId="car-programs-empty" />
      ) : (
        <div className="hx-car-cards">
          {list.map((p) => {
            const w = ruleInWords(t, locale, p.rule);
            return (
              <Card
                key={p.id}
                data-testid={`car-program-${p.code}`}
                title={
                  <Space wrap size={4}>
                    <span style={{ whiteSpace: 'normal' }}>{p.name}</span>
                  </Space>
                }
                extra={
                  <Space size={4} wrap>
                    <Tag color={p.kind === 'scrapping' ? 'volcano' : 'blue'}>{t(`car.kind.${p.kind}`)}</Tag>
                    {p.isExample ? <Tag>{t('car.example')}</Tag> : null}
                    {p.status === 'closed' ? <Tag>{t('car.programs.closed')}</Tag> : null}
                  </Space>
                }
              >
                <Typography.Paragraph type="secondary">{t('car.programs.window', { from: p.validFrom, to: p.validTo })}</Typography.Paragraph>
                <Typography.Text strong>{t('car.programs.amount')}</Typography.Text>
                <WordList items={w.amounts} testId="car-program-amounts" />
                <Typography.Text strong>{t('car.programs.oldCar')}</Typography.Text>
                <WordList items={w.oldCar} />
                <Typography.Text strong>{t('car.programs.newCar')}</Typography.Text>
                <WordList items={w.newCar} />
                <Typography.Text strong>{t('car.programs.evidence')}</Typography.Text>
                <WordList items={w.evidence} />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
                  {w.deadlines}
                </Typography.Paragraph>
                {user.role === 'resident' && p.status === 'active' ? (
                  <Link to={`/car/apply?program=${p.id}`}>
                    <Button type="primary" block data-testid={`car-apply-${p.code}`}>
                      {t('car.programs.apply')}
                    </Button>
                  </Link>
                ) : null}
              </Card>
            );
          })}
        </div>
      )}
    </div>
  );
}
