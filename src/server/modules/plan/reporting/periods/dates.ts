import { shanghaiMidnight } from '../../../../core/time.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The instants and the deadline of a monthly period `YYYY-MM` (Asia/Shanghai). */
export function monthlyPeriod(period: string, deadlineDay: number) {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const nextY = m === 12 ? y + 1 : y;
  const nextM = m === 12 ? 1 : m + 1;
  const startsAt = shanghaiMidnight(y, m, 1);
  const endsAt = shanghaiMidnight(nextY, nextM, 1);
  // Reports are due by the end of the deadline day: a submission at 23:59 on the 5th is on time.
  const deadlineAt = shanghaiMidnight(nextY, nextM, deadlineDay + 1);
  return {
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
    deadlineDate: `${nextY}-${pad(nextM)}-${pad(deadlineDay)}`,
    deadlineAt: new Date(deadlineAt).toISOString(),
  };
}
