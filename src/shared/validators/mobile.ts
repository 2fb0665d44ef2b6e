import { invalid, valid, type ValidationResult, type ValidatorInput } from './types.js';

/** Strips spaces / hyphens and a leading +86, 0086 or 86 country code (the last only when 11 digits follow). */
function normaliseMobile(input: string): string {
  let s = input.replace(/[\s-]+/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (/^86\d{11}$/.test(s)) s = s.slice(2);
  return s;
}

/**
 * Validates a mainland China mobile number: 11 digits, first digit 1, second digit 3–9. Spaces, hyphens and a
 * leading +86 / 0086 / 86 are accepted and stripped; `value` is the bare 11 digits.
 * Reasons, in the order checked: required, charset, length, prefix.
 */
export function validateMobile(input: ValidatorInput): ValidationResult {
  const value = normaliseMobile(input ?? '');
  if (value === '') return invalid('required');
  if (!/^\d+$/.test(value)) return invalid('charset');
  if (value.length !== 11) return invalid('length');
  if (!/^1[3-9]/.test(value)) return invalid('prefix');
  return valid(value);
}

/**
 * Masks a mobile number for display: 138****1234. The input is normalised like {@link validateMobile} first.
 * Never throws; anything of 7 characters or fewer is masked entirely.
 */
export function maskMobile(mobile: string): string {
  const value = normaliseMobile(mobile);
  if (value.length <= 7) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
