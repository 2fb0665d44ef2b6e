import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_2025, addWorkingDays, isWorkingDay, shanghaiDateOf } from './workingDays.js';

const CAL = new Map(DEFAULT_CALENDAR_2025.map((d) => [d.date, d.working]));

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

  it('takes the Shanghai date of an instant (UTC+8)', () => {
    expect(shanghaiDateOf('2025-06-30T16:00:00.000Z')).toBe('2025-07-01');
    expect(shanghaiDateOf('2025-06-30T15:59:59.000Z')).toBe('2025-06-30');
  });
});
