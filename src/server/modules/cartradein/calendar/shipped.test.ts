import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { parseCalendarFile, shippedCalendars } from './shipped.js';
import { addCalendarDays, isWorkingDay } from './workingDays.js';

/**
 * The shipped calendars against an independent copy of the State Council's notices (the `chinese-days`
 * package, pinned): a wrong, missing or invented day fails here before it can move a deadline.
 */

const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
// chinese-days names a day "English,中文,n"; our notes say 清明节 where it says 清明.
const festivalOf = (date: string) => chineseDays.getDayDetail(date).name.split(',')[1] ?? '';

function datesOf(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

describe('shipped working-day calendars', () => {
  const calendars = shippedCalendars();

  it('ships 2025 and 2026, each citing its notice', () => {
    expect(calendars.map((c) => c.year)).toEqual(expect.arrayContaining([2025, 2026]));
    for (const c of calendars) expect(c.source.title).toBe(`国务院办公厅关于${c.year}年部分节假日安排的通知`);
  });

  for (const cal of calendars) {
    describe(String(cal.year), () => {
      const exceptions = new Map(cal.days.map((d) => [d.date, d.working]));

      it('is a year chinese-days has published (no year is shipped before its notice)', () => {
        expect(chineseDays.getHolidaysInRange(`${cal.year}-01-01`, `${cal.year}-12-31`, false).length).toBeGreaterThan(0);
      });

      it('agrees with chinese-days on whether every day of the year is a working day', () => {
        const disagree = datesOf(cal.year).filter((d) => isWorkingDay(d, exceptions) !== chineseDays.isWorkday(d));
        expect(disagree).toEqual([]);
      });

      it('lists exactly its holidays and make-up working days, each with the festival in its note', () => {
        const holidays = chineseDays.getHolidaysInRange(`${cal.year}-01-01`, `${cal.year}-12-31`, false);
        const makeUp = datesOf(cal.year).filter((d) => weekend(d) && chineseDays.isWorkday(d));
        expect(cal.days.filter((d) => !d.working).map((d) => d.date)).toEqual(holidays);
        expect(cal.days.filter((d) => d.working).map((d) => d.date)).toEqual(makeUp);
        for (const d of cal.days) {
          expect(d.note, d.date).toContain(festivalOf(d.date));
          if (d.working) expect(d.note, d.date).toMatch(/调休上班$/);
        }
      });
    });
  }

  it('refuses a file whose days are outside its year, repeated, or named for another year', () => {
    const file = { year: 2026, source: { title: 't', docNumber: null }, days: [{ date: '2026-01-01', working: false, note: '元旦' }] };
    expect(parseCalendarFile('2026.json', file).days).toHaveLength(1);
    expect(() => parseCalendarFile('2027.json', file)).toThrow(/holds year 2026/);
    expect(() => parseCalendarFile('2026.json', { ...file, days: [{ date: '2025-12-31', working: false, note: '元旦' }] })).toThrow(/outside/);
    expect(() => parseCalendarFile('2026.json', { ...file, days: [...file.days, ...file.days] })).toThrow(/twice/);
  });
});
