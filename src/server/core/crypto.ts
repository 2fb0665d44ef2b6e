import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { createKeyring, suiteHmac, type CryptoSuite, type Keyring, type KeyVersion } from './cryptoSuites.js';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 } as const;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** scrypt with a per-user salt; the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keylen);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scryptAsync(password, Buffer.from(saltB64, 'base64'), Number(n), Number(r), Number(p), expected.length);
  return timingSafeEqual(expected, actual);
}

/** A hash that makes every login attempt cost the same whether or not the account exists. */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==';

/** Encrypts personal data at rest with AES-256-GCM: `v1.iv.tag.ciphertext`, base64url parts. */
export function encrypt(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decrypt(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unrecognised ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Keyed hash stored beside an encrypted value so uniqueness can be checked without decrypting. */
export function lookupHash(key: Buffer | string, value: string): string {
  return createHmac('sha256', key).update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Personal data as the platform handles it: encrypted at rest, findable by keyed hash, shown masked. */
export interface Sealer {
  seal(value: string): string;
  open(sealed: string): string;
  lookup(value: string): string;
}

/** A sealer with one AES key (version 1) and SHA-256 lookups: what the platform used before key versions. */
export function createSealer(encryptionKey: Buffer, lookupKey: Buffer): Sealer {
  return createSuiteSealer('aes', [{ version: 1, key: encryptionKey }], lookupKey);
}

/** The sealer of an installation that also knows its keyring (the key rotation reads it). */
export interface KeyringSealer extends Sealer {
  keyring: Keyring;
}

/**
 * Seals with the suite and the highest key version; opens every form and version configured. Lookup hashes are
 * HMAC with the suite's hash under one lookup key that is not rotated: a lookup hash is an equality index, not a
 * secret store — rotating its key would mean recomputing every hash from its plaintext in one step for the
 * lookups to keep matching, and a rotated encryption key already limits what a leaked ciphertext reveals.
 */
export function createSuiteSealer(suite: CryptoSuite, versions: readonly KeyVersion[], lookupKey: Buffer): KeyringSealer {
  const keyring = createKeyring(suite, versions);
  return {
    keyring,
    seal: (value) => keyring.seal(value),
    open: (sealed) => keyring.open(sealed),
    lookup: (value) => suiteHmac(suite, lookupKey, value),
  };
}
