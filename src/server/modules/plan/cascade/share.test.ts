import { describe, expect, it } from 'vitest';
import { conversionFactor, parseUnit, shareOf } from './share.js';

describe('cascade share', () => {
  it('reads magnitude prefixes and converts between units of the same thing', () => {
    expect(parseUnit('万辆')).toEqual({ factor: 1e4, base: '辆' });
    expect(parseUnit('亿元')).toEqual({ factor: 1e8, base: '元' });
    expect(parseUnit('万')).toEqual({ factor: 1, base: '万' });
    expect(conversionFactor('万辆', '辆')).toBe(1e4);
    expect(conversionFactor('辆', '万辆')).toBe(1e-4);
    expect(conversionFactor('亿元', '万元')).toBe(1e4);
    expect(conversionFactor('万平方米', '平方米')).toBe(1e4);
    expect(conversionFactor('个', '座')).toBeNull();
    expect(conversionFactor('%', '百分点')).toBeNull();
    expect(conversionFactor('%', '%')).toBe(1);
  });

  it('a count or amount is a share of its parent’s, in the parent’s unit, on the latest common year', () => {
    const child = { kind: 'annual', unit: '万辆', targets: [{ year: 2027, value: 2.5 }], actual: 0.5 };
    const parent = {
      kind: 'annual',
      unit: '辆',
      targets: [
        { year: 2025, value: 50000 },
        { year: 2027, value: 100000 },
      ],
    };
    expect(shareOf(child, parent)).toEqual({
      status: 'additive',
      year: 2027,
      childTarget: 25000,
      parentTarget: 100000,
      parentUnit: '辆',
      factor: 10000,
      targetShare: 25,
      actualShare: 5,
    });
    expect(shareOf({ ...child, actual: null }, parent)).toMatchObject({ actualShare: null });
  });

  it('growth and level targets are not additive: only compared', () => {
    const growth = (value: number) => ({ kind: 'growth', unit: '%', targets: [{ year: 2027, value }] });
    expect(shareOf(growth(25), growth(25))).toEqual({ status: 'not_additive', reason: 'rate', year: 2027, comparison: 'same' });
    expect(shareOf(growth(30), growth(25))).toMatchObject({ comparison: 'higher' });
    expect(shareOf(growth(20), growth(25))).toMatchObject({ comparison: 'lower' });
    expect(
      shareOf({ kind: 'level', unit: '台', targets: [{ year: 2027, value: 1 }] }, { kind: 'level', unit: '台', targets: [{ year: 2027, value: 9 }] }),
    ).toMatchObject({
      status: 'not_additive',
      reason: 'kind',
    });
  });

  it('says why when no share can be given', () => {
    const t = (year: number, value: number) => [{ year, value }];
    expect(shareOf({ kind: 'cumulative', unit: '个', targets: t(2027, 1) }, { kind: 'cumulative', unit: '座', targets: t(2027, 9) })).toEqual({
      status: 'unit_mismatch',
      childUnit: '个',
      parentUnit: '座',
    });
    expect(shareOf({ kind: 'cumulative', unit: '个', targets: t(2027, 1) }, { kind: 'annual', unit: '个', targets: t(2027, 9) })).toMatchObject({
      status: 'kind_mismatch',
    });
    expect(shareOf({ kind: 'cumulative', unit: '个', targets: t(2026, 1) }, { kind: 'cumulative', unit: '个', targets: t(2027, 9) })).toEqual({
      status: 'no_common_year',
    });
  });
});
