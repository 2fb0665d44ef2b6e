import { describe, expect, it } from 'vitest';
import { maskBankAccount, validateBankAccount } from './bankAccount.js';

describe('validateBankAccount', () => {
  it.each([
    ['622202123456789', '622202123456789'],
    ['6222 0212 3456 7890 123', '6222021234567890123'],
    ['123456789012', '123456789012'], // 12 digits, minimum
    ['1'.repeat(30), '1'.repeat(30)], // 30 digits, maximum
  ])('accepts %s', (input, value) => {
    expect(validateBankAccount(input)).toEqual({ ok: true, value });
  });

  it.each([[''], ['    '], [null], [undefined]])('%j → required', (input) => {
    expect(validateBankAccount(input)).toEqual({ ok: false, reason: 'required' });
  });

  it.each([['12345678901'], ['1'.repeat(31)], ['1234 5678 901']])('%s → length', (input) => {
    expect(validateBankAccount(input)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([['6222-0212-3456-7890'], ['6222O21234567890'], ['62220212345678.0']])('%s → charset', (input) => {
    expect(validateBankAccount(input)).toEqual({ ok: false, reason: 'charset' });
  });
});

describe('maskBankAccount', () => {
  it('shows only the last 4 digits in a fixed shape', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('**** **** **** 0123');
    expect(maskBankAccount('6222 0212 3456 7890 123')).toBe('**** **** **** 0123');
    expect(maskBankAccount('123456789012')).toBe('**** **** **** 9012');
  });

  it('masks short values entirely', () => {
    expect(maskBankAccount('1234')).toBe('****');
    expect(maskBankAccount('')).toBe('****');
  });
});
