import { expectedAt, type IndicatorSpec } from '../../status/evaluate.js';
import { shanghaiYear, yearEnd, yearStart } from '../../status/time.js';
import { valueRule } from '../../reporting/valueRules.js';
import type { IndicatorKind } from '../../tables.js';
import { between, randomFor, wobble, type Random } from './random.js';

/** A reported indicator as the demo needs it. */
export interface DemoIndicator {
  id: number;
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  townBreakdown: boolean;
  spec: IndicatorSpec;
}

/** A month of the demo window: `YYYY-MM` and its instants (ms). */
export interface DemoMonth {
  period: string;
  startsAt: number;
  endsAt: number;
}

/** The city's figure (the lead unit's report) for each month, and the baseline the lead reports with its first one. */
export interface CitySeries {
  values: number[];
  baseline: number | null;
  /** The first month's value also covers what was done before the window (since the plan began, or since January). */
  catchUp: boolean;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Rounds a value as its unit is written: whole things, one decimal for a percentage, two for an amount. */
export function roundFor(indicator: Pick<DemoIndicator, 'kind' | 'unit'>, v: number): number {
  const rule = valueRule(indicator);
  if (rule === 'count') return Math.max(0, Math.round(v));
  if (rule === 'percent') return Math.min(100, Math.max(0, round(v, 1)));
  return Math.max(0, round(v, 2));
}

/**
 * How well the city does on an indicator: ahead of the plan's straight line on most, a little short on some,
 * clearly behind on a few — so the dashboard shows every status, not a wall of green.
 */
export function performanceOf(code: string): number {
  const rand = randomFor(`demo:performance:${code}`);
  const r = rand();
  if (r < 0.6) return between(rand, 1.03, 1.15);
  if (r < 0.85) return between(rand, 0.89, 0.97);
  return between(rand, 0.72, 0.8);
}

const isJanuary = (m: DemoMonth) => m.period.endsWith('-01');
const monthIndex = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

/** Flows whose running total follows `target(k)`: the running total restarts at 0 where `restart(k)` says so. */
function flows(indicator: DemoIndicator, months: DemoMonth[], target: (k: number) => number, restart: (k: number) => boolean): number[] {
  const out: number[] = [];
  let total = 0;
  months.forEach((_, k) => {
    if (restart(k)) total = 0;
    const next = Math.max(total, roundFor(indicator, target(k)));
    out.push(roundFor(indicator, next - total));
    total = next;
  });
  return out;
}

/** The series of the city's figures over the window, by the indicator's kind (see status/evaluate.ts for what a value means). */
export function citySeries(indicator: DemoIndicator, months: DemoMonth[]): CitySeries {
  const { spec, code } = indicator;
  const f = performanceOf(code);
  const rand = randomFor(`demo:series:${code}`);
  const noise = months.map(() => wobble(rand));
  const expected = (k: number, first?: number) => expectedAt(spec, months[k]!.endsAt, first ?? null) ?? 0;
  const catchUpNeeded = months.length > 0 && !isJanuary(months[0]!);

  switch (spec.kind) {
    case 'cumulative':
      return {
        values: flows(
          indicator,
          months,
          (k) => expected(k) * f * (1 + 0.04 * noise[k]!),
          (k) => k === 0,
        ),
        baseline: null,
        catchUp: true,
      };
    case 'annual':
      return {
        values: flows(
          indicator,
          months,
          (k) => expected(k) * f * (1 + 0.04 * noise[k]!),
          (k) => k === 0 || isJanuary(months[k]!),
        ),
        baseline: null,
        catchUp: catchUpNeeded,
      };
    case 'level':
    case 'share': {
      // Starts somewhere short of the target and gains, by now, `f` times what the plan's line asks for.
      const target = spec.targets[spec.targets.length - 1]?.value ?? 100;
      const start = target * between(rand, 0.62, 0.82);
      const p = months.map((_, k) => expected(k, 0) / target);
      const p0 = p[0]!;
      const span = Math.max(p[p.length - 1]! - p0, 1e-6);
      const reach = p[p.length - 1]!;
      return {
        values: months.map((_, k) => roundFor(indicator, start + (target - start) * f * ((p[k]! - p0) / span) * reach + target * 0.004 * noise[k]!)),
        baseline: null,
        catchUp: false,
      };
    }
    case 'growth':
      if (spec.unit === '百分点') {
        // The level behind the rise: the baseline year's level plus the rise the plan's line asks for, scaled.
        const baseline = round(between(rand, 58, 72), 1);
        return {
          values: months.map((_, k) => roundFor(indicator, baseline + expected(k) * f + 0.15 * noise[k]!)),
          baseline: spec.yearOnYear ? null : baseline,
          catchUp: false,
        };
      }
      if (spec.yearOnYear) return yearOnYearSeries(indicator, months, f, catchUpNeeded);
      return fixedBaselineGrowth(indicator, months, f, rand, noise, catchUpNeeded);
  }
}

/** A % growth against a baseline year: the quantity so far this year is the pro-rated baseline grown by the path's rate. */
function fixedBaselineGrowth(indicator: DemoIndicator, months: DemoMonth[], f: number, rand: Random, noise: number[], catchUp: boolean): CitySeries {
  const baseline = round(between(rand, 40, 240), 2);
  const soFar = (k: number) => {
    const end = months[k]!.endsAt;
    const y = shanghaiYear(end - 1);
    const fraction = (end - yearStart(y)) / (yearEnd(y) - yearStart(y));
    const rate = (expectedAt(indicator.spec, end) ?? 0) * f;
    return baseline * fraction * (1 + rate / 100) * (1 + 0.01 * noise[k]!);
  };
  return {
    values: flows(indicator, months, soFar, (k) => k === 0 || isJanuary(months[k]!)),
    baseline,
    catchUp,
  };
}

/** A year-on-year % growth: a monthly quantity that grows by about the target rate a year, month by month. */
function yearOnYearSeries(indicator: DemoIndicator, months: DemoMonth[], f: number, catchUp: boolean): CitySeries {
  const rand = randomFor(`demo:yoy:${indicator.code}`);
  const perMonth = between(rand, 2, 9);
  const rate = ((indicator.spec.targets[0]?.value ?? 10) / 100) * f;
  const origin = monthIndex('2024-01');
  const quantity = (index: number) => perMonth * (1 + rate) ** ((index - origin) / 12) * (1 + 0.05 * wobble(randomFor(`demo:yoy:${indicator.code}:${index}`)));
  return {
    values: months.map((m, k) => {
      const index = monthIndex(m.period);
      if (k > 0 || !catchUp) return roundFor(indicator, quantity(index));
      let sum = 0;
      for (let i = index - (index % 12); i <= index; i++) sum += quantity(i);
      return roundFor(indicator, sum);
    }),
    baseline: null,
    catchUp,
  };
}

/** Each town's part of the city's figures: a fixed weight per town and indicator; whole things are dealt out. */
export function townSeries(indicator: DemoIndicator, city: number[], townIds: number[]): Map<number, number[]> {
  const weights = townIds.map((t) => between(randomFor(`demo:town:${t}`), 0.4, 2) * between(randomFor(`demo:town:${indicator.code}:${t}`), 0.5, 1.5));
  const total = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => w / total);
  const out = new Map<number, number[]>(townIds.map((t) => [t, []]));
  const isCount = valueRule(indicator) === 'count';
  const flow = indicator.kind === 'cumulative' || indicator.kind === 'annual';
  city.forEach((v, k) => {
    if (!flow) {
      townIds.forEach((t) => out.get(t)!.push(roundFor(indicator, v * (1 + 0.05 * wobble(randomFor(`demo:town:${indicator.code}:${t}:${k}`))))));
      return;
    }
    if (!isCount) {
      townIds.forEach((t, i) => out.get(t)!.push(roundFor(indicator, v * shares[i]!)));
      return;
    }
    // Whole things go to towns by largest remainder, so the towns add up to the city.
    const exact = shares.map((s) => s * v);
    const given = exact.map(Math.floor);
    let left = v - given.reduce((s, g) => s + g, 0);
    const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) + 0.01 * randomFor(`demo:deal:${indicator.code}:${k}:${i}`)() })).sort((a, b) => b.r - a.r);
    for (const { i } of order) {
      if (left <= 0) break;
      given[i]! += 1;
      left -= 1;
    }
    townIds.forEach((t, i) => out.get(t)!.push(given[i]!));
  });
  return out;
}

/** A co-responsible unit's figure: its part of a flow, or the city's rate as it sees it. */
export function coValue(indicator: DemoIndicator, organizationId: number, cityValue: number): number {
  const flow = indicator.kind === 'cumulative' || indicator.kind === 'annual' || (indicator.kind === 'growth' && indicator.unit !== '百分点');
  if (!flow) return cityValue;
  return roundFor(indicator, cityValue * between(randomFor(`demo:co:${indicator.code}:${organizationId}`), 0.15, 0.45));
}

/** The wrong figure a report was first handed in with before the office sent it back (a slip of a digit or a total). */
export function slipOf(indicator: DemoIndicator, value: number, rand: Random): number {
  if (valueRule(indicator) === 'percent') return roundFor(indicator, value + (rand() < 0.5 ? -1 : 1) * between(rand, 3, 8));
  const wrong = rand() < 0.4 ? value * 10 : value * between(rand, 1.2, 1.5);
  return roundFor(indicator, wrong === value ? value + 1 : wrong);
}
