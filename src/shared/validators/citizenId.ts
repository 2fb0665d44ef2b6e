import { invalid, valid, type ValidationResult, type ValidatorInput } from './types.js';

/**
 * Resident identity card number (居民身份证号码), GB 11643-1999: 6-digit address code, 8-digit birth date YYYYMMDD,
 * 3-digit sequence (odd 17th digit = male) and a check character (digit or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const MIN_BIRTH_YEAR = 1900;
/** "Today" is taken in China Standard Time (UTC+8), independent of the host time zone. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** Check character for the first 17 digits. The caller guarantees `first17` is 17 ASCII digits. */
function checkChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += digitAt(first17, i) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** YYYYMMDD of `now` in China Standard Time, as a number for easy comparison. */
function todayCst(now: Date): number {
  const d = new Date(now.getTime() + CST_OFFSET_MS);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function isValidBirthDate(yyyymmdd: string, now: Date): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < MIN_BIRTH_YEAR || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return false;
  return Number(yyyymmdd) <= todayCst(now);
}

/**
 * Validates an 18-character citizen ID. Lowercase `x` is accepted and normalised to `X`.
 * `now` decides what counts as a future birth date (compared by calendar day in UTC+8); defaults to the current time.
 * Reasons, in the order checked: required, length, charset, region, birthDate, checksum.
 */
export function validateCitizenId(input: ValidatorInput, now: Date = new Date()): ValidationResult {
  const value = (input ?? '').trim().toUpperCase();
  if (value === '') return invalid('required');
  if (value.length !== 18) return invalid('length');
  if (!/^\d{17}[\dX]$/.test(value)) return invalid('charset');
  const firstDigit = digitAt(value, 0);
  if (firstDigit < 1 || firstDigit > 8) return invalid('region');
  if (!isValidBirthDate(value.slice(6, 14), now)) return invalid('birthDate');
  if (checkChar(value.slice(0, 17)) !== value.charAt(17)) return invalid('checksum');
  return valid(value);
}

/** Check character (digit or 'X') for the first 17 digits of a citizen ID; throws RangeError if not 17 digits. */
export function computeCitizenIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeCitizenIdCheckChar expects exactly 17 digits');
  return checkChar(first17);
}

function assertShape(id: string, fn: string): string {
  const value = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) throw new RangeError(`${fn} expects an 18-character citizen ID; validate it first`);
  return value;
}

/** Birth date embedded in a citizen ID, as YYYY-MM-DD. Validate first; throws RangeError on a malformed ID. */
export function citizenIdBirthDate(id: string): string {
  const value = assertShape(id, 'citizenIdBirthDate');
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Gender from the 17th digit (odd = male). Validate first; throws RangeError on a malformed ID. */
export function citizenIdGender(id: string): 'male' | 'female' {
  const value = assertShape(id, 'citizenIdGender');
  return digitAt(value, 16) % 2 === 1 ? 'male' : 'female';
}

/**
 * Masks a citizen ID for display: first 4 + asterisks + last 4, e.g. 3505**********1234 (10 asterisks for an
 * 18-character ID). Never throws; a value of 8 characters or fewer is masked entirely.
 */
export function maskCitizenId(id: string): string {
  const value = id.trim().toUpperCase();
  if (value.length <= 8) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}
