import { Descriptions, Tag, Typography } from 'antd';
import { useT } from '../../../../i18n/I18nProvider';
import { useDictionary } from '../../../platform/dictionaries/useDictionary';
import type { FiguresView, RegisterRowView, ResponseView } from './api';

type Status = ResponseView['status'] | 'none';
const COLOR: Record<Status, string> = { draft: 'default', submitted: 'gold', checked: 'green', returned: 'red', none: 'default' };

export function SurveyStatusTag({ status }: { status: Status }) {
  const t = useT();
  return (
    <Tag color={COLOR[status]} data-testid={`survey-status-${status}`}>
      {t(`renewal.survey.status.${status}`)}
    </Tag>
  );
}

/** A rate in %, or — when nothing divides. */
export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)}%`);

/** "回收率 60.0%（3/5 家）": what every rate on the results stands on. */
export function ResponseNote({ f }: { f: FiguresView }) {
  const t = useT();
  return (
    <Typography.Text type={f.responseRate !== null && f.responseRate < 80 ? 'warning' : 'secondary'} className="hx-survey-note">
      {t('renewal.survey.onResponse', { rate: pct(f.responseRate), checked: f.checked, size: f.registerSize })}
    </Typography.Text>
  );
}

/** A response's answers, read-only (the town's check, the manager's register, earlier years). */
export function AnswerSummary({ row }: { row: RegisterRowView }) {
  const t = useT();
  const tools = useDictionary('renewal_digital_rd_tool');
  const a = row.response?.answers;
  if (!a) return null;
  const yn = (b: boolean) => t(b ? 'common.yes' : 'common.no');
  return (
    <Descriptions size="small" column={1} bordered className="hx-survey-answers">
      <Descriptions.Item label={t('renewal.survey.field.hasRdTools')}>
        {yn(a.hasRdTools)}
        {a.hasRdTools ? `：${a.rdTools.map((c) => tools.labelOf(c)).join('、')}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('renewal.survey.field.keyProcesses')}>
        {t('renewal.survey.cncLine', { cnc: a.cncProcesses, key: a.keyProcesses })}
      </Descriptions.Item>
      <Descriptions.Item label={t('renewal.survey.field.transformed')}>
        {yn(a.transformed)}
        {a.transformationNote ? `：${a.transformationNote}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('renewal.survey.field.app5gCount')}>
        {a.app5gCount}
        {a.app5gNames ? `：${a.app5gNames}` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}
