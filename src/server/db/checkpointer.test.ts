import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';

describe('SQLite checkpoints beside the server', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-ckpt-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages from the log into the database file without the writer checkpointing', async () => {
    const file = path.join(dir, 'c.db');
    const database = createDatabase(`sqlite:${file}`);
    await sql`create table filler (id integer primary key, body text not null)`.execute(database.db);
    const before = fs.statSync(file).size;
    // ~4 MiB: far below the writer's own fallback checkpoint (~200 MiB), so only the checkpointer moves it.
    for (let i = 0; i < 40; i++)
      await sql`insert into filler (body) select ${'x'.repeat(1000)} from (with recursive n(k) as (select 1 union all select k + 1 from n where k < 100) select k from n)`.execute(
        database.db,
      );
    let after = before;
    for (let i = 0; i < 50 && after < before + 3_000_000; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = fs.statSync(file).size;
    }
    expect(after).toBeGreaterThan(before + 3_000_000);
    const rows = await sql<{ n: number }>`select count(*) as n from filler`.execute(database.db);
    expect(Number(rows.rows[0]!.n)).toBe(4000);
    await database.close();
  });
});
