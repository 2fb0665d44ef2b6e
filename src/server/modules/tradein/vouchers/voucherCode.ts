import { randomInt } from 'node:crypto';

/**
 * Voucher codes a merchant can read aloud, type or scan: 10 random characters and a check character from an
 * alphabet without look-alikes (no 0/O, 1/I/L, U), shown as XXXX-XXXX-XXX. The check character is Luhn mod N
 * (N = 30), which catches every single mistyped character and almost every swap of two neighbours.
 * 30^10 ≈ 5.9 × 10^14 codes: guessing a live one is hopeless, and a collision merely retries.
 */
export const VOUCHER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = VOUCHER_ALPHABET.length;
const BODY_LENGTH = 10;

function checkCharacter(body: string): string {
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

export function generateVoucherCode(): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i++) body += VOUCHER_ALPHABET[randomInt(N)];
  return body + checkCharacter(body);
}

export function formatVoucherCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export type VoucherCodeCheck = { ok: true; code: string } | { ok: false; reason: 'format' | 'checksum' };

/** Accepts what a person types: any case, spaces and hyphens ignored. */
export function parseVoucherCode(input: string): VoucherCodeCheck {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== BODY_LENGTH + 1 || [...code].some((c) => !VOUCHER_ALPHABET.includes(c))) return { ok: false, reason: 'format' };
  if (checkCharacter(code.slice(0, BODY_LENGTH)) !== code[BODY_LENGTH]) return { ok: false, reason: 'checksum' };
  return { ok: true, code };
}
