import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const hex = (c: string) => c.repeat(64);

describe('key versions from the configuration', () => {
  it('takes HUANXIN_ENCRYPTION_KEY as version 1 and HUANXIN_ENCRYPTION_KEYS as further versions', () => {
    const c = loadConfig({ HUANXIN_ENCRYPTION_KEY: hex('a'), HUANXIN_ENCRYPTION_KEYS: `3:${hex('c')}, 2:${hex('b')}` });
    expect(c.encryptionKeys.map((k) => [k.version, k.key.toString('hex')])).toEqual([
      [1, hex('a')],
      [2, hex('b')],
      [3, hex('c')],
    ]);
    expect(c.encryptionKey.toString('hex')).toBe(hex('a'));
  });

  it('keeps the lookup key when version 1 leaves the configuration and its value moves to HUANXIN_LOOKUP_KEY', () => {
    const before = loadConfig({ HUANXIN_ENCRYPTION_KEY: hex('a') });
    const after = loadConfig({ HUANXIN_ENCRYPTION_KEYS: `2:${hex('b')}`, HUANXIN_LOOKUP_KEY: hex('a') });
    expect(after.encryptionKeys.map((k) => k.version)).toEqual([2]);
    expect(after.lookupKey.equals(before.lookupKey)).toBe(true);
  });

  it('refuses malformed or repeated versions and, in production, a missing lookup key', () => {
    expect(() => loadConfig({ HUANXIN_ENCRYPTION_KEYS: 'two:abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ HUANXIN_ENCRYPTION_KEYS: `0:${hex('b')}` })).toThrow(ConfigError);
    expect(() => loadConfig({ HUANXIN_ENCRYPTION_KEY: hex('a'), HUANXIN_ENCRYPTION_KEYS: `1:${hex('b')}` })).toThrow(/twice/);
    const prod = { NODE_ENV: 'production', HUANXIN_SESSION_SECRET: 'x'.repeat(40) };
    expect(() => loadConfig({ ...prod, HUANXIN_ENCRYPTION_KEYS: `2:${hex('b')}` })).toThrow(/HUANXIN_LOOKUP_KEY/);
    expect(loadConfig({ ...prod, HUANXIN_ENCRYPTION_KEYS: `2:${hex('b')}`, HUANXIN_LOOKUP_KEY: hex('a') }).encryptionKeys).toHaveLength(1);
    expect(() => loadConfig({ HUANXIN_CRYPTO: 'des' })).toThrow(ConfigError);
  });
});
