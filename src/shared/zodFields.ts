import { z } from 'zod';
import { isStrongPassword } from './password.js';
import { validateBankAccount, validateCitizenId, validateCreditCode, validateInvoiceNumber, validateMobile, validateVin } from './validators/index.js';
import type { ValidationResult } from './validators/types.js';

/**
 * zod fields for national identifiers. A failed check becomes a custom issue whose message is an i18n key
 * (`field.citizenId.checksum`), which the API's error handler turns into the caller's language.
 */
function identifier(name: string, validate: (input: string) => ValidationResult, example: string, description: string) {
  return z
    .string()
    .transform((input, ctx) => {
      const result = validate(input);
      if (!result.ok) {
        ctx.addIssue({ code: 'custom', message: `field.${name}.${result.reason}` });
        return z.NEVER;
      }
      return result.value;
    })
    .meta({ example, description });
}

// The rules the server checks, said in the OpenAPI document (the checks themselves are the validators').
export const zCitizenId = () =>
  identifier(
    'citizenId',
    validateCitizenId,
    '11010519491231002X',
    'Resident ID (GB 11643): 18 characters — a region code, a birth date not in the future, the last a check digit 0–9 or X (checked)',
  );
export const zCreditCode = () =>
  identifier(
    'creditCode',
    validateCreditCode,
    '91350100M000100Y43',
    'Unified social credit code (GB 32100): 18 characters of 0–9 and A–Z without I, O, S, V, Z, the last a check character (checked)',
  );
export const zMobile = () =>
  identifier('mobile', validateMobile, '13800138000', 'Mainland mobile number: 11 digits starting 13–19; spaces, hyphens and +86 are accepted and removed');
export const zVin = () =>
  identifier(
    'vin',
    validateVin,
    '1M8GDM9AXKP042788',
    'Vehicle identification number (ISO 3779): 17 characters without I, O, Q, with its check digit (checked)',
  );
export const zInvoiceNumber = () => identifier('invoiceNumber', validateInvoiceNumber, '24352000000012345678', 'Fully digital invoice number: 20 digits');
export const zBankAccount = () =>
  identifier('bankAccount', validateBankAccount, '6222020200112233445', 'Bank account or card number: 12–30 digits; spaces are removed');

export const zPassword = () =>
  z
    .string()
    .max(128)
    .refine(isStrongPassword, { message: 'field.password.weak' })
    .meta({ minLength: 10, description: 'At least 10 and at most 128 characters, with three of: upper case, lower case, digits, symbols' });
