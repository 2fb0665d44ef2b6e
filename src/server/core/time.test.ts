import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfShanghaiDate,
  monthBounds,
  previousMonth,
  shanghaiDate,
  shanghaiHour,
  shanghaiHourKey,
  shanghaiInstant,
  shanghaiMonth,
  shanghaiYear,
  yearBounds,
} from './time.js';

describe('Asia/Shanghai time', () => {
  it('puts 00:30 on New Year’s Day in the new year, month and day, whatever form the instant takes', () => {
    const instant = '2026-12-31T16:30:00.000Z';
    for (const i of [instant, new Date(instant), Date.parse(instant)]) {
      expect(shanghaiDate(i)).toBe('2027-01-01');
      expect(shanghaiMonth(i)).toBe('2027-01');
      expect(shanghaiYear(i)).toBe(2027);
      expect(shanghaiHour(i)).toBe(0);
      expect(shanghaiHourKey(i)).toBe('2027-01-01T00');
    }
    // One millisecond before local midnight is still the old year.
    expect(shanghaiDate('2026-12-31T15:59:59.999Z')).toBe('2026-12-31');
  });

  it('turns local dates and times into instants', () => {
    expect(shanghaiInstant('2026-11-28', '10:00').toISOString()).toBe('2026-11-28T02:00:00.000Z');
    expect(endOfShanghaiDate('2026-12-31').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthBounds('2025-03')).toEqual({ from: new Date('2025-02-28T16:00:00Z'), to: new Date('2025-03-31T16:00:00Z') });
    expect(monthBounds('2026-12').to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(yearBounds(2027)).toEqual({ from: new Date('2026-12-31T16:00:00Z'), to: new Date('2027-12-31T16:00:00Z') });
  });

  it('counts days and months across years and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2026-12-01', '2026-12-31')).toBe(30);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(addMonths('2027-03', -14)).toBe('2026-01');
  });

  it('agrees with the wall clock of every instant: the date of an instant is the day whose bounds hold it', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const day = shanghaiDate(t);
        expect(shanghaiInstant(day).getTime() <= t && t < endOfShanghaiDate(day).getTime()).toBe(true);
        const { from, to } = monthBounds(shanghaiMonth(t));
        expect(from.getTime() <= t && t < to.getTime()).toBe(true);
      }),
    );
  });
});
