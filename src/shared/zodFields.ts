import { z } from 'zod';
import { isStrongPassword } from './password.js';
import { validateBankAccount, validateCitizenId, validateCreditCode, validateInvoiceNumber, validateMobile, validateVin } from './validators/index.js';
import type { ValidationResult } from './validators/types.js';

/**
 * zod fields for national identifiers. A failed check becomes a custom issue whose message is an i18n key
 * (`field.citizenId.checksum`), which the API's error handler turns into the caller's language.
 */
function identifier(name: string, validate: (input: string) => ValidationResult, example: string) {
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
    .meta({ example });
}

export const zCitizenId = () => identifier('citizenId', validateCitizenId, '11010519491231002X');
export const zCreditCode = () => identifier('creditCode', validateCreditCode, '91350100M000100Y43');
export const zMobile = () => identifier('mobile', validateMobile, '13800138000');
export const zVin = () => identifier('vin', validateVin, '1M8GDM9AXKP042788');
export const zInvoiceNumber = () => identifier('invoiceNumber', validateInvoiceNumber, '24352000000012345678');
export const zBankAccount = () => identifier('bankAccount', validateBankAccount, '6222020200112233445');

export const zPassword = () => z.string().max(128).refine(isStrongPassword, { message: 'field.password.weak' });
