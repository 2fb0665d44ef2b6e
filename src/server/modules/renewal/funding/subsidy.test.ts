import { describe, expect, it } from 'vitest';
import { daysFromTo, interestSubsidy } from '../../../../shared/enums/renewalFunding.js';

const loan = { principalFen: 10_000_000_00, annualRateBp: 345, subsidyPointsBp: 100, from: '2025-01-01', to: '2026-01-01', dayBasis: 360 };

describe('the loan-interest subsidy (贴息)', () => {
  it('counts the first day and not the last', () => {
    expect(daysFromTo('2025-01-01', '2025-01-02')).toBe(1);
    expect(daysFromTo('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysFromTo('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysFromTo('2025-03-01', '2025-02-28')).toBe(-1);
  });

  it('is principal × points × days ÷ 360 by default, and ÷ 365 when the rule says so', () => {
    // 1 000 万元 × 1.0 点 × 365 / 360 = 101 388.888… 元 → 101 388.89 元.
    expect(interestSubsidy(loan)).toEqual({ days: 365, dayBasis: 360, formulaFen: 10_138_889, subsidyFen: 10_138_889, capped: false, capFen: null });
    // ÷ 365 over a 365-day year: exactly one point of the principal.
    expect(interestSubsidy({ ...loan, dayBasis: 365 }).subsidyFen).toBe(10_000_000);
  });

  it('rounds half-up to the fen, exactly, also beyond 2^53', () => {
    // 3 600 000 fen × 1 bp × 5 days / (10 000 × 360) = 5 fen exactly.
    expect(interestSubsidy({ ...loan, principalFen: 3_600_000, subsidyPointsBp: 1, from: '2025-01-01', to: '2025-01-06' }).formulaFen).toBe(5);
    expect(interestSubsidy({ ...loan, principalFen: 1_800_000, subsidyPointsBp: 1, from: '2025-01-01', to: '2025-01-02' }).formulaFen).toBe(1); // 0.5 → 1
    expect(interestSubsidy({ ...loan, principalFen: 1_799_999, subsidyPointsBp: 1, from: '2025-01-01', to: '2025-01-02' }).formulaFen).toBe(0); // 0.49… → 0
    // 50 亿元 at 3 points for three years: the product passes 2^53 and stays exact.
    const big = interestSubsidy({ ...loan, principalFen: 500_000_000_000, subsidyPointsBp: 300, from: '2025-01-01', to: '2028-01-01' });
    expect(big.days).toBe(1095);
    expect(big.formulaFen).toBe(Number((500_000_000_000n * 300n * 1095n * 2n + 3_600_000n) / 7_200_000n));
  });

  it('is capped by what the project may still receive', () => {
    expect(interestSubsidy({ ...loan, capFen: 5_000_000 })).toMatchObject({ formulaFen: 10_138_889, subsidyFen: 5_000_000, capped: true, capFen: 5_000_000 });
    expect(interestSubsidy({ ...loan, capFen: -3 })).toMatchObject({ subsidyFen: 0, capped: true, capFen: 0 });
    expect(interestSubsidy({ ...loan, capFen: 20_000_000 })).toMatchObject({ subsidyFen: 10_138_889, capped: false });
  });

  it('gives nothing for an empty or reversed period', () => {
    expect(interestSubsidy({ ...loan, to: loan.from }).subsidyFen).toBe(0);
    expect(interestSubsidy({ ...loan, to: '2024-12-01' })).toMatchObject({ days: 0, subsidyFen: 0 });
  });
});
