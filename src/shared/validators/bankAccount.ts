import { invalid, valid, type ValidationResult, type ValidatorInput } from './types.js';

/**
 * Validates a bank account / card number: 12–30 digits after removing whitespace. No Luhn check, since many
 * mainland corporate accounts do not carry one. `value` is the bare digits.
 * Reasons, in the order checked: required, charset, length.
 */
export function validateBankAccount(input: ValidatorInput): ValidationResult {
  const value = (input ?? '').replace(/\s+/g, '');
  if (value === '') return invalid('required');
  if (!/^\d+$/.test(value)) return invalid('charset');
  if (value.length < 12 || value.length > 30) return invalid('length');
  return valid(value);
}

/**
 * Masks a bank account for display, showing only the last 4 digits in a fixed shape that does not reveal the
 * length: `**** **** **** 1234`. Whitespace is removed first; 4 characters or fewer are masked entirely (`****`).
 */
export function maskBankAccount(account: string): string {
  const value = account.replace(/\s+/g, '');
  if (value.length <= 4) return '****';
  return `**** **** **** ${value.slice(-4)}`;
}
