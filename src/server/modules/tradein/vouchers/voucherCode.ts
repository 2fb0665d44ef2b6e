import { randomInt } from 'node:crypto';
import { VOUCHER_ALPHABET, VOUCHER_BODY_LENGTH, voucherCheckCharacter } from '../../../../shared/voucherCode.js';

/**
 * Drawing new voucher codes. The format, the check character and parsing are shared with the web's till
 * (src/shared/voucherCode.ts); only the random body, which needs a cryptographic source, is the server's.
 */
export { VOUCHER_ALPHABET, formatVoucherCode, parseVoucherCode, type VoucherCodeCheck } from '../../../../shared/voucherCode.js';

export function generateVoucherCode(): string {
  let body = '';
  for (let i = 0; i < VOUCHER_BODY_LENGTH; i++) body += VOUCHER_ALPHABET[randomInt(VOUCHER_ALPHABET.length)];
  return body + voucherCheckCharacter(body);
}
