import { describe, expect, it } from 'vitest';
import { actualAt, evaluateIndicator, expectedAt, forecastAt, linearTrend, nextTarget, type IndicatorSpec, type Observation } from './evaluate.js';
import { rollUp, summarise } from './rollup.js';
import { DAY_MS, endOfDay, monthStartsBetween, shanghaiDate, shanghaiMidnight, shanghaiYear, startOfDay, yearEnd, yearStart } from './time.js';

const PLAN_START = '2024-06-05';
const ps = startOfDay(PLAN_START);
const iso = (ms: number) => new Date(ms).toISOString();
/** One observation covering a Shanghai calendar month. */
const month = (y: number, m: number, value: number): Observation => ({
  periodStart: iso(shanghaiMidnight(y, m, 1)),
  periodEnd: iso(m === 12 ? shanghaiMidnight(y + 1, 1, 1) : shanghaiMidnight(y, m + 1, 1)),
  value,
});
const stations: IndicatorSpec = {
  kind: 'cumulative',
  comparator: '≥',
  unit: '个',
  baseline: null,
  yearOnYear: false,
  targets: [{ year: 2027, value: 80 }],
  planStart: PLAN_START,
};
const name = { zh: '回收站', en: 'Recycling stations' };
/** The instant at which the straight line to 80 by the end of 2027 passes 35. */
const at35 = ps + ((yearEnd(2027) - ps) * 35) / 80;

describe('plan time (Asia/Shanghai)', () => {
  it('dates targets at the end of 31 December local time', () => {
    expect(iso(yearEnd(2025))).toBe('2025-12-31T16:00:00.000Z');
    expect(iso(startOfDay('2024-06-05'))).toBe('2024-06-04T16:00:00.000Z');
    expect(endOfDay('2025-06-30') - startOfDay('2025-06-30')).toBe(DAY_MS);
    expect(shanghaiYear(yearStart(2026))).toBe(2026);
    expect(shanghaiYear(yearStart(2026) - 1)).toBe(2025);
    expect(shanghaiDate(yearEnd(2025) - 1)).toBe('2025-12-31');
    expect(monthStartsBetween(ps, shanghaiMidnight(2024, 9, 1)).map(shanghaiDate)).toEqual(['2024-07-01', '2024-08-01', '2024-09-01']);
  });
});

describe('expected value on a linear path', () => {
  it('cumulative: from 0 at plan start to each dated target, then flat', () => {
    expect(expectedAt(stations, ps)).toBe(0);
    expect(expectedAt(stations, at35)).toBeCloseTo(35, 6);
    expect(expectedAt(stations, yearEnd(2027))).toBe(80);
    expect(expectedAt(stations, yearEnd(2029))).toBe(80);
    const buses: IndicatorSpec = {
      ...stations,
      unit: '部',
      targets: [
        { year: 2025, value: 40 },
        { year: 2027, value: 60 },
      ],
    };
    expect(expectedAt(buses, yearEnd(2025))).toBe(40);
    expect(expectedAt(buses, yearEnd(2026))).toBeCloseTo(50, 1);
    expect(nextTarget(buses, yearEnd(2025) + 1)).toMatchObject({ year: 2027, value: 60 });
  });

  it('annual: restarts every year, pro-rated over the part of the year the plan covers', () => {
    const projects: IndicatorSpec = { ...stations, kind: 'annual', targets: [2024, 2025, 2026, 2027].map((year) => ({ year, value: 300 })) };
    expect(expectedAt(projects, yearEnd(2024))).toBe(300);
    const mid2025 = shanghaiMidnight(2025, 7, 2);
    expect(expectedAt(projects, mid2025)).toBeCloseTo((300 * (mid2025 - yearStart(2025))) / (yearEnd(2025) - yearStart(2025)), 6);
    // 2024 starts at the plan's issue date, not 1 January.
    const mid2024 = ps + (yearEnd(2024) - ps) / 2;
    expect(expectedAt(projects, mid2024)).toBeCloseTo(150, 6);
    // A year without its own target measures against the next dated one.
    const cars: IndicatorSpec = { ...stations, kind: 'annual', targets: [{ year: 2027, value: 2.5 }] };
    expect(expectedAt(cars, yearEnd(2025))).toBe(2.5);
  });

  it('level: from the baseline value, or the first observation when the plan gives none', () => {
    const rate: IndicatorSpec = { ...stations, kind: 'level', unit: '%', comparator: '>', targets: [{ year: 2027, value: 90 }] };
    expect(expectedAt(rate, yearEnd(2027), 60)).toBe(90);
    expect(expectedAt(rate, ps, 60)).toBe(60);
    expect(expectedAt({ ...rate, baseline: { year: 2023, value: 70 } }, ps, 60)).toBe(70);
  });
});

describe('actual value by kind', () => {
  it('cumulative sums the periods since plan start; annual sums the calendar year', () => {
    const obs = [month(2024, 5, 99), month(2024, 7, 3), month(2024, 12, 4), month(2025, 2, 5)];
    expect(actualAt(stations, obs, yearEnd(2025))).toBe(12); // May 2024 is before the plan
    const annual = { ...stations, kind: 'annual' as const };
    expect(actualAt(annual, obs, yearEnd(2025))).toBe(5);
    // The year's count is the whole calendar year's, also in the year the plan was issued.
    expect(actualAt(annual, obs, yearEnd(2024))).toBe(106);
    expect(actualAt(stations, [], yearEnd(2025))).toBeNull();
    // Periods not yet ended by the as-of date are not counted.
    expect(actualAt(stations, obs, shanghaiMidnight(2025, 2, 15))).toBe(7);
  });

  it('level and share take the latest value', () => {
    const share: IndicatorSpec = { ...stations, kind: 'share', unit: '%' };
    expect(actualAt(share, [month(2025, 1, 30), month(2025, 3, 42), month(2025, 2, 35)], yearEnd(2025))).toBe(42);
  });

  it('growth in %: against the baseline, pro-rated within the current year', () => {
    const investment: IndicatorSpec = { ...stations, kind: 'growth', unit: '%', baseline: { year: 2023, value: 100 }, targets: [{ year: 2027, value: 25 }] };
    const fullYear = Array.from({ length: 12 }, (_, i) => month(2025, i + 1, 10));
    expect(actualAt(investment, fullYear, yearEnd(2025))).toBeCloseTo(20, 6);
    const firstHalf = fullYear.slice(0, 6);
    const fraction = (shanghaiMidnight(2025, 7, 1) - yearStart(2025)) / (yearEnd(2025) - yearStart(2025));
    expect(actualAt(investment, firstHalf, yearEnd(2025))).toBeCloseTo((60 / (100 * fraction) - 1) * 100, 3);
    // Without the baseline value the growth cannot be computed.
    expect(actualAt({ ...investment, baseline: { year: 2023, value: null } }, fullYear, yearEnd(2025))).toBeNull();
  });

  it('growth year on year compares with the same part of the previous year', () => {
    const output: IndicatorSpec = {
      ...stations,
      kind: 'growth',
      unit: '%',
      yearOnYear: true,
      targets: [2024, 2025, 2026, 2027].map((year) => ({ year, value: 20 })),
    };
    const obs = [month(2024, 1, 50), month(2024, 2, 50), month(2024, 3, 80), month(2025, 1, 60), month(2025, 2, 60)];
    expect(actualAt(output, obs, yearEnd(2025))).toBeCloseTo(20, 6);
  });

  it('growth in 百分点 is the difference from the baseline level', () => {
    const nc: IndicatorSpec = { ...stations, kind: 'growth', unit: '百分点', baseline: { year: 2023, value: 70 }, targets: [{ year: 2027, value: 5 }] };
    expect(actualAt(nc, [month(2025, 6, 72.5), month(2025, 9, 73)], yearEnd(2025))).toBe(3);
  });
});

describe('status, progress and reason', () => {
  const before = (v: number) => [{ periodStart: iso(ps), periodEnd: iso(at35 - DAY_MS), value: v }];

  it('28 built where 35 are expected is behind, with the reason in both languages', () => {
    const e = evaluateIndicator({ indicator: stations, observations: before(28), asOf: at35, name });
    expect(e).toMatchObject({ actual: 28, expected: 35, status: 'behind', target: { year: 2027, value: 80 } });
    expect(e.progress).toBe(35);
    expect(e.reason).toEqual({ zh: '回收站28个，按进度应为35个', en: 'Recycling stations: 28; 35 expected by now' });
  });

  it('at risk from 85% of the expected value, on track from 100%', () => {
    expect(evaluateIndicator({ indicator: stations, observations: before(30), asOf: at35, name }).status).toBe('at_risk'); // 85.7%
    expect(evaluateIndicator({ indicator: stations, observations: before(29), asOf: at35, name }).status).toBe('behind'); // 82.9%
    expect(evaluateIndicator({ indicator: stations, observations: before(35), asOf: at35, name }).status).toBe('on_track');
  });

  it('overdue when a due report is missing; not started without data or before the plan', () => {
    const overdue = evaluateIndicator({ indicator: stations, observations: before(40), asOf: at35, missingReports: 2, name });
    expect(overdue.status).toBe('overdue');
    expect(overdue.reason.zh).toBe('回收站有2期报告逾期未报');
    expect(overdue.reason.en).toBe('2 overdue reports for Recycling stations');
    const empty = evaluateIndicator({ indicator: stations, observations: [], asOf: at35, name });
    expect(empty).toMatchObject({ status: 'not_started', actual: null, progress: null, forecast: null });
    expect(empty.reason.en).toBe('No data yet for Recycling stations');
    expect(evaluateIndicator({ indicator: stations, observations: [], asOf: ps - DAY_MS, missingReports: 1, name }).status).toBe('not_started');
  });

  it('after the due date the target is met or missed; ">" needs strictly more', () => {
    const after = yearEnd(2027) + DAY_MS;
    const done = [{ periodStart: iso(ps), periodEnd: iso(yearEnd(2027)), value: 80 }];
    expect(evaluateIndicator({ indicator: stations, observations: done, asOf: after, name }).status).toBe('on_track');
    const strict = { ...stations, comparator: '>' as const };
    const e = evaluateIndicator({ indicator: strict, observations: done, asOf: after, name });
    expect(e.status).toBe('behind');
    expect(e.reason.zh).toBe('回收站80个，2027年目标为80个');
  });

  it('units read naturally in both languages', () => {
    const cars: IndicatorSpec = { ...stations, kind: 'annual', unit: '万辆', targets: [{ year: 2027, value: 2.5 }] };
    const asOf = shanghaiMidnight(2027, 7, 1);
    const e = evaluateIndicator({ indicator: cars, observations: [month(2027, 1, 0.5)], asOf, name: { zh: '年换车', en: 'Cars traded in a year' } });
    expect(e.reason.zh).toMatch(/^年换车0\.5万辆，按进度应为1\.2\d?万辆$/);
    expect(e.reason.en).toMatch(/^Cars traded in a year: 0\.5×10k vehicles; 1\.2\d?×10k vehicles expected by now$/);
  });
});

describe('forecast by linear trend', () => {
  it('extends a steady monthly pace of a cumulative count to the target date', () => {
    const obs = Array.from({ length: 12 }, (_, i) => month(2025, i + 1, 2));
    const f = forecastAt(stations, obs, yearEnd(2025), yearEnd(2027))!;
    // 24 a year over 2025, anchored at 0 on 2024-06-05: a line through the origin would give roughly 24 × 3.57;
    // least squares through the points gives a value between the two readings of the pace.
    expect(f).toBeGreaterThan(48);
    expect(f).toBeLessThan(90);
    const e = evaluateIndicator({ indicator: stations, observations: obs, asOf: yearEnd(2025), name });
    expect(e.forecast).toBeCloseTo(f, 3);
  });

  it('annual: projects this year’s run rate to 31 December', () => {
    const annual: IndicatorSpec = { ...stations, kind: 'annual', targets: [{ year: 2025, value: 300 }] };
    const obs = Array.from({ length: 6 }, (_, i) => month(2025, i + 1, 20));
    expect(forecastAt(annual, obs, shanghaiMidnight(2025, 7, 1), yearEnd(2025))).toBeCloseTo(240, -1);
  });

  it('a least-squares line through exact points reproduces them', () => {
    expect(
      linearTrend(
        [
          { t: 0, v: 1 },
          { t: 1, v: 3 },
          { t: 2, v: 5 },
        ],
        4,
      ),
    ).toBeCloseTo(9, 9);
    expect(linearTrend([{ t: 3, v: 7 }], 10)).toBe(7);
    expect(linearTrend([], 10)).toBeNull();
  });
});

describe('roll-ups', () => {
  it('counts by status and averages progress capped at 100', () => {
    const items = [
      { status: 'on_track' as const, progress: 150, action: 'A1', units: ['市商务局', '市公安局'] },
      { status: 'behind' as const, progress: 20, action: 'A1', units: ['市商务局'] },
      { status: 'not_started' as const, progress: null, action: 'A2', units: ['市公安局'] },
    ];
    expect(summarise(items)).toMatchObject({ total: 3, meanProgress: 60, counts: { on_track: 1, behind: 1, not_started: 1, at_risk: 0, overdue: 0 } });
    const byAction = rollUp(items, (i) => i.action);
    expect(byAction.get('A1')).toMatchObject({ total: 2, meanProgress: 60 });
    expect(byAction.get('A2')).toMatchObject({ total: 1, meanProgress: null });
    const byUnit = rollUp(items, (i) => i.units);
    expect(byUnit.get('市商务局')!.total).toBe(2);
    expect(byUnit.get('市公安局')!.counts).toMatchObject({ on_track: 1, not_started: 1 });
  });
});
