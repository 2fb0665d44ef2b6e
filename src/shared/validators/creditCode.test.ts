import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CREDIT_CODE_ALPHABET, computeCreditCodeCheckChar, validateCreditCode } from './creditCode.js';

describe('validateCreditCode — accepted', () => {
  it('accepts the well-known 91350100M000100Y43', () => {
    // values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4
    // × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    // = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31−28 = 3 → '3'
    expect(validateCreditCode('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('trims and upper-cases', () => {
    expect(validateCreditCode(' 91350100m000100y43 ')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it.each([
    // non-zero terms 9+3+9+27+26+136+420+290+13+80+264+120+390+56 = 1843; 1843 mod 31 = 14; 31−14 = 17 → 'H'
    ['91110108MA01ABCD2H'],
    // public institution: 1+6+9+80+60+60+112 = 328; 328 mod 31 = 18; 31−18 = 13 → 'D'
    ['12100000400000624D'],
    // registration authority Y: 30+3+27+135+130+128+34+420+290+50+390+8+48+30+120+812 = 2655; mod 31 = 20; 31−20 = 11 → 'B'
    ['Y1350582MA2Y1234XB'],
    // 9+3+27+135+130+128+34+420+290+75+13+80+264+120+390+392 = 2510; 2510 mod 31 = 30; 31−30 = 1 → '1'
    ['91350582MA31ABCDE1'],
  ])('accepts %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('computes the check char, including the 31 → 0 case', () => {
    expect(computeCreditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(computeCreditCodeCheckChar('91350100m000100y4')).toBe('3');
    // sum 0 → 31 − 0 = 31 → written as '0'
    expect(computeCreditCodeCheckChar('00000000000000000')).toBe('0');
  });
});

describe('validateCreditCode — rejected', () => {
  it.each([[''], ['  '], [null], [undefined]])('%j → required', (input) => {
    expect(validateCreditCode(input)).toEqual({ ok: false, reason: 'required' });
  });

  it.each([['91350100M000100Y4'], ['91350100M000100Y433'], ['350100M000100Y4']])('%s → length', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([
    ['91350100I000100Y43'],
    ['91350100O000100Y43'],
    ['91350100S000100Y43'],
    ['91350100V000100Y43'],
    ['91350100Z000100Y43'],
    ['91350100m000100Yo3'], // lowercase forbidden letter too
  ])('%s → forbiddenLetter', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: 'forbiddenLetter' });
  });

  it.each([['91350100-000100Y43'], ['91350100M000100Y 3'], ['91350100Ｍ000100Y43']])('%s → charset', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: 'charset' });
  });

  it('non-digit division code (positions 3–8) → region', () => {
    const body = '913501A0M000100Y4';
    expect(validateCreditCode(body + computeCreditCodeCheckChar(body))).toEqual({ ok: false, reason: 'region' });
  });

  it.each([['91350100M000100Y42'], ['91350100M000100Y4Y'], ['91350100M000100Y40'], ['91350100M000100Y34']])('%s → checksum', (code) => {
    expect(validateCreditCode(code)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('computeCreditCodeCheckChar rejects bad input', () => {
    expect(() => computeCreditCodeCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => computeCreditCodeCheckChar('91350100O000100Y4')).toThrow(RangeError);
  });
});

describe('validateCreditCode — properties', () => {
  const chars = (alphabet: string, n: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: n, maxLength: n });
  const body17 = fc.tuple(chars(CREDIT_CODE_ALPHABET, 2), chars('0123456789', 6), chars(CREDIT_CODE_ALPHABET, 9)).map((parts) => parts.join(''));

  it('appending the computed check char always validates; any other last char fails with checksum', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const check = computeCreditCodeCheckChar(body);
        expect(validateCreditCode(body + check)).toEqual({ ok: true, value: body + check });
        for (const other of CREDIT_CODE_ALPHABET) {
          if (other === check) continue;
          expect(validateCreditCode(body + other)).toEqual({ ok: false, reason: 'checksum' });
        }
      }),
    );
  });

  it('any single-character substitution in a valid code is rejected', () => {
    fc.assert(
      fc.property(body17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (body, pos, delta) => {
        const code = body + computeCreditCodeCheckChar(body);
        const idx = CREDIT_CODE_ALPHABET.indexOf(code.charAt(pos));
        const changed = CREDIT_CODE_ALPHABET.charAt((idx + delta) % 31);
        const mutated = code.slice(0, pos) + changed + code.slice(pos + 1);
        expect(validateCreditCode(mutated).ok).toBe(false);
      }),
    );
  });
});
