import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/database.js';
import { migrateToLatest } from '../../../db/migrations.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { ALL_MIGRATIONS } from '../../migrations.js';
import { isPostgres } from '../../../../../test/helpers/testApp.js';

const KEYS_MIGRATION = '20261203_1810_ledgers_asset_keys';

/** Assets from before the lookup table keep their keys in it, and the key stays unique per kind. */
describe('re-import keys move to ledger_asset_keys (migration 1810)', () => {
  const postgresUrl = isPostgres() ? process.env.DATABASE_URL! : null;
  let dir: string;
  let pgName: string | null = null;
  let database: Database;
  let kindIds: number[];
  let assetIds: number[];

  async function admin(text: string) {
    const client = new pg.Client({ connectionString: postgresUrl! });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-ledgerkeys-'));
    let url = `sqlite:${path.join(dir, 'upgrade.db')}`;
    if (postgresUrl) {
      pgName = `huanxin_t_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${pgName}`);
      const u = new URL(postgresUrl);
      u.pathname = `/${pgName}`;
      url = u.toString();
    }
    database = createDatabase(url, { poolSize: 2 });
    await migrateToLatest(
      database,
      ALL_MIGRATIONS.filter((m) => m.name < KEYS_MIGRATION),
    );
    const now = new Date().toISOString();
    // Written as the old schema had it, so typed loosely, as a migration would.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = database.db as unknown as Kysely<any>;
    const org = await db
      .insertInto('organizations')
      .values({ code: 'ledger-keeper-old', name: '台账单位', kind: 'department', status: 'active', is_demo: 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    kindIds = [];
    for (const code of ['oldPumps', 'oldBoilers'])
      kindIds.push(
        Number(
          (
            await db
              .insertInto('ledger_kinds')
              .values({ code, keeper_organization_id: org.id, version: 1, shipped: 0, created_by: null, created_at: now, updated_at: now })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
        ),
      );
    const asset = (kind: number, key: string | null) => ({
      kind_id: kind,
      kind_version: 1,
      status: 'in_service',
      title: key ?? 'untitled',
      unique_key: key,
      created_at: now,
      updated_at: now,
    });
    const rows = [asset(kindIds[0]!, 'P-1'), asset(kindIds[0]!, 'P-2'), asset(kindIds[0]!, null), asset(kindIds[1]!, 'P-1')];
    assetIds = [];
    for (const r of rows) assetIds.push(Number((await db.insertInto('ledger_assets').values(r).returning('id').executeTakeFirstOrThrow()).id));
    await migrateToLatest(database, ALL_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
    if (pgName) await admin(`drop database if exists ${pgName} with (force)`);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('fills the lookup table from every asset that holds a key, and only those', async () => {
    const keys = await database.db.selectFrom('ledger_asset_keys').selectAll().orderBy('asset_id').execute();
    expect(keys.map((k) => [Number(k.kind_id), k.unique_key, Number(k.asset_id)])).toEqual([
      [kindIds[0], 'P-1', assetIds[0]],
      [kindIds[0], 'P-2', assetIds[1]],
      [kindIds[1], 'P-1', assetIds[3]],
    ]);
  });

  it('refuses a second holder of a key within a kind', async () => {
    const err = await database.db
      .insertInto('ledger_asset_keys')
      .values({ kind_id: kindIds[0]!, unique_key: 'P-2', asset_id: assetIds[2]! })
      .execute()
      .catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });
});
