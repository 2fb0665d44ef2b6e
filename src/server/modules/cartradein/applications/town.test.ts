import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../../db/database.js';
import { migrateToLatest } from '../../../db/migrations.js';
import { ALL_MIGRATIONS } from '../../migrations.js';
import { createTestApp, isPostgres, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { carTradeinMetrics } from '../metrics.js';
import { evidenceFor, FIXTURE_TOWN_ID, newResident, scrappingApplication, scrappingProgramBody } from '../testing/fixtures.js';
import { SUMMARY_COLUMNS, summaryBase, toSummary, type SummaryRow } from './views.js';

/**
 * Car applications name the applicant's town: required and checked against the division list, stored, shown,
 * filtered by, and counted in that town's car figures; applications from before the town was asked keep none
 * (unknown), counted for the city and apart, never for a town.
 */
const SCRAPPING_EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];
const TOWN_MIGRATION = '20261201_1205_cartradein_application_town';

const metric = (name: string) => carTradeinMetrics.find((m) => m.name === name)!;
/** A window around now: the approvals of this test fall in it whatever the day. */
const around = () => ({ from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() });

describe('the applicant’s town on car applications', () => {
  let t: TestApp;
  let commerce: TestClient;
  let resident: TestClient;
  let programId: number;
  let evidence: { attachmentId: number; kind: string }[];
  let towns: { id: number; name: string }[];
  let department: number;

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    resident = await t.login('13800000001');
    programId = (await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-town-test'))).json().id;
    evidence = await evidenceFor(resident, SCRAPPING_EVIDENCE);
    towns = (await t.anonymous.get('/api/towns')).json();
    department = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'department').executeTakeFirstOrThrow()).id);
  });
  afterAll(() => t.close());

  const count = async () =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('cartradein_applications')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  it('the fixtures’ town is the first town of the division list', () => {
    expect(towns[0]).toMatchObject({ id: FIXTURE_TOWN_ID, name: '青阳街道' });
  });

  it('refuses an application without a town, or naming an organisation that is not a town, writing nothing', async () => {
    const before = await count();
    const { townId: _omit, ...noTown } = scrappingApplication(programId, 301, evidence);
    const missing = await resident.post('/api/tradein/car-applications', noTown, { 'accept-language': 'en' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual(['townId']);
    for (const townId of [department, 999_999]) {
      const res = await resident.post('/api/tradein/car-applications', { ...scrappingApplication(programId, 302, evidence), townId });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'townId', reason: 'town.unknown' });
    }
    expect(await count()).toBe(before);
    // The pre-check does not need it.
    const { bank: _bank, ...form } = noTown;
    expect((await resident.post('/api/tradein/car-applications/precheck', form)).statusCode).toBe(200);
  });

  it('stores the town, shows it, and lets officials filter by it; the town’s car figure counts the approved car', async () => {
    const meiling = towns[1]!;
    const res = await resident.post('/api/tradein/car-applications', { ...scrappingApplication(programId, 303, evidence), townId: meiling.id });
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json();
    expect(app).toMatchObject({ townId: meiling.id, townName: '梅岭街道' });
    const stored = await t.deps.database.db.selectFrom('cartradein_applications').select('town_id').where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(Number(stored.town_id)).toBe(meiling.id);
    expect((await resident.get(`/api/tradein/car-applications/${app.id}`)).json().townName).toBe('梅岭街道');

    const other = await newResident(t, 31);
    const qingyang = await other.post('/api/tradein/car-applications', scrappingApplication(programId, 304, await evidenceFor(other, SCRAPPING_EVIDENCE)));
    expect(qingyang.statusCode, qingyang.body).toBe(201);

    const ids = async (query: string) =>
      (await commerce.get(`/api/tradein/car-applications?${query}`)).json().items.map((a: { id: number }) => a.id) as number[];
    expect(await ids(`townId=${meiling.id}`)).toEqual([app.id]);
    expect(await ids(`townId=${FIXTURE_TOWN_ID}`)).toEqual([qingyang.json().id]);
    expect(await ids('townId=unknown')).toEqual([]);
    expect((await commerce.get('/api/tradein/car-applications?townId=abc')).statusCode).toBe(400);
    const row = (await commerce.get(`/api/tradein/car-applications?townId=${meiling.id}`)).json().items[0];
    expect(row).toMatchObject({ townId: meiling.id, townName: '梅岭街道' });

    const cars = metric('tradein.car.subsidisedCars');
    const db = t.deps.database.db;
    expect(await cars.compute(db, { ...around(), townId: meiling.id })).toBe(0);
    // A certificate checked by hand is believed from a reviewer who opened it.
    for (const e of evidence.filter((x) => x.kind === 'scrapping_certificate'))
      expect((await commerce.get(`/api/tradein/car-applications/${app.id}/evidence/${e.attachmentId}`)).statusCode).toBe(200);
    const approved = await commerce.post(`/api/tradein/car-applications/${app.id}/approve`, { certificateConfirmed: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await cars.compute(db, { ...around(), townId: meiling.id })).toBeCloseTo(1 / 10_000);
    expect(await cars.compute(db, { ...around(), townId: FIXTURE_TOWN_ID })).toBe(0);
    expect(await cars.compute(db, around())).toBeCloseTo(1 / 10_000);
    expect(await metric('tradein.car.nevShare').compute(db, { ...around(), townId: meiling.id })).toBe(100);
    expect(await metric('tradein.car.nevShare').compute(db, { ...around(), townId: FIXTURE_TOWN_ID })).toBe(0);
    expect(await metric('tradein.car.subsidisedCarsTownUnknown').compute(db, around())).toBe(0);
  });

  it('the correction of a returned application asks for the town again and may change it', async () => {
    const other = await newResident(t, 32);
    const ev = await evidenceFor(other, SCRAPPING_EVIDENCE);
    const body = scrappingApplication(programId, 305, ev);
    const id = (await other.post('/api/tradein/car-applications', body)).json().id as number;
    expect((await commerce.post(`/api/tradein/car-applications/${id}/return`, { reasons: ['请核对所属镇街'] })).statusCode).toBe(200);
    const { programId: _p, townId: _t, ...rest } = body;
    expect((await other.put(`/api/tradein/car-applications/${id}`, rest)).statusCode).toBe(400);
    const fixed = await other.put(`/api/tradein/car-applications/${id}`, { ...rest, townId: towns[2]!.id });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ status: 'submitted', townName: '西园街道' });
  });
});

describe('applications made before the town was asked (migration 1205)', () => {
  const postgresUrl = isPostgres() ? process.env.DATABASE_URL! : null;
  let dir: string;
  let pgName: string | null = null;
  let database: Database;

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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huanxin-cartown-'));
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
      ALL_MIGRATIONS.filter((m) => m.name < TOWN_MIGRATION),
    );
    const now = new Date().toISOString();
    // Written as the old schema had it (no town column), so the test types it loosely, as a migration would.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const db = database.db as unknown as Kysely<any>;
    const org = await db
      .insertInto('organizations')
      .values({ code: 'residents-old', name: '居民', kind: 'public', status: 'active', is_demo: 0, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const user = await db
      .insertInto('users')
      .values({
        username: '13900009999',
        display_name: '老申请人',
        role: 'resident',
        organization_id: org.id,
        password_hash: 'x',
        status: 'active',
        must_change_password: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const program = await db
      .insertInto('cartradein_programs')
      .values({
        code: 'old',
        name: '旧活动',
        kind: 'scrapping',
        status: 'active',
        valid_from: '2025-01-01',
        valid_to: '2027-12-31',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rule = await db
      .insertInto('cartradein_rule_versions')
      .values({ program_id: program.id, version: 1, rule_json: '{}', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [n, status] of [
      [1, 'approved'],
      [2, 'submitted'],
    ] as const)
      await db
        .insertInto('cartradein_applications')
        .values({
          program_id: program.id,
          rule_version_id: rule.id,
          kind: 'scrapping',
          applicant_user_id: user.id,
          status,
          old_vin: `OLDVIN${n}`,
          old_plate: `闽C0000${n}`,
          old_registered_on: '2009-01-01',
          old_owned_since: '2010-01-01',
          old_energy_type: 'fuel',
          new_vin: `NEWVIN${n}`,
          new_invoice_number: `INV${n}`,
          new_invoice_date: '2026-01-01',
          new_price_fen: 10_000_000,
          new_energy_type: 'nev',
          bank_name: '银行',
          account_name: '老申请人',
          bank_account_enc: 'x',
          bank_account_hash: `h${n}`,
          bank_account_mask: '****',
          eligible: 1,
          reasons_json: '[]',
          amount_fen: 2_000_000,
          certificate_check: 'confirmed',
          submitted_at: now,
          review_due_on: '2026-01-10',
          approved_at: status === 'approved' ? now : null,
          resubmissions: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    await migrateToLatest(database, ALL_MIGRATIONS);
  });

  afterAll(async () => {
    await database?.close();
    if (pgName) await admin(`drop database if exists ${pgName} with (force)`);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every old application, with an unknown town, shown as such', async () => {
    const rows = await summaryBase(database.db).select(SUMMARY_COLUMNS).orderBy('a.id').execute();
    expect(rows.map((r) => toSummary(r as SummaryRow)).map((a) => [a.oldVin, a.status, a.townId, a.townName])).toEqual([
      ['OLDVIN1', 'approved', null, null],
      ['OLDVIN2', 'submitted', null, null],
    ]);
    const applied = await sql<{ name: string }>`select name from kysely_migration where name = ${TOWN_MIGRATION}`.execute(database.db);
    expect(applied.rows).toHaveLength(1);
  });

  it('fills the identifiers’ lookup tables from the old applications (migration 20261203_1810)', async () => {
    const db = database.db;
    const apps = await db.selectFrom('cartradein_applications').select(['id', 'applicant_user_id']).orderBy('id').execute();
    const holders = apps.map((a) => ({ applicant_user_id: Number(a.applicant_user_id), application_id: Number(a.id) }));
    const held = async (q: Promise<{ applicant_user_id: number; application_id: number }[]>) =>
      (await q).map((r) => ({ applicant_user_id: Number(r.applicant_user_id), application_id: Number(r.application_id) }));
    expect(await held(db.selectFrom('cartradein_old_vins').select(['applicant_user_id', 'application_id']).orderBy('old_vin').execute())).toEqual(holders);
    expect(await db.selectFrom('cartradein_new_vins').select('new_vin').orderBy('new_vin').execute()).toEqual([{ new_vin: 'NEWVIN1' }, { new_vin: 'NEWVIN2' }]);
    expect(await db.selectFrom('cartradein_new_invoice_numbers').select('new_invoice_number').orderBy('new_invoice_number').execute()).toEqual([
      { new_invoice_number: 'INV1' },
      { new_invoice_number: 'INV2' },
    ]);
    // Neither old application had a certificate number.
    expect(await db.selectFrom('cartradein_scrapping_certificate_nos').selectAll().execute()).toEqual([]);
  });

  it('counts the old approved car for the city and apart as unknown, never for a town', async () => {
    const db = database.db;
    // No town can claim them: whichever one is asked for (this database has only what the test wrote).
    const aTown = 12_345;
    expect(await metric('tradein.car.subsidisedCars').compute(db, around())).toBeCloseTo(1 / 10_000);
    expect(await metric('tradein.car.subsidisedCarsTownUnknown').compute(db, around())).toBeCloseTo(1 / 10_000);
    expect(await metric('tradein.car.subsidisedCars').compute(db, { ...around(), townId: aTown })).toBe(0);
    expect(await metric('tradein.car.subsidisedCarsTownUnknown').compute(db, { ...around(), townId: aTown })).toBe(0);
  });
});
