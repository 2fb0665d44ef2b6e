import { Alert, Card, Collapse, Empty, Space, Spin, Typography } from 'antd';
import { DemoTag } from '../../../../components/DemoTag';
import { PageHeader } from '../../../../components/PageHeader';
import { LoadError } from '../../../../components/ResultPages';
import { useT } from '../../../../i18n/I18nProvider';
import { useMine, type RegisterRowView } from './api';
import { AnswerSummary, SurveyStatusTag } from './parts';
import { ResponseForm } from './ResponseForm';
import './survey.css';

/** Where the row's response stands, and what the enterprise can do now. */
function RoundCard({ row }: { row: RegisterRowView }) {
  const t = useT();
  const r = row.response;
  const editable = row.roundStatus === 'open' && (!r || r.actions.includes('edit'));
  return (
    <Card
      className="hx-survey-card"
      data-testid={`survey-round-${row.year}`}
      title={
        <Space wrap size={4}>
          {t('renewal.survey.round', { year: row.year })}
          <SurveyStatusTag status={r?.status ?? 'none'} />
          <DemoTag show={row.isDemo} />
        </Space>
      }
      extra={row.roundStatus === 'open' ? <Typography.Text type="secondary">{t('renewal.survey.deadline', { date: row.deadline })}</Typography.Text> : null}
    >
      {r?.status === 'returned' && r.returnReason ? (
        <Alert
          type="warning"
          showIcon
          message={t('renewal.survey.returned', { reason: r.returnReason })}
          style={{ marginBottom: 12 }}
          data-testid="survey-returned"
        />
      ) : null}
      {r?.status === 'submitted' ? <Alert type="info" showIcon message={t('renewal.survey.waiting')} style={{ marginBottom: 12 }} /> : null}
      {r?.status === 'checked' ? (
        <Alert type="success" showIcon message={t('renewal.survey.checkedOn', { date: (r.checkedAt ?? '').slice(0, 10) })} style={{ marginBottom: 12 }} />
      ) : null}
      {editable ? <ResponseForm row={row} /> : <AnswerSummary row={row} />}
    </Card>
  );
}

/** The enterprise's survey: this year's response to fill in and submit, what was returned and why, earlier years. */
export default function MySurveyPage() {
  const t = useT();
  const q = useMine();
  const rows = q.data?.rows ?? [];
  const [current, ...earlier] = rows;
  return (
    <div data-testid="page-renewal-survey-mine">
      <PageHeader title={t('renewal.survey.nav.mine')} subtitle={t('renewal.survey.mine.subtitle')} />
      {q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isLoading ? <Spin /> : null}
      {q.data && rows.length === 0 ? <Empty description={t('renewal.survey.mine.none')} /> : null}
      {current ? <RoundCard row={current} /> : null}
      {earlier.length ? (
        <Collapse
          items={[
            {
              key: 'history',
              label: t('renewal.survey.mine.history'),
              children: earlier.map((r) => <RoundCard key={r.id} row={r} />),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
