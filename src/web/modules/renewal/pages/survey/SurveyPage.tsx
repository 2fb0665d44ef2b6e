import { useEffect, useMemo, useState } from 'react';
import { Empty, Select, Space, Spin, Tabs, Typography } from 'antd';
import { DemoTag } from '../../../../components/DemoTag';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { useGrants } from '../../../platform/grants/useGrants';
import { useRounds } from './api';
import { RegisterPanel } from './RegisterPanel';
import { ResultsPanel } from './ResultsPanel';
import { RoundsPanel } from './RoundsPanel';
import './survey.css';

/**
 * The officials' survey page (the office, every department, auditors): a round's results, its register and the
 * rounds. 市工信局 (renewal `manage`) and the office also open and close rounds, import and edit the register and
 * record responses for enterprises without an account; the server decides again on every call.
 */
export default function SurveyPage() {
  const t = useT();
  const manage = useGrants('renewal').manage;
  const rounds = useRounds();
  const list = useMemo(() => rounds.data ?? [], [rounds.data]);
  const [roundId, setRoundId] = useState<number | null>(null);
  // The newest round is shown first.
  useEffect(() => {
    if (roundId === null && list.length) setRoundId(list[0]!.id);
  }, [list, roundId]);
  const round = list.find((r) => r.id === roundId);
  return (
    <div data-testid="page-renewal-survey">
      <PageHeader
        title={t('renewal.survey.nav.admin')}
        subtitle={t('renewal.survey.admin.subtitle')}
        extra={
          list.length ? (
            <Space>
              <Typography.Text>{t('renewal.survey.field.year')}</Typography.Text>
              <Select
                value={roundId ?? undefined}
                onChange={setRoundId}
                style={{ width: 120 }}
                data-testid="survey-round-select"
                options={list.map((r) => ({ value: r.id, label: String(r.year) }))}
              />
              <DemoTag show={round?.isDemo ?? false} />
            </Space>
          ) : null
        }
      />
      {rounds.isError ? <LoadError error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
      {rounds.isLoading ? <Spin /> : null}
      <Tabs
        destroyOnHidden
        items={[
          {
            key: 'results',
            label: t('renewal.survey.tab.results'),
            children: round ? <ResultsPanel roundId={round.id} /> : <Empty description={t('renewal.survey.noRounds')} />,
          },
          {
            key: 'register',
            label: t('renewal.survey.tab.register'),
            children: round ? (
              <RegisterPanel roundId={round.id} manage={manage} open={round.status === 'open'} />
            ) : (
              <Empty description={t('renewal.survey.noRounds')} />
            ),
          },
          { key: 'rounds', label: t('renewal.survey.tab.rounds'), children: <RoundsPanel rounds={list} manage={manage} /> },
        ]}
      />
    </div>
  );
}
