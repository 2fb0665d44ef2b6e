import { describe, expect, it } from 'vitest';
import { shippedCalendars } from './shipped.js';
import { addWorkingDays, isWorkingDay, shanghaiDateOf } from './workingDays.js';

// Every shipped year, as the seed loads them.
const CAL = new Map(shippedCalendars().flatMap((c) => c.days.map((d) => [d.date, d.working] as const)));

describe('working days (Asia/Shanghai)', () => {
  it('skips weekends: 10 working days from a Monday is the Monday two weeks on', () => {
    expect(addWorkingDays('2025-03-03', 10, new Map())).toBe('2025-03-17');
    expect(addWorkingDays('2025-03-07', 1, new Map())).toBe('2025-03-10'); // Friday → Monday
  });

  it('skips public holidays and counts make-up working weekends', () => {
    expect(isWorkingDay('2025-10-01', CAL)).toBe(false);
    expect(isWorkingDay('2025-10-11', CAL)).toBe(true); // a Saturday declared a working day
    // Submitted Tuesday 30 Sept: 1–8 Oct are holidays, 9 Oct (Thu) is the 1st working day, 10 Oct the 2nd, Saturday 11 Oct the 3rd.
    expect(addWorkingDays('2025-09-30', 3, CAL)).toBe('2025-10-11');
  });

  it('2026: a review due in 10 working days skips 春节 and counts its make-up Saturdays', () => {
    // Thursday 12 Feb: 13 Feb (Fri) 1st, Saturday 14 Feb (调休) 2nd, 15–23 Feb 春节, 24–27 Feb 3rd–6th,
    // Saturday 28 Feb (调休) 7th, 2–4 Mar 8th–10th.
    expect(addWorkingDays('2026-02-12', 10, CAL)).toBe('2026-03-04');
    expect(addWorkingDays('2026-02-12', 10, new Map())).toBe('2026-02-26'); // what 2026 counted without its calendar
    // 15 payment working days from the same day.
    expect(addWorkingDays('2026-02-12', 15, CAL)).toBe('2026-03-11');
    // National Day: Sunday 20 Sept and Saturday 10 Oct are working days, 1–7 Oct are not.
    expect(addWorkingDays('2026-09-30', 2, CAL)).toBe('2026-10-09');
    expect(isWorkingDay('2026-09-20', CAL)).toBe(true);
  });

  it('takes the Shanghai date of an instant (UTC+8)', () => {
    expect(shanghaiDateOf('2025-06-30T16:00:00.000Z')).toBe('2025-07-01');
    expect(shanghaiDateOf('2025-06-30T15:59:59.000Z')).toBe('2025-06-30');
  });
});
