import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VOUCHER_ALPHABET, formatVoucherCode, generateVoucherCode, parseVoucherCode } from './voucherCode.js';

describe('voucher codes', () => {
  it('generates codes that parse, formatted or not, in any case', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateVoucherCode();
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{11}$/);
      expect(parseVoucherCode(code)).toEqual({ ok: true, code });
      expect(parseVoucherCode(formatVoucherCode(code).toLowerCase())).toEqual({ ok: true, code });
    }
  });

  it('catches every single mistyped character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: VOUCHER_ALPHABET.length - 1 }), (pos, shift) => {
        const code = generateVoucherCode();
        const wrong = VOUCHER_ALPHABET[(VOUCHER_ALPHABET.indexOf(code[pos]!) + shift) % VOUCHER_ALPHABET.length]!;
        const typo = code.slice(0, pos) + wrong + code.slice(pos + 1);
        expect(parseVoucherCode(typo)).toEqual({ ok: false, reason: 'checksum' });
      }),
    );
  });

  it('refuses look-alike characters and wrong lengths as a format error', () => {
    expect(parseVoucherCode('0000-0000-000')).toEqual({ ok: false, reason: 'format' });
    expect(parseVoucherCode('ABCD')).toEqual({ ok: false, reason: 'format' });
  });
});
