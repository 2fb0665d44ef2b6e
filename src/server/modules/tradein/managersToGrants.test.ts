import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../../../../test/helpers/testApp.js';
import { loadConfig } from '../../config.js';
import type { AppDeps } from '../../core/deps.js';
import { migrateToLatest } from '../../db/migrations.js';
import { createDeps } from '../../runtime.js';
import { ALL_MIGRATIONS } from '../migrations.js';
import { seedDefaultGrants } from '../platform/grants/service.js';

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * An installation of the release before grants moved to the platform: trade-in's grants in tradein_managers,
 * with the office's own changes (a grant added, a default withdrawn) and trade-in's seed marker. Upgrading must
 * keep every row, for trade-in and for car trade-in, which answered to the same rows.
 */
describe('migration 20261201_1001_tradein_managers_to_grants', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-grants-'));
  const pgDatabase = isPostgres() ? `huanxin_t_${randomBytes(6).toString('hex')}` : null;
  let deps: AppDeps;
  const earlier = ALL_MIGRATIONS.filter((m) => m.name < '20261201_1000');
  const org: Record<string, number> = {};

  beforeAll(async () => {
    let url = `sqlite:${path.join(dir, 'old.db')}`;
    if (pgDatabase) {
      await admin(`create database ${pgDatabase}`);
      const u = new URL(process.env.DATABASE_URL!);
      u.pathname = `/${pgDatabase}`;
      url = u.toString();
    }
    deps = createDeps(
      loadConfig({ ...process.env, NODE_ENV: 'test', HUANXIN_DATA_DIR: dir, DATABASE_URL: url, LOG_LEVEL: 'silent', HUANXIN_PG_POOL_SIZE: '2' }),
    );
    await migrateToLatest(deps.database, earlier);
    const db = deps.database.db;
    const at = '2025-03-01T00:00:00.000Z';
    for (const [code, name, kind] of [
      ['d-commerce', '市商务局', 'department'],
      ['d-finance', '市财政局', 'department'],
      ['d-transport', '市交通运输局', 'department'],
    ] as const) {
      const row = await db
        .insertInto('organizations')
        .values({ code, name, kind, status: 'active', is_demo: 0, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      org[name] = Number(row.id);
    }
    // Kysely's schema type no longer has the old table: the rows are written as the old release wrote them.
    const old = db as unknown as Kysely<{ tradein_managers: { organization_id: number; capability: string; granted_by: number | null; granted_at: string } }>;
    await old
      .insertInto('tradein_managers')
      .values([
        { organization_id: org['市商务局']!, capability: 'manage', granted_by: null, granted_at: at },
        { organization_id: org['市交通运输局']!, capability: 'manage', granted_by: 7, granted_at: '2025-06-30T08:00:00.000Z' },
        { organization_id: org['市交通运输局']!, capability: 'confirm_payment', granted_by: 7, granted_at: '2025-07-01T08:00:00.000Z' },
      ])
      .execute();
    // 市财政局's default confirm_payment was withdrawn by the office, so it has no row; the seed had run.
    await db.insertInto('job_runs').values({ name: 'seed', run_key: 'tradein-grants', started_at: at, finished_at: at }).execute();
  });

  afterAll(async () => {
    await deps.database.close();
    if (pgDatabase) await admin(`drop database if exists ${pgDatabase} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('copies every row into both domains, keeps who granted it and when, and drops the old table', async () => {
    const report = await migrateToLatest(deps.database, ALL_MIGRATIONS);
    expect(report.applied).toContain('20261201_1000_platform_organization_grants');
    expect(report.applied).toContain('20261201_1001_tradein_managers_to_grants');
    const rows = await deps.database.db
      .selectFrom('organization_grants')
      .selectAll()
      .orderBy('domain')
      .orderBy('organization_id')
      .orderBy('capability')
      .execute();
    const expected = (domain: string) => [
      { organization_id: org['市商务局'], domain, capability: 'manage', granted_by: null, granted_at: '2025-03-01T00:00:00.000Z' },
      { organization_id: org['市交通运输局'], domain, capability: 'confirm_payment', granted_by: 7, granted_at: '2025-07-01T08:00:00.000Z' },
      { organization_id: org['市交通运输局'], domain, capability: 'manage', granted_by: 7, granted_at: '2025-06-30T08:00:00.000Z' },
    ];
    expect(rows.map((r) => ({ ...r, organization_id: Number(r.organization_id), granted_by: r.granted_by === null ? null : Number(r.granted_by) }))).toEqual([
      ...expected('cartradein'),
      ...expected('tradein'),
    ]);
    const tables = (await deps.database.db.introspection.getTables()).map((t) => t.name);
    expect(tables).toContain('organization_grants');
    expect(tables).not.toContain('tradein_managers');
  });

  it('marks car trade-in’s defaults as seeded, so the withdrawn default does not come back in either domain', async () => {
    const defaults = [{ organization: '市财政局', capability: 'confirm_payment' as const }];
    await seedDefaultGrants(deps, 'tradein', defaults);
    await seedDefaultGrants(deps, 'cartradein', defaults);
    const finance = await deps.database.db.selectFrom('organization_grants').select('domain').where('organization_id', '=', org['市财政局']!).execute();
    expect(finance).toEqual([]);
    const markers = await deps.database.db.selectFrom('job_runs').select('run_key').where('name', '=', 'seed').orderBy('run_key').execute();
    expect(markers.map((m) => m.run_key)).toEqual(['cartradein-grants', 'tradein-grants']);
  });
});
