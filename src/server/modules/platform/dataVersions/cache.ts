import type { Queryable } from '../../../db/database.js';
import { readDataVersion } from './versions.js';

interface Entry<T> {
  version: number;
  value: Promise<T>;
}

/**
 * A read model's figures kept per filter until the records behind them change: each read costs one primary-key
 * lookup of the version; a changed version (any process's commit) recomputes. The version is read before the
 * figures, so what is kept under a version is never older than it. Bounded, oldest entry out first.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly versionKey: string,
    private readonly maxEntries = 200,
  ) {}

  async get(db: Queryable, entryKey: string, compute: () => Promise<T>): Promise<T> {
    const version = await readDataVersion(db, this.versionKey);
    const hit = this.entries.get(entryKey);
    if (hit && hit.version === version) return hit.value;
    const value = compute();
    this.entries.delete(entryKey);
    this.entries.set(entryKey, { version, value });
    // A failed computation is not kept: the next reader tries again.
    value.catch(() => {
      if (this.entries.get(entryKey)?.value === value) this.entries.delete(entryKey);
    });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/** One cache per database (tests run many apps in one process, each on its own database). */
export function cachePerDatabase<T>(versionKey: string, maxEntries?: number) {
  const caches = new WeakMap<object, VersionedCache<T>>();
  return (database: object): VersionedCache<T> => {
    let c = caches.get(database);
    if (!c) caches.set(database, (c = new VersionedCache<T>(versionKey, maxEntries)));
    return c;
  };
}
