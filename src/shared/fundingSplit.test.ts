import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitByShares } from './fundingSplit.js';

describe('splitting an amount by funding source', () => {
  it('gives whole fen that add up, left-over fen to the largest remainders', () => {
    expect(splitByShares(100, { central: 1, provincial: 1, city: 1 })).toEqual({ total: 100, central: 34, provincial: 33, city: 33 });
    expect(splitByShares(1, { central: 8, provincial: 1, city: 1 })).toEqual({ total: 1, central: 1, provincial: 0, city: 0 });
    expect(splitByShares(0, { central: 8, provincial: 1, city: 1 })).toEqual({ total: 0, central: 0, provincial: 0, city: 0 });
    // No shares (a car budget not set): everything is shown as the city's, nothing is lost.
    expect(splitByShares(7, { central: 0, provincial: 0, city: 0 })).toEqual({ total: 7, central: 0, provincial: 0, city: 7 });
    expect(splitByShares(-10, { central: 1, provincial: 1, city: 0 })).toEqual({ total: -10, central: -5, provincial: -5, city: 0 });
  });

  it('always adds up and stays within one fen of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 1e12 }),
        (amount, central, provincial, city) => {
          const s = splitByShares(amount, { central, provincial, city });
          expect(s.central + s.provincial + s.city).toBe(amount);
          const total = central + provincial + city;
          for (const [part, w] of [
            [s.central, central],
            [s.provincial, provincial],
            [s.city, city],
          ] as const)
            expect(Math.abs(part - (amount * w) / total)).toBeLessThanOrEqual(1.0001);
        },
      ),
    );
  });
});
