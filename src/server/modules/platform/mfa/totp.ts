import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * HOTP (RFC 4226) and TOTP (RFC 6238) on node:crypto's HMAC: a one-time code is a truncated HMAC of a counter, not
 * a cipher, so nothing here is hand-made cryptography. Authenticator apps use HMAC-SHA1, 30 s steps and 6 digits;
 * the other hashes and lengths are here only so the RFCs' own test vectors can be checked.
 */
export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export const TOTP = { stepSeconds: 30, digits: 6, algorithm: 'sha1' as TotpAlgorithm, window: 1, secretBytes: 20 } as const;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: what otpauth:// URIs and authenticator apps take. */
export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Reads base32 as people type it: any case, spaces, dashes and padding ignored. Throws on another character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error('not base32');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new random secret (160 bits, the size RFC 4226 recommends), in base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(TOTP.secretBytes));
}

/** RFC 4226 §5.3: HMAC of the 8-byte big-endian counter, dynamic truncation, the last `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits: number = TOTP.digits, algorithm: TotpAlgorithm = TOTP.algorithm): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step of an instant (seconds since the epoch divided by the step). */
export function timeStep(atMs: number, stepSeconds: number = TOTP.stepSeconds): number {
  return Math.floor(atMs / 1000 / stepSeconds);
}

/** The TOTP code at an instant. */
export function totp(key: Buffer, atMs: number, options: { digits?: number; algorithm?: TotpAlgorithm; stepSeconds?: number } = {}): string {
  return hotp(key, timeStep(atMs, options.stepSeconds), options.digits, options.algorithm);
}

/**
 * Which step a code was made for, within ±`window` steps of now (clocks drift), or null. A step at or before
 * `lastStep` (the last one this account used) is not accepted again: a code works once.
 */
export function matchTotp(secretBase32: string, code: string, atMs: number, lastStep: number | null, window: number = TOTP.window): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secretBase32);
  const now = timeStep(atMs);
  for (let delta = -window; delta <= window; delta++) {
    const step = now + delta;
    if (lastStep !== null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step;
  }
  return null;
}

/** The URI an authenticator app reads (Key Uri Format): label `issuer:account`, issuer repeated as a parameter. */
export function otpauthUri(secretBase32: string, account: string, issuer: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP.digits),
    period: String(TOTP.stepSeconds),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}
