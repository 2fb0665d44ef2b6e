import { describe, expect, it } from 'vitest';
import { maskMobile, validateMobile } from './mobile.js';

describe('validateMobile', () => {
  it.each([
    ['13812341234', '13812341234'],
    ['19912345678', '19912345678'],
    ['16612345678', '16612345678'],
    [' 138 1234 1234 ', '13812341234'],
    ['138-1234-1234', '13812341234'],
    ['+8613812341234', '13812341234'],
    ['+86 138 1234 1234', '13812341234'],
    ['86-138-1234-1234', '13812341234'],
    ['8613812341234', '13812341234'],
    ['008613812341234', '13812341234'],
  ])('accepts %s', (input, value) => {
    expect(validateMobile(input)).toEqual({ ok: true, value });
  });

  it('normalises to the bare 11 digits', () => {
    expect(validateMobile('+86 138-1234-1234')).toEqual({ ok: true, value: '13812341234' });
  });

  it.each([[''], ['  - '], [null], [undefined], ['+86']])('%j → required', (input) => {
    expect(validateMobile(input)).toEqual({ ok: false, reason: 'required' });
  });

  it.each([['1381234123a'], ['(138)12341234'], ['138.1234.1234'], ['+85213812341234']])('%s → charset', (input) => {
    expect(validateMobile(input)).toEqual({ ok: false, reason: 'charset' });
  });

  it.each([['1381234123'], ['138123412345'], ['+86138123412']])('%s → length', (input) => {
    expect(validateMobile(input)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([
    ['12812341234'],
    ['10012341234'],
    ['03812341234'],
    ['23812341234'],
    ['86138123412'], // 11 digits: a bare 86 is only stripped when 11 digits follow
  ])('%s → prefix', (input) => {
    expect(validateMobile(input)).toEqual({ ok: false, reason: 'prefix' });
  });
});

describe('maskMobile', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskMobile('+86 138-1234-1234')).toBe('138****1234');
  });

  it('masks short values entirely', () => {
    expect(maskMobile('1234567')).toBe('*******');
    expect(maskMobile('')).toBe('');
  });
});
