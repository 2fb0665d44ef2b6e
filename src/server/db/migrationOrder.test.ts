import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../modules/migrations.js';
import { createDatabase } from './database.js';
import { migrateToLatest } from './migrations.js';

/** The first migrations of every module, numbered in blocks; everything after them is named by date. */
const NUMBERED = /^\d{4}_[a-z]/;
const DATED = /^\d{8}_\d{4}_[a-z]+_[a-z0-9_]+$/;

describe('migration names', () => {
  it('are unique, numbered-block or dated, and every dated one sorts after every numbered one', () => {
    const names = ALL_MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(NUMBERED.test(name) || DATED.test(name), name).toBe(true);
    const lastNumbered = names
      .filter((n) => NUMBERED.test(n))
      .sort()
      .at(-1)!;
    for (const name of names.filter((n) => DATED.test(n))) expect(name > lastNumbered, name).toBe(true);
  });

  it('upgrade an installation that has only the numbered migrations (a database of an earlier release)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-upgrade-'));
    const database = createDatabase(`sqlite:${path.join(dir, 'old.db')}`);
    try {
      const earlier = ALL_MIGRATIONS.filter((m) => NUMBERED.test(m.name));
      expect((await migrateToLatest(database, earlier)).applied).toHaveLength(earlier.length);
      const report = await migrateToLatest(database, ALL_MIGRATIONS);
      expect(report.applied).toEqual(
        ALL_MIGRATIONS.filter((m) => DATED.test(m.name))
          .map((m) => m.name)
          .sort(),
      );
      expect(report.total).toBe(ALL_MIGRATIONS.length);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
