import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The two cryptographic suites, both from Node's OpenSSL (never a hand-written cipher):
 * - `aes`: AES-256-GCM for data at rest, SHA-256 / HMAC-SHA-256 for hashes (what Huanxin always used);
 * - `sm`: the national (商用密码) suite — SM4-CBC with HMAC-SM3 (encrypt-then-MAC; this OpenSSL has no SM4-GCM)
 *   for data at rest, SM3 / HMAC-SM3 for hashes (GB/T 32907, GB/T 32905).
 */
export type CryptoSuite = 'aes' | 'sm';

export const DIGEST: Record<CryptoSuite, 'sha256' | 'sm3'> = { aes: 'sha256', sm: 'sm3' };

/** Hex digest with the suite's hash. */
export function suiteDigest(suite: CryptoSuite, data: string | Buffer): string {
  return createHash(DIGEST[suite]).update(data).digest('hex');
}

/** Keyed hash (HMAC) with the suite's hash, hex. */
export function suiteHmac(suite: CryptoSuite, key: Buffer | string, data: string | Buffer): string {
  return createHmac(DIGEST[suite], key).update(data).digest('hex');
}

/** One key version: its number and its 32 bytes of key material (from configuration, never from the database). */
export interface KeyVersion {
  version: number;
  key: Buffer;
}

/**
 * What the database may know of a key: a commitment that tells a wrong key from the right one and reveals
 * nothing of it (HMAC keyed by the key itself over a fixed label; always SHA-256 so it does not change with the
 * suite).
 */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('huanxin key fingerprint').digest('hex').slice(0, 16);
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

/** SM4 wants 16 bytes and the MAC its own key: both derived from the version's key (HKDF-SM3, domain separated). */
// Derived once per (key, version): HKDF on every seal made a re-encryption run ~5× slower.
const derived = new WeakMap<Buffer, Map<number, { enc: Buffer; mac: Buffer }>>();
function smKeys(key: Buffer, version: number): { enc: Buffer; mac: Buffer } {
  const perKey = derived.get(key) ?? new Map<number, { enc: Buffer; mac: Buffer }>();
  derived.set(key, perKey);
  const known = perKey.get(version);
  if (known) return known;
  const keys = {
    enc: Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), `huanxin sm4-cbc enc v${version}`, 16)),
    mac: Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), `huanxin hmac-sm3 mac v${version}`, 32)),
  };
  perKey.set(version, keys);
  return keys;
}

/** `a2.<ver>.iv.tag.body`: AES-256-GCM; the prefix is authenticated data so a version cannot be swapped. */
export function sealAes(k: KeyVersion, plaintext: string): string {
  const head = `a2.${k.version}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k.key, iv);
  cipher.setAAD(Buffer.from(head));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [head, b64(iv), b64(cipher.getAuthTag()), b64(body)].join('.');
}

function openAes(k: KeyVersion, parts: string[]): string {
  const [, , iv, tag, body] = parts;
  if (!iv || !tag || body === undefined) throw new Error('Unrecognised ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', k.key, unb64(iv));
  decipher.setAAD(Buffer.from(`a2.${k.version}`));
  decipher.setAuthTag(unb64(tag));
  return Buffer.concat([decipher.update(unb64(body)), decipher.final()]).toString('utf8');
}

/** `s1.<ver>.iv.body.mac`: SM4-CBC (PKCS#7), then HMAC-SM3 over everything before the MAC (encrypt-then-MAC). */
export function sealSm(k: KeyVersion, plaintext: string): string {
  const { enc, mac } = smKeys(k.key, k.version);
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', enc, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const signed = [`s1.${k.version}`, b64(iv), b64(body)].join('.');
  return `${signed}.${b64(createHmac('sm3', mac).update(signed).digest())}`;
}

function openSm(k: KeyVersion, parts: string[]): string {
  const [, , iv, body, tag] = parts;
  if (!iv || body === undefined || !tag) throw new Error('Unrecognised ciphertext');
  const { enc, mac } = smKeys(k.key, k.version);
  const expected = createHmac('sm3', mac).update(parts.slice(0, 4).join('.')).digest();
  const actual = unb64(tag);
  // The MAC is checked before anything is decrypted: a tampered ciphertext never reaches the CBC padding check.
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new Error('Ciphertext failed its integrity check');
  const decipher = createDecipheriv('sm4-cbc', enc, unb64(iv));
  return Buffer.concat([decipher.update(unb64(body)), decipher.final()]).toString('utf8');
}

/** `v1.iv.tag.body`: the first form (AES-256-GCM under key version 1, no stated version); read, never written. */
function openLegacy(key: Buffer, parts: string[]): string {
  const [, iv, tag, body] = parts;
  if (!iv || !tag || body === undefined) throw new Error('Unrecognised ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, unb64(iv));
  decipher.setAuthTag(unb64(tag));
  return Buffer.concat([decipher.update(unb64(body)), decipher.final()]).toString('utf8');
}

/** Which suite and key version a stored ciphertext says it was sealed with. */
export function ciphertextForm(sealed: string): { suite: CryptoSuite; version: number } | null {
  if (sealed.startsWith('v1.')) return { suite: 'aes', version: 1 };
  const m = /^(a2|s1)\.(\d{1,6})\./.exec(sealed);
  if (!m) return null;
  return { suite: m[1] === 'a2' ? 'aes' : 'sm', version: Number(m[2]) };
}

/** The prefix every value sealed with (suite, version) starts with: what a re-encryption run looks for. */
export function sealedPrefix(suite: CryptoSuite, version: number): string {
  return `${suite === 'aes' ? 'a2' : 's1'}.${version}.`;
}

export class MissingKeyVersionError extends Error {
  constructor(readonly version: number) {
    super(`Key version ${version} is not configured (HUANXIN_ENCRYPTION_KEY / HUANXIN_ENCRYPTION_KEYS)`);
  }
}

/**
 * The keys of an installation: every configured version opens what it sealed, whichever suite sealed it (so
 * data sealed under AES stays readable after a switch to SM, and the other way round); only the highest version
 * seals, with the configured suite.
 */
export interface Keyring {
  suite: CryptoSuite;
  active: KeyVersion;
  versions: readonly KeyVersion[];
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** Whether a value is already sealed with the active suite and version. */
  isCurrent(sealed: string): boolean;
}

export function createKeyring(suite: CryptoSuite, versions: readonly KeyVersion[]): Keyring {
  if (versions.length === 0) throw new Error('At least one encryption key version is needed');
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  const active = [...versions].sort((a, b) => b.version - a.version)[0]!;
  const keyOf = (version: number) => {
    const k = byVersion.get(version);
    if (!k) throw new MissingKeyVersionError(version);
    return k;
  };
  const prefix = sealedPrefix(suite, active.version);
  return {
    suite,
    active,
    versions,
    seal: (plaintext) => (suite === 'sm' ? sealSm(active, plaintext) : sealAes(active, plaintext)),
    open(sealed) {
      const form = ciphertextForm(sealed);
      if (!form) throw new Error('Unrecognised ciphertext');
      const parts = sealed.split('.');
      if (sealed.startsWith('v1.')) return openLegacy(keyOf(1).key, parts);
      return form.suite === 'sm' ? openSm(keyOf(form.version), parts) : openAes(keyOf(form.version), parts);
    },
    isCurrent: (sealed) => sealed.startsWith(prefix),
  };
}
