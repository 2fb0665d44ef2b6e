import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, timeStep, totp } from './totp.js';
import { RFC4226_HOTP, RFC4226_KEY, RFC6238_KEYS, RFC6238_TOTP } from './vectors.js';

describe('HOTP (RFC 4226 Appendix D)', () => {
  const key = Buffer.from(RFC4226_KEY, 'ascii');
  it.each(RFC4226_HOTP.map((code, counter) => [counter, code]))('counter %i → %s', (counter, code) => {
    expect(hotp(key, counter)).toBe(code);
  });
});

describe('TOTP (RFC 6238 Appendix B)', () => {
  const keys = {
    sha1: Buffer.from(RFC6238_KEYS.sha1, 'ascii'),
    sha256: Buffer.from(RFC6238_KEYS.sha256, 'ascii'),
    sha512: Buffer.from(RFC6238_KEYS.sha512, 'ascii'),
  };
  it.each(RFC6238_TOTP)('T=%i s', (seconds, sha1, sha256, sha512) => {
    const at = seconds * 1000;
    expect(totp(keys.sha1, at, { digits: 8, algorithm: 'sha1' })).toBe(sha1);
    expect(totp(keys.sha256, at, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(keys.sha512, at, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });
});

describe('matching a code', () => {
  const secret = base32Encode(Buffer.from('12345678901234567890', 'ascii'));
  const at = 1111111111_000;
  const code = (ms: number) => totp(base32Decode(secret), ms);

  it('base32 round-trips and reads the RFC key', () => {
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv-gy3t qojq gezd gnbv gy3t qojq').toString('ascii')).toBe('12345678901234567890');
    expect(() => base32Decode('GEZ1')).toThrow();
  });

  it('accepts the current step and one either side, not two', () => {
    const now = timeStep(at);
    expect(matchTotp(secret, code(at), at, null)).toBe(now);
    expect(matchTotp(secret, code(at - 30_000), at, null)).toBe(now - 1);
    expect(matchTotp(secret, code(at + 30_000), at, null)).toBe(now + 1);
    expect(matchTotp(secret, code(at - 60_000), at, null)).toBeNull();
    expect(matchTotp(secret, code(at + 60_000), at, null)).toBeNull();
  });

  it('refuses a step already used, and anything not six digits', () => {
    const now = timeStep(at);
    expect(matchTotp(secret, code(at), at, now)).toBeNull();
    expect(matchTotp(secret, code(at + 30_000), at, now)).toBe(now + 1);
    expect(matchTotp(secret, '12345', at, null)).toBeNull();
    expect(matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('builds the otpauth URI authenticator apps read', () => {
    const uri = otpauthUri(secret, 'demo_office', '焕新 Huanxin');
    expect(uri.startsWith('otpauth://totp/')).toBe(true);
    const parsed = new URL(uri);
    expect(parsed.host).toBe('totp');
    expect(decodeURIComponent(parsed.pathname)).toBe('/焕新 Huanxin:demo_office');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('issuer')).toBe('焕新 Huanxin');
    expect(parsed.searchParams.get('period')).toBe('30');
  });
});
