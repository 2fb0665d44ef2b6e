import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VIN_ALPHABET, computeVinCheckDigit, validateVin } from './vin.js';

const withCheck = (vin17: string): string => vin17.slice(0, 8) + computeVinCheckDigit(vin17) + vin17.slice(9);

describe('validateVin — accepted', () => {
  it('accepts the well-known 1M8GDM9AXKP042788', () => {
    // values 1 M=4 8 G=7 D=4 M=4 9 A=1 (X) K=2 P=7 0 4 2 7 8 8
    // × weights 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2
    // = 8+28+48+35+16+12+18+10+0+18+56+0+24+10+28+24+16 = 351; 351 mod 11 = 10 → 'X' (position 9)
    expect(validateVin('1M8GDM9AXKP042788')).toEqual({ ok: true, value: '1M8GDM9AXKP042788' });
  });

  it('trims and upper-cases', () => {
    expect(validateVin(' 1m8gdm9axkp042788\n')).toEqual({ ok: true, value: '1M8GDM9AXKP042788' });
  });

  it.each([
    // 1×(8+7+6+5+4+3+2+10+0+9+8+7+6+5+4+3+2) = 89; 89 mod 11 = 1 → '1'
    ['11111111111111111'],
    // J1 H8 4 K2 A1 7 6 5 (0) M4 C3 0 0 2 6 0 9: 8+56+24+10+4+21+12+50+36+24+10+24+18 = 297; mod 11 = 0 → '0'
    ['JH4KA7650MC002609'],
    // Chinese WMI LSV: 24+14+30+5+16+6+2+80+45+16+7+48+15+8+27+8 = 351; mod 11 = 10 → 'X'
    ['LSVAU218XN2183294'],
    // Chinese WMI LFV: 24+42+30+10+4+6+2+20+63+24+18+20+20+18+14 = 315; mod 11 = 7 → '7'
    ['LFV2A21K7X3034567'],
    // 48+28+12+5+8+12+20+9+48+7+12+15+16+15+12 = 267; mod 11 = 3 → '3'
    ['WDB1240231F123456'],
  ])('accepts %s', (vin) => {
    expect(validateVin(vin)).toEqual({ ok: true, value: vin });
  });

  it('computes the check digit ignoring position 9', () => {
    expect(computeVinCheckDigit('1M8GDM9A0KP042788')).toBe('X');
    expect(computeVinCheckDigit('1m8gdm9a5kp042788')).toBe('X');
    expect(computeVinCheckDigit('11111111111111111')).toBe('1');
  });
});

describe('validateVin — rejected', () => {
  it.each([[''], [' '], [null], [undefined]])('%j → required', (input) => {
    expect(validateVin(input)).toEqual({ ok: false, reason: 'required' });
  });

  it.each([['1M8GDM9AXKP04278'], ['1M8GDM9AXKP0427888'], ['1M8GDM9AX']])('%s → length', (vin) => {
    expect(validateVin(vin)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([['1M8GDM9AXKI042788'], ['1M8GDM9AXKO042788'], ['1M8GDM9AXKQ042788'], ['1m8gdm9axko042788']])('%s → forbiddenLetter', (vin) => {
    expect(validateVin(vin)).toEqual({ ok: false, reason: 'forbiddenLetter' });
  });

  it.each([['1M8GDM9AXKP-42788'], ['1M8GDM9AXKP 42788'], ['1M8GDM9AXKP04278Ä']])('%s → charset', (vin) => {
    expect(validateVin(vin)).toEqual({ ok: false, reason: 'charset' });
  });

  it.each([['1M8GDM9A1KP042788'], ['1M8GDM9A0KP042788'], ['1M8GDM9AAKP042788'], ['1M8GDM9AXKP042789']])('%s → checksum', (vin) => {
    expect(validateVin(vin)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('computeVinCheckDigit rejects bad input', () => {
    expect(() => computeVinCheckDigit('1M8GDM9AXKP04278')).toThrow(RangeError);
    expect(() => computeVinCheckDigit('1M8GDM9AXKO042788')).toThrow(RangeError);
  });
});

describe('validateVin — properties', () => {
  const vin17 = fc.string({ unit: fc.constantFrom(...VIN_ALPHABET), minLength: 17, maxLength: 17 });

  it('inserting the computed check digit always validates; any other check char fails with checksum', () => {
    fc.assert(
      fc.property(vin17, (raw) => {
        const vin = withCheck(raw);
        expect(validateVin(vin)).toEqual({ ok: true, value: vin });
        for (const other of '0123456789X') {
          if (other === vin.charAt(8)) continue;
          const mutated = vin.slice(0, 8) + other + vin.slice(9);
          expect(validateVin(mutated)).toEqual({ ok: false, reason: 'checksum' });
        }
      }),
    );
  });
});
