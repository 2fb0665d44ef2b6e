import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToDecimal, fenToYuan, yuan, yuanToFen } from './money.js';

/** Every amount the forms accept: up to 10 digits of 元 and two decimals. */
const amounts = fc.integer({ min: 0, max: 9_999_999_999_99 });

describe('money', () => {
  it('reads back exactly what it formats, grouped or plain', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
        expect(yuanToFen(fenToDecimal(fen))).toBe(fen);
        expect(yuanToFen(yuan(fen))).toBe(fen);
      }),
    );
  });

  it('formats what it reads in the one way the pages show it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const typed = `${whole}.${String(cents).padStart(2, '0')}`;
        expect(fenToDecimal(yuanToFen(typed)!)).toBe(typed);
      }),
    );
  });

  it('never goes through a float', () => {
    expect(yuanToFen('1999.99')).toBe(199_999);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1,999.9')).toBe(199_990);
    expect(yuanToFen('¥ 159 800.5')).toBe(15_980_050);
    expect(yuanToFen('￥100')).toBe(10_000);
    expect(yuanToFen('100.')).toBe(10_000);
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['', '  ', '-1', '1.234', 'abc', '1e5', '12345678901', '.5', null, undefined]) expect(yuanToFen(bad)).toBeNull();
  });

  it('formats with separators and two decimals, and a dash for no amount', () => {
    expect(fenToYuan(199_990)).toBe('1,999.90');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-123_456_78)).toBe('-123,456.78');
    expect(fenToYuan(null)).toBe('—');
    expect(fenToYuan(Number.NaN)).toBe('—');
    expect(fenToDecimal(15_980_050)).toBe('159800.50');
    expect(yuan(100)).toBe('¥1.00');
    expect(yuan(undefined)).toBe('—');
  });

  it('gives the plain decimal the server used to compute with a float', () => {
    fc.assert(
      fc.property(amounts, (fen) => {
        expect(fenToDecimal(fen)).toBe((fen / 100).toFixed(2));
      }),
    );
  });
});
