import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/database.js';
import { migrateToLatest } from '../../../db/migrations.js';
import { ALL_MIGRATIONS } from '../../migrations.js';

/**
 * An installation upgraded from before the events' lifecycle: every event it holds had been live since it was
 * registered, so planned ones become published, all keep their results and cancellations, and each is stamped
 * published when it was created.
 */
const LIFECYCLE = '20261201_1203_cartradein_event_lifecycle';
const postgresUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;

async function admin(text: string) {
  const client = new pg.Client({ connectionString: postgresUrl! });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const at = (n: number) => new Date(Date.UTC(2025, 4, 1) + n * 3_600_000).toISOString();
const row = (id: number, status: string, n: number, results: boolean) => ({
  id,
  type: id % 2 ? 'car_carnival' : 'appliance_rural',
  title: `活动${id}`,
  description: null,
  starts_on: '2025-05-10',
  ends_on: '2025-05-11',
  town_id: 2,
  place: '会展中心',
  organization_id: 3,
  status,
  visitors: results ? 900 : null,
  sales_fen: results ? 123_456_789 : null,
  subsidies_redeemed_fen: results ? 4_500_000 : null,
  subsidies_redeemed_count: results ? 9 : null,
  results_reported_at: results ? at(n + 1) : null,
  created_by: 5,
  created_at: at(n),
  updated_at: at(n + 2),
});

describe('promotion events: upgrading events registered before drafts existed', () => {
  let dir: string;
  let pgName: string | null = null;
  let database: Database;
  const old = [row(1, 'planned', 0, false), row(2, 'held', 10, true), row(3, 'cancelled', 20, false), row(4, 'planned', 30, false)];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-events-'));
    let url = `sqlite:${path.join(dir, 'upgrade.db')}`;
    if (postgresUrl) {
      pgName = `huanxin_e_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${pgName}`);
      const u = new URL(postgresUrl);
      u.pathname = `/${pgName}`;
      url = u.toString();
    }
    database = createDatabase(url, { poolSize: 2 });
    await migrateToLatest(
      database,
      ALL_MIGRATIONS.filter((m) => m.name < LIFECYCLE),
    );
    // Written in the shape the tables had then (untyped, as a migration sees them).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = database.db as unknown as Kysely<any>;
    await db
      .insertInto('organizations')
      .values(
        [
          [2, 'town', '安海镇'],
          [3, 'department', '市商务局'],
          [7, 'enterprise', '晋江某汽车销售公司'],
        ].map(([id, kind, name]) => ({ id, code: `org-${id}`, name, kind, status: 'active', created_at: at(0), updated_at: at(0) })),
      )
      .execute();
    await db.insertInto('cartradein_events').values(old).execute();
    await db
      .insertInto('cartradein_event_merchants')
      .values([
        { event_id: 1, organization_id: 7 },
        { event_id: 2, organization_id: 7 },
      ])
      .execute();
    await migrateToLatest(database, ALL_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
    if (pgName) await admin(`drop database if exists ${pgName} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('planned becomes published; held and cancelled stay; every one was published when it was created', async () => {
    const rows = await database.db.selectFrom('cartradein_events').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [Number(r.id), r.status, r.published_at, r.cancelled_at, r.cancel_reason])).toEqual([
      [1, 'published', at(0), null, null],
      [2, 'held', at(10), null, null],
      [3, 'cancelled', at(20), at(22), null],
      [4, 'published', at(30), null, null],
    ]);
  });

  it('loses nothing: details, results and participants are as they were', async () => {
    const rows = await database.db.selectFrom('cartradein_events').selectAll().orderBy('id').execute();
    expect(
      rows.map((r) => ({
        ...r,
        id: Number(r.id),
        town_id: Number(r.town_id),
        organization_id: Number(r.organization_id),
        created_by: Number(r.created_by),
        sales_fen: r.sales_fen === null ? null : Number(r.sales_fen),
        subsidies_redeemed_fen: r.subsidies_redeemed_fen === null ? null : Number(r.subsidies_redeemed_fen),
        status: undefined,
        published_at: undefined,
        cancelled_at: undefined,
        cancel_reason: undefined,
      })),
    ).toEqual(old.map((r) => ({ ...r, status: undefined, published_at: undefined, cancelled_at: undefined, cancel_reason: undefined })));
    expect(await database.db.selectFrom('cartradein_event_merchants').select(['event_id']).execute()).toHaveLength(2);
  });
});
