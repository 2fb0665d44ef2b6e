import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/errors.js';
import { migrateToLatest } from '../../db/migrations.js';
import { ALL_MIGRATIONS } from '../migrations.js';

/**
 * An installation upgraded to the distributable keys (issue 15): the children take their parent's distribution
 * column, and the keys unique across owners are filled into their lookup tables from the rows already there — a
 * withdrawn vehicle's VIN is free, its certificate number stays spent.
 */
const BEFORE = '20261203_1800_recycling';
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

const at = new Date(Date.UTC(2026, 5, 1)).toISOString();
const stamps = { created_at: at, updated_at: at };

const vehicle = (id: number, dismantler: number, vin: string, status: string, certificate: string | null) => ({
  id,
  dismantler_organization_id: dismantler,
  qualification_id: dismantler,
  town_id: 2,
  vin,
  plate: `闽C0000${id}`,
  owner_kind: 'organization',
  owner_name: '某运输公司',
  owner_credit_code: '91350100M000100Y43',
  emission_standard: 'guo3',
  fuel_type: 'petrol',
  registered_on: '2010-03-01',
  received_on: '2026-05-01',
  certificate_number: certificate,
  certificate_issued_on: certificate ? '2026-05-02' : null,
  status,
  withdrawn_reason: status === 'withdrawn' ? '录错' : null,
  ...stamps,
});

describe('recycling: upgrading to the distributable keys', () => {
  let dir: string;
  let pgName: string | null = null;
  let database: Database;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-recycling-keys-'));
    let url = `sqlite:${path.join(dir, 'upgrade.db')}`;
    if (postgresUrl) {
      pgName = `huanxin_rk_${randomBytes(6).toString('hex')}`;
      await admin(`create database ${pgName}`);
      const u = new URL(postgresUrl);
      u.pathname = `/${pgName}`;
      url = u.toString();
    }
    database = createDatabase(url, { poolSize: 2 });
    await migrateToLatest(
      database,
      ALL_MIGRATIONS.filter((m) => m.name < BEFORE),
    );
    // Written in the shape the tables had then (untyped, as a migration sees them).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = database.db as unknown as Kysely<any>;
    await db
      .insertInto('organizations')
      .values(
        [
          [2, 'town', '安海镇'],
          [3, 'enterprise', '拆解甲'],
          [4, 'enterprise', '拆解乙'],
        ].map(([id, kind, name]) => ({ id, code: `org-${id}`, name, kind, status: 'active', ...stamps })),
      )
      .execute();
    await db
      .insertInto('users')
      .values({ id: 10, username: 'resident10', display_name: '居民', role: 'resident', organization_id: 2, password_hash: 'x', status: 'active', ...stamps })
      .execute();
    await db
      .insertInto('recycling_pickups')
      .values({
        id: 1,
        resident_user_id: 10,
        route: 'standard',
        items_json: '[]',
        address: '安海镇',
        town_id: 2,
        window_from: at,
        window_to: new Date(Date.parse(at) + 3_600_000).toISOString(),
        status: 'completed',
        open_since: at,
        ...stamps,
      })
      .execute();
    const certificate = (id: number) => ({
      id,
      number: `RC-20260601-AAAAA${id}`,
      category: 'refrigerator',
      issued_at: at,
      recycler_organization_id: 3,
      pickup_id: 1,
      resident_user_id: 10,
      created_at: at,
    });
    await db
      .insertInto('recycling_certificates')
      .values([certificate(1), certificate(2)])
      .execute();
    await db.insertInto('recycling_certificate_uses').values({ id: 1, certificate_id: 1, used_by_kind: 'tradein_redemption', used_at: at }).execute();
    await db
      .insertInto('recycling_dismantling_qualifications')
      .values(
        [3, 4].map((id) => ({
          id,
          organization_id: id,
          number: `Q-${id}`,
          issued_by: '福建省商务厅',
          valid_from: '2026-01-01',
          valid_to: '2027-01-01',
          status: 'active',
          ...stamps,
        })),
      )
      .execute();
    await db
      .insertInto('recycling_scrapped_vehicles')
      .values([
        vehicle(1, 3, 'VIN-OPEN-1', 'certificate_issued', 'CERT-1'),
        vehicle(2, 4, 'VIN-GONE-2', 'withdrawn', 'CERT-2'),
        vehicle(3, 4, 'VIN-OPEN-3', 'received', null),
      ])
      .execute();
    await db
      .insertInto('recycling_scrapped_vehicle_assemblies')
      .values({ vehicle_id: 1, assembly: 'engine', destination: 'remanufacture', on_date: '2026-05-03' })
      .execute();
    await migrateToLatest(database, ALL_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
    if (pgName) await admin(`drop database if exists ${pgName} with (force)`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('children take their parent’s distribution column', async () => {
    const db = database.db;
    expect((await db.selectFrom('recycling_certificate_uses').select('resident_user_id').execute()).map((r) => Number(r.resident_user_id))).toEqual([10]);
    const parts = await db.selectFrom('recycling_scrapped_vehicle_assemblies').select('dismantler_organization_id').execute();
    expect(parts.map((r) => Number(r.dismantler_organization_id))).toEqual([3]);
  });

  it('fills the lookup tables: every certificate number, every scrapping certificate number, the open VINs', async () => {
    const db = database.db;
    const numbers = await db.selectFrom('recycling_certificate_numbers').selectAll().orderBy('number').execute();
    expect(numbers.map((r) => [r.number, Number(r.resident_user_id), Number(r.certificate_id)])).toEqual([
      ['RC-20260601-AAAAA1', 10, 1],
      ['RC-20260601-AAAAA2', 10, 2],
    ]);
    const certificates = await db.selectFrom('recycling_scrapped_vehicle_certificate_numbers').selectAll().orderBy('certificate_number').execute();
    expect(certificates.map((r) => [r.certificate_number, Number(r.dismantler_organization_id), Number(r.vehicle_id)])).toEqual([
      ['CERT-1', 3, 1],
      ['CERT-2', 4, 2],
    ]);
    const vins = await db.selectFrom('recycling_scrapped_vehicle_open_vins').selectAll().orderBy('vin').execute();
    expect(vins.map((r) => [r.vin, Number(r.dismantler_organization_id), Number(r.vehicle_id)])).toEqual([
      ['VIN-OPEN-1', 3, 1],
      ['VIN-OPEN-3', 4, 3],
    ]);
  });

  it('the lookup tables refuse a second owner of a key', async () => {
    const db = database.db;
    const refused = async (write: Promise<unknown>) => expect(isUniqueViolation(await write.then(() => null).catch((e: unknown) => e))).toBe(true);
    await refused(db.insertInto('recycling_scrapped_vehicle_open_vins').values({ vin: 'VIN-OPEN-1', dismantler_organization_id: 4, vehicle_id: 9 }).execute());
    await refused(
      db
        .insertInto('recycling_scrapped_vehicle_certificate_numbers')
        .values({ certificate_number: 'CERT-2', dismantler_organization_id: 3, vehicle_id: 9 })
        .execute(),
    );
    await refused(db.insertInto('recycling_certificate_numbers').values({ number: 'RC-20260601-AAAAA1', resident_user_id: 11, certificate_id: 9 }).execute());
  });
});
