import { invalid, valid, type ValidationResult, type ValidatorInput } from './types.js';

/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: registration authority (1 char), organisation type
 * (1 char), administrative division code (6 digits), organisation code (9 chars), check character (1 char).
 */

/** The 31 characters allowed, in value order 0–30 (I, O, S, V, Z are excluded). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const FORBIDDEN = /[IOSVZ]/;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** The caller guarantees `first17` has 17 characters from the alphabet. */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  const check = 31 - (sum % 31);
  return CREDIT_CODE_ALPHABET.charAt(check === 31 ? 0 : check);
}

const BODY_RE = new RegExp(`^[${CREDIT_CODE_ALPHABET}]{17}$`);

/**
 * Validates an 18-character unified social credit code (trimmed, upper-cased).
 * Reasons, in the order checked: required, length, forbiddenLetter (I O S V Z), charset, region (positions 3–8 not
 * all digits), checksum.
 */
export function validateCreditCode(input: ValidatorInput): ValidationResult {
  const value = (input ?? '').trim().toUpperCase();
  if (value === '') return invalid('required');
  if (value.length !== 18) return invalid('length');
  if (FORBIDDEN.test(value)) return invalid('forbiddenLetter');
  for (const ch of value) if (!CREDIT_CODE_ALPHABET.includes(ch)) return invalid('charset');
  if (!/^\d{6}$/.test(value.slice(2, 8))) return invalid('region');
  if (checkChar(value.slice(0, 17)) !== value.charAt(17)) return invalid('checksum');
  return valid(value);
}

/**
 * Check character for the first 17 characters of a credit code (upper-cased first). Throws RangeError unless the
 * input is 17 characters from {@link CREDIT_CODE_ALPHABET}. Handy for generating demo data.
 */
export function computeCreditCodeCheckChar(first17: string): string {
  const body = first17.toUpperCase();
  if (!BODY_RE.test(body)) {
    throw new RangeError('computeCreditCodeCheckChar expects 17 characters from 0-9ABCDEFGHJKLMNPQRTUWXY');
  }
  return checkChar(body);
}
