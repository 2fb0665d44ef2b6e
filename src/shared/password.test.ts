import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStrongPassword, STRONG_PASSWORD_PATTERN } from './password.js';

describe('the password rule as published in the OpenAPI document', () => {
  it('the pattern accepts exactly what the server accepts', () => {
    const re = new RegExp(STRONG_PASSWORD_PATTERN);
    const chars = fc.constantFrom('A', 'Z', 'a', 'z', '0', '9', '#', ' ', '中', '\n');
    fc.assert(
      fc.property(fc.string({ unit: chars, minLength: 0, maxLength: 140 }), (p) => {
        expect(re.test(p)).toBe(isStrongPassword(p));
      }),
      { numRuns: 2000 },
    );
    expect(re.test('Huanxin#Demo2024')).toBe(true);
    expect(re.test('alllowercase1')).toBe(false);
  });
});
