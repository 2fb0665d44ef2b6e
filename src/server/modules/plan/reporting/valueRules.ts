import type { MessageKey } from '../../../core/messages.js';
// This module's messages, registered for translate (also when this file is used outside the app).
import '../messages.js';
import type { IndicatorKind } from '../tables.js';

/**
 * What a reported value may be, by the indicator's kind and unit:
 * - a level or share in % (and the level behind a growth in 百分点) lies in 0–100;
 * - a count of things (个, 座, 台, 部, 场, 项, 辆…) is a whole number ≥ 0;
 * - anything else (亿元, 万辆, 万平方米, and the measured quantity behind a growth in %) is an amount ≥ 0.
 * Units with 万 are scaled amounts (2.5 万辆), not counts.
 */
export type ValueRule = 'percent' | 'count' | 'amount';

const COUNT_UNITS = new Set(['个', '座', '台', '部', '场', '项', '辆', '家', '处', '条', '艘', '套', '次', '人']);

export interface RuleIndicator {
  kind: IndicatorKind;
  unit: string;
}

export function valueRule(indicator: RuleIndicator): ValueRule {
  if (indicator.unit === '%' && (indicator.kind === 'level' || indicator.kind === 'share')) return 'percent';
  if (indicator.unit === '百分点') return 'percent';
  if (COUNT_UNITS.has(indicator.unit) && (indicator.kind === 'cumulative' || indicator.kind === 'annual')) return 'count';
  return 'amount';
}

/** The reason a value is refused, or null when it is acceptable. */
export function checkReportValue(indicator: RuleIndicator, value: number): MessageKey | null {
  if (!Number.isFinite(value)) return 'field.report.notANumber';
  switch (valueRule(indicator)) {
    case 'percent':
      return value < 0 || value > 100 ? 'field.report.percentRange' : null;
    case 'count':
      return !Number.isInteger(value) || value < 0 ? 'field.report.wholeNumber' : null;
    case 'amount':
      return value < 0 ? 'field.report.nonNegative' : null;
  }
}

/**
 * A baseline is the same measure in the baseline year: a level for 百分点 growth (0–100), otherwise the quantity
 * a % growth is computed against, which must be above 0 (it is divided by).
 */
export function checkBaselineValue(indicator: RuleIndicator, value: number): MessageKey | null {
  if (!Number.isFinite(value)) return 'field.report.notANumber';
  if (indicator.unit === '百分点') return value < 0 || value > 100 ? 'field.report.percentRange' : null;
  return value > 0 ? null : 'field.report.positive';
}

/**
 * Whether the lead unit must report the baseline with its report: a growth against a fixed baseline year whose
 * value neither the plan nor an earlier accepted report has given.
 */
export function needsBaseline(
  indicator: { kind: IndicatorKind; baseline_year: number | null; baseline_value: number | null; year_on_year: number },
  reportedBaseline: number | null,
): boolean {
  return (
    indicator.kind === 'growth' &&
    indicator.year_on_year !== 1 &&
    indicator.baseline_year !== null &&
    indicator.baseline_value === null &&
    reportedBaseline === null
  );
}
