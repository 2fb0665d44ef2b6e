import { describe, expect, it } from 'vitest';
import { validateInvoiceNumber } from './invoiceNumber.js';

describe('validateInvoiceNumber', () => {
  it('accepts 20 digits', () => {
    expect(validateInvoiceNumber('24352000000012345678')).toEqual({ ok: true, value: '24352000000012345678' });
    expect(validateInvoiceNumber(' 24352000000012345678 ')).toEqual({ ok: true, value: '24352000000012345678' });
  });

  it.each([[''], ['   '], [null], [undefined]])('%j → required', (input) => {
    expect(validateInvoiceNumber(input)).toEqual({ ok: false, reason: 'required' });
  });

  it.each([['2435200000001234567'], ['243520000000123456789'], ['12345678']])('%s → length', (input) => {
    expect(validateInvoiceNumber(input)).toEqual({ ok: false, reason: 'length' });
  });

  it.each([['2435200000001234567A'], ['2435 2000 0000 1234 5678'], ['-4352000000012345678']])('%s → charset', (input) => {
    expect(validateInvoiceNumber(input)).toEqual({ ok: false, reason: 'charset' });
  });
});
