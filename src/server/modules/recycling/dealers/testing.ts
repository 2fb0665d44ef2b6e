import { computeCreditCodeCheckChar } from '../../../../shared/validators/creditCode.js';
import { computeVinCheckDigit } from '../../../../shared/validators/vin.js';

/** A valid unified social credit code (GB 32100) numbered n, for tests. */
export function testCreditCode(n: number): string {
  const first = `91350582MA1${String(n).padStart(6, '0')}`;
  return first + computeCreditCodeCheckChar(first);
}

/** A valid VIN (ISO 3779 check digit) numbered n, for tests. */
export function testVin(n: number): string {
  const raw = `LFV2A21K0G3${String(n).padStart(6, '0')}`;
  return raw.slice(0, 8) + computeVinCheckDigit(raw) + raw.slice(9);
}

export const fields = (res: { json: () => { error: { details: { field: string }[] } } }) =>
  res
    .json()
    .error.details.map((d) => d.field)
    .sort();
