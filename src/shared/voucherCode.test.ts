import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  VOUCHER_ALPHABET,
  VOUCHER_BODY_LENGTH,
  checkVoucherCode,
  formatVoucherCode,
  groupVoucherCode,
  parseVoucherCode,
  voucherCheckCharacter,
} from './voucherCode.js';

const body = fc.string({ unit: fc.constantFrom(...VOUCHER_ALPHABET), minLength: VOUCHER_BODY_LENGTH, maxLength: VOUCHER_BODY_LENGTH });
const code = body.map((b) => b + voucherCheckCharacter(b));

describe('voucher codes (shared by the server and the till)', () => {
  it('parses what it formats, printed or grouped, in any case', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(parseVoucherCode(c)).toEqual({ ok: true, code: c });
        expect(parseVoucherCode(formatVoucherCode(c).toLowerCase())).toEqual({ ok: true, code: c });
        expect(checkVoucherCode(groupVoucherCode(c))).toEqual({ ok: true, code: c });
        expect(checkVoucherCode(` ${formatVoucherCode(c)} `)).toEqual({ ok: true, code: c });
      }),
    );
  });

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(code, fc.integer({ min: 0, max: VOUCHER_BODY_LENGTH }), fc.integer({ min: 1, max: VOUCHER_ALPHABET.length - 1 }), (c, pos, shift) => {
        const wrong = VOUCHER_ALPHABET[(VOUCHER_ALPHABET.indexOf(c[pos]!) + shift) % VOUCHER_ALPHABET.length]!;
        const typo = c.slice(0, pos) + wrong + c.slice(pos + 1);
        expect(checkVoucherCode(typo)).toEqual({ ok: false, reason: 'checksum' });
        expect(parseVoucherCode(typo)).toEqual({ ok: false, reason: 'checksum' });
      }),
    );
  });

  it('names a wrong length or a look-alike character for the till, and both as a format error for the API', () => {
    expect(checkVoucherCode('ABCD')).toEqual({ ok: false, reason: 'length' });
    expect(checkVoucherCode('0000-0000-000')).toEqual({ ok: false, reason: 'charset' });
    expect(parseVoucherCode('ABCD')).toEqual({ ok: false, reason: 'format' });
    expect(parseVoucherCode('0000-0000-000')).toEqual({ ok: false, reason: 'format' });
  });

  it('keeps the printed format XXXX-XXXX-XXX and the grouping XXXX XXXX XXX', () => {
    expect(formatVoucherCode('AB23CD45EF6')).toBe('AB23-CD45-EF6');
    expect(groupVoucherCode('ab23-cd45ef6')).toBe('AB23 CD45 EF6');
  });

  it('keeps the check character of codes already issued', () => {
    // Fixed examples: a change of alphabet or weights would make every voucher in circulation invalid.
    expect(['23456789AB', 'ZZZZZZZZZZ', 'HJKMNPQRST'].map(voucherCheckCharacter).join('')).toBe('PC2');
  });
});
