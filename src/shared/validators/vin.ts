import { invalid, valid, type ValidationResult, type ValidatorInput } from './types.js';

/**
 * Vehicle identification number (车辆识别代号), ISO 3779 / GB 16735: 17 characters from A–Z and 0–9 without I, O, Q;
 * position 9 is a check digit (0–9 or X).
 */

const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
/** Characters allowed in a VIN. */
export const VIN_ALPHABET = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const VIN_RE = /^[0-9A-HJ-NPR-Z]{17}$/;
/** Index of the check digit (position 9). */
const CHECK_INDEX = 8;

function charValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  return TRANSLITERATION[ch] ?? 0;
}

/** The caller guarantees `vin` is 17 characters matching VIN_RE. Position 9 has weight 0 so its content is ignored. */
function checkDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charValue(vin.charAt(i)) * (WEIGHTS[i] ?? 0);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/**
 * Validates a 17-character VIN (trimmed, upper-cased).
 * Reasons, in the order checked: required, length, forbiddenLetter (I O Q), charset, checksum.
 */
export function validateVin(input: ValidatorInput): ValidationResult {
  const value = (input ?? '').trim().toUpperCase();
  if (value === '') return invalid('required');
  if (value.length !== 17) return invalid('length');
  if (/[IOQ]/.test(value)) return invalid('forbiddenLetter');
  if (!VIN_RE.test(value)) return invalid('charset');
  if (checkDigit(value) !== value.charAt(CHECK_INDEX)) return invalid('checksum');
  return valid(value);
}

/**
 * Check digit ('0'–'9' or 'X') for a 17-character VIN (upper-cased first); whatever is at position 9 is ignored.
 * Throws RangeError on a wrong length or a character outside {@link VIN_ALPHABET}. To build a valid VIN:
 * `vin.slice(0, 8) + computeVinCheckDigit(vin) + vin.slice(9)`.
 */
export function computeVinCheckDigit(vin17: string): string {
  const value = vin17.toUpperCase();
  if (!VIN_RE.test(value)) throw new RangeError('computeVinCheckDigit expects 17 characters from A-Z/0-9 without I, O, Q');
  return checkDigit(value);
}
