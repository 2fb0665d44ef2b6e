/**
 * Shared result type for the national identifier validators. Every validator is a pure function (no Node APIs, no
 * dependencies) so the same code runs in the browser forms and on the server.
 */

/** Machine codes explaining why a value was rejected; map them to field-level messages in the UI / API layer. */
export const VALIDATOR_REASONS = [
  /** Empty (or only whitespace / separators). */
  'required',
  /** Wrong number of characters after normalisation. */
  'length',
  /** A character outside the allowed set (e.g. punctuation, or a letter where only digits are allowed). */
  'charset',
  /** The check character does not match. */
  'checksum',
  /** Citizen ID: the embedded birth date is not a real date, before 1900, or in the future. */
  'birthDate',
  /** A letter the standard explicitly excludes (USCC: I O S V Z; VIN: I O Q). */
  'forbiddenLetter',
  /** Wrong leading digits (mobile: must start with 13–19). */
  'prefix',
  /** Citizen ID address code / USCC administrative division code is malformed. */
  'region',
] as const;

export type ValidatorReason = (typeof VALIDATOR_REASONS)[number];

export type ValidationResult = { ok: true; value: string } | { ok: false; reason: ValidatorReason };

/** Accepted input: form values may be missing, so null / undefined are treated like an empty string ('required'). */
export type ValidatorInput = string | null | undefined;

export function valid(value: string): ValidationResult {
  return { ok: true, value };
}

export function invalid(reason: ValidatorReason): ValidationResult {
  return { ok: false, reason };
}
