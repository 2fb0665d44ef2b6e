import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { VersionedCache } from './cache.js';
import { bumpDataVersion, readDataVersion } from './versions.js';

describe('versioned cache of a read model', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const bump = () => inTransaction(t.deps.database, (tx) => bumpDataVersion(tx, 'test.model'));

  it('computes once per version and filter, again after a change, and forgets a failure', async () => {
    const db = t.deps.database.db;
    const cache = new VersionedCache<number>('test.model', 2);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await readDataVersion(db, 'test.model')).toBe(0);
    expect(await cache.get(db, 'a', compute)).toBe(1);
    expect(await cache.get(db, 'a', compute)).toBe(1);
    // Two readers at once share one computation.
    expect(await Promise.all([cache.get(db, 'b', compute), cache.get(db, 'b', compute)])).toEqual([2, 2]);
    await bump();
    expect(await readDataVersion(db, 'test.model')).toBe(1);
    expect(await cache.get(db, 'a', compute)).toBe(3);
    // Bounded to two filters: the oldest ('b', computed before the change) made room for 'c'.
    expect(await cache.get(db, 'c', compute)).toBe(4);
    expect(await cache.get(db, 'b', compute)).toBe(5);
    // A failed computation is not kept.
    await expect(cache.get(db, 'd', () => Promise.reject(new Error('database went away')))).rejects.toThrow('database went away');
    expect(await cache.get(db, 'd', compute)).toBe(6);
  });

  it('a change rolled back is no change', async () => {
    const db = t.deps.database.db;
    const before = await readDataVersion(db, 'test.model');
    await expect(
      inTransaction(t.deps.database, async (tx) => {
        await bumpDataVersion(tx, 'test.model');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await readDataVersion(db, 'test.model')).toBe(before);
  });
});
