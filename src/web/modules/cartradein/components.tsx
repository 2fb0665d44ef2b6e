import { Empty, List, Tag, Timeline, Typography } from 'antd';
import { translate, type SharedMessageKey as SharedKey } from '../../../shared/i18n/messages';
import type { Locale } from '../../../shared/roles';
import type { MessageKey } from '../../i18n/messages';
import { useLocale, useT, type Translate } from '../../i18n/I18nProvider';
import { formatDate, formatMinute } from '../../components/format';
import type { CarApplicationStatus } from '../../../shared/enums/cartradein';
import { fenToYuan } from '../../../shared/money';
import type { CarApplicationView, CarRule, Eligibility } from './api';
import './cartradein.css';

/** Wording the server also uses (emission standards, evidence kinds): taken from the shared catalogue. */
export function shared(locale: Locale, key: string, params?: Record<string, string | number>): string {
  return translate(locale, key as SharedKey, params);
}

const STATUS_COLORS: Record<CarApplicationStatus, string> = {
  submitted: 'processing',
  returned: 'warning',
  rejected: 'error',
  approved: 'success',
  in_payment: 'cyan',
  paid: 'green',
};

export function CarStatusTag({ status }: { status: CarApplicationStatus }) {
  const t = useT();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={`car-status-${status}`}>
      {t(`car.status.${status}` as MessageKey)}
    </Tag>
  );
}

export function Yuan({ fen, testId }: { fen: number | null | undefined; testId?: string }) {
  return (
    <span className="hx-car-money" data-testid={testId}>
      {fen === null || fen === undefined ? '—' : `¥${fenToYuan(fen)}`}
    </span>
  );
}

export function EmptyState({ text, testId }: { text: string; testId?: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid={testId} />;
}

/** Every failed rule, in the caller's language (the server's words). */
export function ReasonList({ eligibility, testId = 'car-reasons' }: { eligibility: Eligibility; testId?: string }) {
  const t = useT();
  if (eligibility.eligible) return <Typography.Text type="success">{t('car.detail.eligibleYes')}</Typography.Text>;
  return (
    <div data-testid={testId}>
      <Typography.Text type="danger">{t('car.detail.eligibleNo')}</Typography.Text>
      <ul className="hx-car-reasons">
        {eligibility.reasons.map((r, i) => (
          <li key={`${r.code}-${i}`} data-testid={`car-reason-${r.code}`}>
            {r.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The status timeline, oldest first, with every reason a reviewer gave. */
export function StatusTimeline({ app }: { app: CarApplicationView }) {
  const t = useT();
  return (
    <Timeline
      data-testid="car-timeline"
      items={app.timeline.map((e, i) => ({
        key: i,
        color: e.toStatus === 'returned' ? 'orange' : e.toStatus === 'rejected' ? 'red' : e.toStatus === 'paid' || e.toStatus === 'approved' ? 'green' : 'blue',
        children: (
          <div data-testid={`car-timeline-${e.action}`}>
            <div>
              <strong>{t(`car.action.${e.action}` as MessageKey)}</strong> <Typography.Text type="secondary">{formatMinute(e.at)}</Typography.Text>
            </div>
            {e.reasons.length ? (
              <ul className="hx-car-reasons">
                {e.reasons.map((r, j) => (
                  <li key={j}>{r}</li>
                ))}
              </ul>
            ) : null}
            {e.note ? <Typography.Text type="secondary">{e.note}</Typography.Text> : null}
          </div>
        ),
      }))}
    />
  );
}

const yuanPlain = (fen: number) => fenToYuan(fen).replace(/\.00$/, '');

/** A programme's rule in plain words: four short lists (old car, new car, amount, papers) plus the deadlines. */
export function ruleInWords(
  t: Translate,
  locale: Locale,
  rule: CarRule,
): { oldCar: string[]; newCar: string[]; amounts: string[]; evidence: string[]; deadlines: string } {
  const oldCar: string[] = [];
  if (rule.oldCar.fuel) oldCar.push(t('car.programs.oldFuel', { max: shared(locale, `cartradein.emission.${rule.oldCar.fuel.maxEmissionStandard}`) }));
  if (rule.oldCar.nev)
    oldCar.push(rule.oldCar.nev.registeredOnOrBefore ? t('car.programs.oldNev', { date: rule.oldCar.nev.registeredOnOrBefore }) : t('car.programs.oldNevAny'));
  if (rule.oldCar.ownedOnOrBefore) oldCar.push(t('car.programs.ownedBy', { date: rule.oldCar.ownedOnOrBefore }));
  if (rule.oldCar.disposedOnOrAfter) oldCar.push(t('car.programs.disposedFrom', { date: rule.oldCar.disposedOnOrAfter }));
  const newCar: string[] = [];
  if (rule.newCar.nev) newCar.push(t('car.programs.newNev'));
  if (rule.newCar.fuel)
    newCar.push(
      rule.newCar.fuel.maxDisplacementMl
        ? t('car.programs.newFuel', { maxL: (rule.newCar.fuel.maxDisplacementMl / 1000).toFixed(1) })
        : t('car.programs.newFuelAny'),
    );
  const amounts = rule.amounts.map((b) =>
    t('car.programs.band', {
      type: t(`car.energy.${b.energyType}`),
      range:
        b.maxPriceFen === null
          ? b.minPriceFen > 0
            ? t('car.programs.bandFrom', { min: yuanPlain(b.minPriceFen) })
            : ''
          : t('car.programs.bandRange', { min: yuanPlain(b.minPriceFen), max: yuanPlain(b.maxPriceFen) }),
      amount: `¥${yuanPlain(b.amountFen)}`,
    }),
  );
  const evidence = rule.evidence.map((k) => shared(locale, `cartradein.evidence.${k}`));
  return {
    oldCar,
    newCar,
    amounts,
    evidence,
    deadlines: t('car.programs.deadlines', { review: rule.deadlines.reviewWorkingDays, payment: rule.deadlines.paymentWorkingDays }),
  };
}

export function WordList({ items, testId }: { items: string[]; testId?: string }) {
  return <List size="small" split={false} dataSource={items} data-testid={testId} renderItem={(s) => <List.Item className="hx-car-word">{s}</List.Item>} />;
}

export function useSharedLabel() {
  const { locale } = useLocale();
  return (key: string) => shared(locale, key);
}

export { formatDate, formatMinute };
