import { describe, expect, it } from 'vitest';
import { checkBaselineValue, checkReportValue, needsBaseline, valueRule } from './valueRules.js';

describe('reported values are checked against the indicator', () => {
  it('levels and shares in % lie in 0–100', () => {
    const share = { kind: 'share' as const, unit: '%' };
    expect(valueRule(share)).toBe('percent');
    expect(checkReportValue(share, 0)).toBeNull();
    expect(checkReportValue(share, 100)).toBeNull();
    expect(checkReportValue(share, 100.5)).toBe('field.report.percentRange');
    expect(checkReportValue(share, -1)).toBe('field.report.percentRange');
    expect(checkReportValue({ kind: 'growth', unit: '百分点' }, 72.5)).toBeNull();
  });

  it('counts are whole numbers ≥ 0; scaled units and amounts may be fractions', () => {
    for (const unit of ['个', '座', '台', '部', '场', '项', '辆']) {
      expect(checkReportValue({ kind: 'cumulative', unit }, 3)).toBeNull();
      expect(checkReportValue({ kind: 'cumulative', unit }, 2.5)).toBe('field.report.wholeNumber');
      expect(checkReportValue({ kind: 'annual', unit }, -1)).toBe('field.report.wholeNumber');
    }
    expect(checkReportValue({ kind: 'annual', unit: '万辆' }, 0.35)).toBeNull();
    expect(checkReportValue({ kind: 'cumulative', unit: '亿元' }, 12.75)).toBeNull();
    expect(checkReportValue({ kind: 'cumulative', unit: '亿元' }, -0.1)).toBe('field.report.nonNegative');
    // A growth in % is reported as the measured quantity, not as a rate: any amount ≥ 0.
    expect(checkReportValue({ kind: 'growth', unit: '%' }, 250)).toBeNull();
    expect(checkReportValue({ kind: 'cumulative', unit: '个' }, Number.NaN)).toBe('field.report.notANumber');
  });

  it('baselines: above 0 for a % growth, a level for 百分点; needed once when the plan gives only the year', () => {
    expect(checkBaselineValue({ kind: 'growth', unit: '%' }, 0)).toBe('field.report.positive');
    expect(checkBaselineValue({ kind: 'growth', unit: '%' }, 120)).toBeNull();
    expect(checkBaselineValue({ kind: 'growth', unit: '百分点' }, 120)).toBe('field.report.percentRange');
    const growth = { kind: 'growth' as const, baseline_year: 2023, baseline_value: null, year_on_year: 0 };
    expect(needsBaseline(growth, null)).toBe(true);
    expect(needsBaseline(growth, 88)).toBe(false);
    expect(needsBaseline({ ...growth, baseline_value: 100 }, null)).toBe(false);
    expect(needsBaseline({ ...growth, year_on_year: 1, baseline_year: null }, null)).toBe(false);
  });
});
