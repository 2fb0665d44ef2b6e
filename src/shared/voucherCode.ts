/**
 * Voucher codes a merchant can read aloud, type or scan: 10 random characters and a check character from an
 * alphabet without look-alikes (no 0/O, 1/I/L, U), shown as XXXX-XXXX-XXX. The check character is Luhn mod N
 * (N = 30), which catches every single mistyped character and almost every swap of two neighbours.
 * 30^10 ≈ 5.9 × 10^14 codes: guessing a live one is hopeless, and a collision merely retries.
 *
 * The pure part lives here so the till checks a code as it is typed exactly as the server will; drawing the
 * random body needs a cryptographic source and stays on the server (tradein/vouchers/voucherCode.ts).
 */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VOUCHER_BODY_LENGTH = 10;
const N = VOUCHER_ALPHABET.length;

/** What a person typed without the spaces and hyphens that group it, in upper case. */
const bare = (input: string) => input.replace(/[\s-]/g, '').toUpperCase();

/** The check character of a body of alphabet characters. */
export function voucherCheckCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const value = VOUCHER_ALPHABET.indexOf(body[i]!);
    let addend = factor * value;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return VOUCHER_ALPHABET[(N - (sum % N)) % N]!;
}

/** The stored code as it is printed: "AB23CD45EF6" → "AB23-CD45-EF6". */
export function formatVoucherCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** A code grouped for reading aloud on a screen: "ab23-cd45ef6" → "AB23 CD45 EF6". */
export function groupVoucherCode(code: string): string {
  return bare(code).replace(/(.{4})(?=.)/g, '$1 ');
}

export type VoucherCodeProblem = 'length' | 'charset' | 'checksum';

/** What a person typed, checked: any case, spaces and hyphens ignored; the problem named for the till's hint. */
export function checkVoucherCode(input: string): { ok: true; code: string } | { ok: false; reason: VoucherCodeProblem } {
  const code = bare(input);
  if (code.length !== VOUCHER_BODY_LENGTH + 1) return { ok: false, reason: 'length' };
  if ([...code].some((c) => !VOUCHER_ALPHABET.includes(c))) return { ok: false, reason: 'charset' };
  if (voucherCheckCharacter(code.slice(0, VOUCHER_BODY_LENGTH)) !== code[VOUCHER_BODY_LENGTH]) return { ok: false, reason: 'checksum' };
  return { ok: true, code };
}

export type VoucherCodeCheck = { ok: true; code: string } | { ok: false; reason: 'format' | 'checksum' };

/** The same check as the API reports it: a wrong length or character is one `format` error. */
export function parseVoucherCode(input: string): VoucherCodeCheck {
  const checked = checkVoucherCode(input);
  if (checked.ok) return checked;
  return { ok: false, reason: checked.reason === 'checksum' ? 'checksum' : 'format' };
}
