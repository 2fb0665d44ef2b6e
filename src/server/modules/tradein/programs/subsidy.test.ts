import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAMS } from './defaults.js';
import { MAX_PRICE_FEN, categoryRuleSchema, computeSubsidy, rateFor } from './rules.js';

const price = fc.integer({ min: 0, max: MAX_PRICE_FEN });
const rate = fc.integer({ min: 0, max: 10_000 });
const cap = fc.integer({ min: 0, max: 100_000_000 });
const rounding = fc.constantFrom('half_up' as const, 'down' as const);

describe('subsidy = rate × price, rounded to the fen as stated, then capped', () => {
  it('is an integer, never negative, never above the cap, never above the price', () => {
    fc.assert(
      fc.property(price, rate, cap, rounding, (p, r, c, mode) => {
        const s = computeSubsidy(p, r, c, mode);
        expect(Number.isSafeInteger(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(c);
        expect(s).toBeLessThanOrEqual(p);
      }),
    );
  });

  it('rounds half up to the fen (exactly, checked with BigInt arithmetic), then caps', () => {
    fc.assert(
      fc.property(price, rate, cap, (p, r, c) => {
        const exact = BigInt(p) * BigInt(r); // in 1/10 000 fen
        const floor = exact / 10_000n;
        const rest = exact % 10_000n;
        const halfUp = rest >= 5_000n ? floor + 1n : floor;
        expect(computeSubsidy(p, r, c, 'half_up')).toBe(Math.min(Number(halfUp), c));
        expect(computeSubsidy(p, r, c, 'down')).toBe(Math.min(Number(floor), c));
      }),
    );
  });

  it('is monotonic in the price until the cap', () => {
    fc.assert(
      fc.property(price, price, rate, cap, rounding, (a, b, r, c, mode) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(computeSubsidy(lo, r, c, mode)).toBeLessThanOrEqual(computeSubsidy(hi, r, c, mode));
      }),
    );
  });

  it('matches the national examples', () => {
    // A grade-1 refrigerator at 3,999.99 yuan: 20% = 799.998 yuan → 800.00 yuan.
    expect(computeSubsidy(399_999, 2000, 200_000, 'half_up')).toBe(80_000);
    expect(computeSubsidy(399_999, 2000, 200_000, 'down')).toBe(79_999);
    // A grade-2 TV at 20,000 yuan: 15% = 3,000 yuan, capped at 2,000 yuan.
    expect(computeSubsidy(2_000_000, 1500, 200_000, 'half_up')).toBe(200_000);
    // A phone at 6,000 yuan: 15% = 900 yuan, capped at 500 yuan. At 0.03 yuan: 0.45 fen → 0 fen.
    expect(computeSubsidy(600_000, 1500, 50_000, 'half_up')).toBe(50_000);
    expect(computeSubsidy(3, 1500, 50_000, 'half_up')).toBe(0);
    expect(computeSubsidy(4, 1500, 50_000, 'half_up')).toBe(1); // 0.6 fen rounds up
    expect(() => computeSubsidy(-1, 1500, 50_000, 'half_up')).toThrow(RangeError);
    expect(() => computeSubsidy(1.5, 1500, 50_000, 'half_up')).toThrow(RangeError);
  });

  it('ships the national rules as data: 12 appliance categories, grade 1 20% / grade 2 15%, 2,000 yuan cap, air conditioners ×3; digital 15%, 500 yuan cap, 6,000 yuan ceiling', () => {
    const appliance = DEFAULT_PROGRAMS.find((p) => p.kind === 'appliance')!;
    expect(appliance.categories.map((c) => c.name)).toEqual([
      '冰箱',
      '洗衣机',
      '电视',
      '空调',
      '电脑',
      '热水器',
      '家用灶具',
      '吸油烟机',
      '微波炉',
      '净水器',
      '洗碗机',
      '电饭煲',
    ]);
    for (const c of appliance.categories) {
      categoryRuleSchema.parse(c.rule);
      expect(rateFor(c.rule, 1)).toBe(2000);
      expect(rateFor(c.rule, 2)).toBe(1500);
      expect(rateFor(c.rule, 3)).toBeNull();
      expect(c.rule.capFen).toBe(200_000);
      expect(c.rule.limitPerPerson).toBe(c.category === 'air_conditioner' ? 3 : 1);
    }
    const digital = DEFAULT_PROGRAMS.find((p) => p.kind === 'digital')!;
    for (const c of digital.categories)
      expect(c.rule).toMatchObject({ capFen: 50_000, priceCeilingFen: 600_000, limitPerPerson: 1, rates: [{ grade: null, rateBp: 1500 }] });
    const renovation = DEFAULT_PROGRAMS.find((p) => p.kind === 'home_renovation')!;
    expect(renovation.isExample).toBe(true);
    expect(renovation.name).toContain('示例');
    expect(renovation.categories.map((c) => c.name)).toEqual(['适老化改造', '旧房装修', '厨卫局部改造']);
  });
});
