import type { ReportStatus } from '../../reporting/tables.js';
import { DAY_MS } from '../../status/time.js';
import { between, randomFor, type Random } from './random.js';

const HOUR_MS = 3600_000;

/**
 * What happens to one report, told in full from the unit's first save to the office's acceptance; the demo keeps
 * the part that has happened by the seed's clock. Told the same on every run (its random stream is keyed by the
 * report), so the state of a month follows from the date alone: old months are settled, last month is still moving.
 */
export interface ReportStory {
  draftAt: number;
  submitAt: number;
  /** Sent back by the office, corrected and handed in again. */
  returned: { at: number; reason: string; correctedAt: number; resubmittedAt: number } | null;
  acceptAt: number;
}

export const RETURN_REASONS = [
  '（演示）数值与佐证材料不一致，请核对后重新报送。',
  '（演示）本月数值较上月波动较大，请补充说明原因。',
  '（演示）请按统计口径填报当月新增量，勿填累计数。',
  '（演示）缺少项目清单佐证，请补充后重新提交。',
] as const;

/** An instant in office hours (09:00–18:00 Shanghai) `day` whole days after a Shanghai midnight. */
const officeHours = (midnight: number, day: number, rand: Random) => midnight + Math.floor(day) * DAY_MS + (9 + 9 * rand()) * HOUR_MS;

/** Most units hand in by the 5th; some a few days late; a few stragglers weeks late; some reports are sent back once and corrected. */
export function storyOf(key: string, month: { endsAt: number; deadlineAt: number }): ReportStory {
  const rand = randomFor(`demo:story:${key}`);
  const { endsAt, deadlineAt } = month;
  const deadlineDays = Math.round((deadlineAt - endsAt) / DAY_MS);
  const r = rand();
  const submitAt =
    r < 0.08
      ? officeHours(endsAt, deadlineDays + between(rand, 0, 8), rand)
      : r < 0.1
        ? officeHours(endsAt, deadlineDays + between(rand, 20, 40), rand)
        : officeHours(endsAt, between(rand, 0, deadlineDays), rand);
  const draftAt = Math.min(officeHours(endsAt, between(rand, -8, 2), rand), submitAt - 2 * HOUR_MS);
  let returned: ReportStory['returned'] = null;
  let decidedFrom = submitAt;
  if (rand() < 0.08) {
    const at = submitAt + between(rand, 1, 3) * DAY_MS;
    // Most units correct within days; some take weeks, so a newcomer finds reports waiting for their correction.
    const correctedAt = at + (rand() < 0.4 ? between(rand, 8, 30) : between(rand, 0.5, 3)) * DAY_MS;
    const resubmittedAt = correctedAt + between(rand, 0.05, 0.4) * DAY_MS;
    returned = { at, reason: RETURN_REASONS[Math.floor(rand() * RETURN_REASONS.length)]!, correctedAt, resubmittedAt };
    decidedFrom = resubmittedAt;
  }
  return { draftAt, submitAt, returned, acceptAt: decidedFrom + between(rand, 0.8, 4) * DAY_MS };
}

export interface StoryEvent {
  action: 'save' | 'submit' | 'return' | 'accept';
  from: ReportStatus;
  to: ReportStatus;
  at: number;
  by: 'unit' | 'office';
  /** The report's value after the move (the timeline keeps it); null for a return. */
  value: number | null;
  reason?: string;
}

/** The moves of a story that have happened by `now`, with the figures the unit gave (a slip first, when sent back). */
export function eventsBy(story: ReportStory, now: number, value: number, slip: number): StoryEvent[] {
  const all: StoryEvent[] = [
    { action: 'save', from: 'pending', to: 'draft', at: story.draftAt, by: 'unit', value: story.returned ? slip : value },
    { action: 'submit', from: 'draft', to: 'submitted', at: story.submitAt, by: 'unit', value: story.returned ? slip : value },
  ];
  if (story.returned) {
    const r = story.returned;
    all.push(
      { action: 'return', from: 'submitted', to: 'returned', at: r.at, by: 'office', value: null, reason: r.reason },
      { action: 'save', from: 'returned', to: 'corrected', at: r.correctedAt, by: 'unit', value },
      { action: 'submit', from: 'corrected', to: 'submitted', at: r.resubmittedAt, by: 'unit', value },
    );
  }
  all.push({ action: 'accept', from: 'submitted', to: 'accepted', at: story.acceptAt, by: 'office', value });
  return all.filter((e) => e.at <= now);
}
