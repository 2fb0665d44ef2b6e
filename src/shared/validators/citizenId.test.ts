import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { citizenIdBirthDate, citizenIdGender, computeCitizenIdCheckChar, maskCitizenId, validateCitizenId } from './citizenId.js';

/** Fixed "today" for deterministic birth-date checks: 2024-06-01 noon in China Standard Time. */
const NOW = new Date('2024-06-01T12:00:00+08:00');
const CHECK_CHARS = '10X98765432';

/** Appends the computed check character, so a rejection can only come from the part under test. */
const withCheck = (body17: string): string => body17 + computeCitizenIdCheckChar(body17);

describe('validateCitizenId — accepted', () => {
  it('accepts the GB 11643 example 11010519491231002X', () => {
    // digits 1 1 0 1 0 5 1 9 4 9 1 2 3 1 0 0 2 × weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    // = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; "10X98765432"[2] = 'X'
    expect(validateCitizenId('11010519491231002X', NOW)).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('normalises lowercase x and surrounding whitespace', () => {
    expect(validateCitizenId('  11010519491231002x\t', NOW)).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    // 3×7+5×9+0×10+5×5+8×8+2×4+2×2+0+0+0+0×7+2×9+2×10+9×5+1×8+2×4+3×2 = 21+45+25+64+8+4+18+20+45+8+8+6 = 272;
    // 272 mod 11 = 8 → '4'. Leap day of 2000 (divisible by 400).
    ['350582200002291234'],
    // 4×7+4×9+0+3×5+0+4×4+1×2+9+9×6+0+0+3×9+0+7×5+1×8+1×4+1×2 = 28+36+15+16+2+9+54+27+35+8+4+2 = 236;
    // 236 mod 11 = 5 → '7'
    ['440304199003071117'],
    // 3×7+5×9+0+5×5+8×8+2×4+1×2+9+0+0+0+1×9+0+1×5+0+0+1×2 = 21+45+25+64+8+2+9+9+5+2 = 190;
    // 190 mod 11 = 3 → '9'. 1900-01-01 is the earliest birth date allowed.
    ['350582190001010019'],
    // 5×7+3×9+0+1×5+0+2×4+1×2+9+8×6+4×3+0+1×9+0+1×5+0+0+3×2 = 35+27+5+8+2+9+48+12+9+5+6 = 166;
    // 166 mod 11 = 1 → '0'
    ['530102198401010030'],
  ])('accepts %s', (id) => {
    expect(validateCitizenId(id, NOW)).toEqual({ ok: true, value: id });
  });

  it('accepts a birth date equal to today (in UTC+8)', () => {
    // 1×7+1×9+1×5+5×4+2×2+2×6+4×3+6×9+1×5+1×2 = 7+9+5+20+4+12+12+54+5+2 = 130; 130 mod 11 = 9 → '3'
    expect(validateCitizenId('110105202406010013', NOW).ok).toBe(true);
    // 2024-05-31T16:30Z is already 2024-06-01 00:30 in China
    expect(validateCitizenId('110105202406010013', new Date('2024-05-31T16:30:00Z')).ok).toBe(true);
  });

  it('uses the current time when `now` is omitted', () => {
    expect(validateCitizenId('11010519491231002X').ok).toBe(true);
  });
});

describe('validateCitizenId — rejected', () => {
  it.each([[''], ['   '], [null], [undefined]])('%j → required', (input) => {
    expect(validateCitizenId(input, NOW)).toEqual({ ok: false, reason: 'required' });
  });

  it.each([
    ['11010519491231002'], // 17 chars
    ['11010519491231002X1'], // 19 chars
    ['110105491231002'], // old 15-digit ID, not supported
  ])('%s → length', (id) => {
    expect(validateCitizenId(id, NOW)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([
    ['1101051949123100XX'], // X only allowed last
    ['11010519491231002Y'],
    ['11010519491231002-'],
    ['110105 19491231002'],
  ])('%s → charset', (id) => {
    expect(validateCitizenId(id, NOW)).toEqual({ ok: false, reason: 'charset' });
  });

  it.each([['01010519491231002'], ['91010519491231002']])('address code %s… → region', (body) => {
    expect(validateCitizenId(withCheck(body), NOW)).toEqual({ ok: false, reason: 'region' });
  });

  it.each([
    ['20230230', 'February 30th'],
    ['19000229', '1900 is not a leap year'],
    ['20230229', '2023 is not a leap year'],
    ['20230431', 'April has 30 days'],
    ['20231301', 'month 13'],
    ['20230001', 'month 00'],
    ['20230100', 'day 00'],
    ['18991231', 'before 1900'],
    ['20240602', 'tomorrow (future)'],
    ['20990101', 'far future'],
  ])('birth date %s (%s) → birthDate', (date) => {
    expect(validateCitizenId(withCheck(`110105${date}001`), NOW)).toEqual({ ok: false, reason: 'birthDate' });
  });

  it('treats today as future when `now` is the day before (in UTC+8)', () => {
    // 2024-05-31T15:59Z is still 2024-05-31 23:59 in China
    expect(validateCitizenId('110105202406010013', new Date('2024-05-31T15:59:00Z'))).toEqual({
      ok: false,
      reason: 'birthDate',
    });
  });

  it.each([['110105194912310021'], ['110105194912310020'], ['350582200002291235'], ['44030419900307111X']])('%s → checksum', (id) => {
    expect(validateCitizenId(id, NOW)).toEqual({ ok: false, reason: 'checksum' });
  });
});

describe('citizen ID helpers', () => {
  it('extracts the birth date as YYYY-MM-DD', () => {
    expect(citizenIdBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(citizenIdBirthDate(' 350582200002291234 ')).toBe('2000-02-29');
  });

  it('derives gender from the 17th digit', () => {
    expect(citizenIdGender('11010519491231002X')).toBe('female'); // 17th digit 2
    expect(citizenIdGender('440304199003071117')).toBe('male'); // 17th digit 1
    expect(citizenIdGender('11010519491231002x')).toBe('female');
  });

  it('throws RangeError on malformed IDs', () => {
    expect(() => citizenIdBirthDate('123')).toThrow(RangeError);
    expect(() => citizenIdGender('11010519491231002Y')).toThrow(RangeError);
    expect(() => computeCitizenIdCheckChar('1101051949123100')).toThrow(RangeError);
  });

  it('masks all but the first and last 4 characters', () => {
    expect(maskCitizenId('350582199001011234')).toBe('3505**********1234');
    expect(maskCitizenId('11010519491231002x')).toBe('1101**********002X');
    expect(maskCitizenId('12345678')).toBe('********');
    expect(maskCitizenId('')).toBe('');
  });
});

describe('validateCitizenId — properties', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const body17 = fc
    .tuple(
      fc.integer({ min: 1, max: 8 }),
      digits(5),
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-05-31T00:00:00Z'), noInvalidDate: true }),
      digits(3),
    )
    .map(([first, rest, date, seq]) => `${first}${rest}${date.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`);

  it('appending the computed check char always validates; any other check char fails with checksum', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const check = computeCitizenIdCheckChar(body);
        expect(validateCitizenId(body + check, NOW)).toEqual({ ok: true, value: body + check });
        for (const other of CHECK_CHARS) {
          if (other === check) continue;
          expect(validateCitizenId(body + other, NOW)).toEqual({ ok: false, reason: 'checksum' });
        }
      }),
    );
  });

  it('any single-digit substitution in a valid ID is rejected', () => {
    fc.assert(
      fc.property(body17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const id = withCheck(body);
        const changed = String((Number(id[pos]) + delta) % 10);
        const mutated = id.slice(0, pos) + changed + id.slice(pos + 1);
        expect(validateCitizenId(mutated, NOW).ok).toBe(false);
      }),
    );
  });
});
