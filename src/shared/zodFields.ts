import { z } from 'zod';
import { isStrongPassword, STRONG_PASSWORD_PATTERN } from './password.js';
import { validateBankAccount, validateCitizenId, validateCreditCode, validateInvoiceNumber, validateMobile, validateVin } from './validators/index.js';
import type { ValidationResult } from './validators/types.js';

/**
 * zod fields for national identifiers. A failed check becomes a custom issue whose message is an i18n key
 * (`field.citizenId.checksum`), which the API's error handler turns into the caller's language.
 */
function identifier(name: string, validate: (input: string) => ValidationResult, example: string, description: string, pattern: string) {
  return (
    z
      .string()
      .transform((input, ctx) => {
        const result = validate(input);
        if (!result.ok) {
          ctx.addIssue({ code: 'custom', message: `field.${name}.${result.reason}` });
          return z.NEVER;
        }
        return result.value;
      })
      // The pattern is what any accepted value matches (before trimming and upper-casing); the check digit is the
      // validator's alone.
      .meta({ example, description, pattern })
  );
}

// The rules the server checks, said in the OpenAPI document (the checks themselves are the validators').
export const zCitizenId = () =>
  identifier(
    'citizenId',
    validateCitizenId,
    '11010519491231002X',
    'Resident ID (GB 11643): 18 characters — a region code, a birth date not in the future, the last a check digit 0–9 or X (checked)',
    '^\\s*\\d{17}[\\dXx]\\s*$',
  );
export const zCreditCode = () =>
  identifier(
    'creditCode',
    validateCreditCode,
    '91350100M000100Y43',
    'Unified social credit code (GB 32100): 18 characters of 0–9 and A–Z without I, O, S, V, Z, the last a check character (checked)',
    '^\\s*[0-9A-Za-z]{18}\\s*$',
  );
export const zMobile = () =>
  identifier(
    'mobile',
    validateMobile,
    '13800138000',
    'Mainland mobile number: 11 digits starting 13–19; spaces, hyphens and +86 are accepted and removed',
    '^[\\s\\d+-]+$',
  );
export const zVin = () =>
  identifier(
    'vin',
    validateVin,
    '1M8GDM9AXKP042788',
    'Vehicle identification number (ISO 3779): 17 characters without I, O, Q, with its check digit (checked)',
    '^\\s*[0-9A-Za-z]{17}\\s*$',
  );
export const zInvoiceNumber = () =>
  identifier('invoiceNumber', validateInvoiceNumber, '24352000000012345678', 'Fully digital invoice number: 20 digits', '^\\s*\\d{20}\\s*$');
export const zBankAccount = () =>
  identifier('bankAccount', validateBankAccount, '6222020200112233445', 'Bank account or card number: 12–30 digits; spaces are removed', '^[\\s\\d]+$');

export const zPassword = () =>
  z.string().max(128).refine(isStrongPassword, { message: 'field.password.weak' }).meta({
    minLength: 10,
    pattern: STRONG_PASSWORD_PATTERN,
    example: 'Huanxin#2026x',
    description: 'At least 10 and at most 128 characters, with three of: upper case, lower case, digits, symbols',
  });

/**
 * A calendar date (`YYYY-MM-DD`, a real day) within 2000–2099: nothing the programmes record lies outside, and a
 * far-away year would make a walk over periods up to it run for ever (found by the fuzzer).
 */
export const zCalendarDate = () =>
  z.iso
    .date()
    .refine((v) => v >= '2000-01-01' && v <= '2099-12-31', { message: 'field.date.outOfRange' })
    .meta({ example: '2025-07-01', description: 'A calendar date YYYY-MM-DD between 2000-01-01 and 2099-12-31' });
