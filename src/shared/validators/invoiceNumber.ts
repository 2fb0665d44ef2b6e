import { invalid, valid, type ValidationResult, type ValidatorInput } from './types.js';

/**
 * Validates a fully digitalised e-invoice (数电发票) number: exactly 20 digits after trimming.
 * Reasons, in the order checked: required, charset, length.
 */
export function validateInvoiceNumber(input: ValidatorInput): ValidationResult {
  const value = (input ?? '').trim();
  if (value === '') return invalid('required');
  if (!/^\d+$/.test(value)) return invalid('charset');
  if (value.length !== 20) return invalid('length');
  return valid(value);
}
