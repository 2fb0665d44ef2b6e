import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import {
  addEnterprise,
  addUser,
  brandInput,
  certificationInput,
  EN,
  fields,
  rdInput,
  standardInput,
  submitted,
  TEST_PASSWORD,
  towns,
  uploadEvidence,
} from './testSetup.js';

describe('renewal standards, certifications, brands and R&D reports', () => {
  let t: TestApp;
  let ent: TestClient;
  let other: TestClient;
  let market: TestClient;
  let miit: TestClient;
  let science: TestClient;
  let commerce: TestClient;
  let auditor: TestClient;
  let office: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    const [, , , townId] = await towns(t);
    await addEnterprise(t, 'st_ent', townId!);
    await addEnterprise(t, 'st_other', townId!);
    ent = await t.login('st_ent', TEST_PASSWORD);
    other = await t.login('st_other', TEST_PASSWORD);
    market = await addUser(t, 'st_market', '市市场监管局');
    miit = await addUser(t, 'st_miit', '市工信局');
    science = await addUser(t, 'st_science', '市科技局');
    commerce = await addUser(t, 'st_commerce', '市商务局');
    auditor = await t.login('demo_auditor');
    office = await t.login('demo_office');
  });
  afterAll(() => t.close());

  it('moves a standard draft → submitted → returned → submitted → confirmed → withdrawn, with reasons on the timeline', async () => {
    const created = await ent.post('/api/renewal/standards', { ...standardInput({ number: 'GB/T 45100—2025' }), evidence: [] });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ status: 'draft', numberKey: 'GB/T45100-2025', actions: expect.arrayContaining(['edit', 'submit']) });
    // No evidence yet: the submission is refused on the field.
    const bare = await ent.post(`/api/renewal/standards/${s.id}/submit`, undefined, EN);
    expect(bare.statusCode).toBe(400);
    expect(fields(bare)).toEqual(['evidence']);
    expect(bare.json().error.details[0].message).toMatch(/evidence file/);
    const evidence = [await uploadEvidence(ent)];
    expect((await ent.put(`/api/renewal/standards/${s.id}`, { ...standardInput({ number: 'GB/T 45100—2025' }), evidence })).statusCode).toBe(200);
    expect((await ent.post(`/api/renewal/standards/${s.id}/submit`)).json().status).toBe('submitted');
    // Not editable while it waits.
    expect(fields(await ent.put(`/api/renewal/standards/${s.id}`, { ...standardInput(), evidence }))).toEqual(['status']);
    const back = await market.post(`/api/renewal/standards/${s.id}/return`, { reason: '请补充署名页' });
    expect(back.json()).toMatchObject({ status: 'returned', returnReason: '请补充署名页' });
    expect((await ent.get(`/api/renewal/standards/${s.id}`)).json().actions).toEqual(expect.arrayContaining(['edit', 'submit']));
    // The confirmer does not edit or resubmit the enterprise's own record.
    expect((await market.get(`/api/renewal/standards/${s.id}`)).json().actions).toEqual([]);
    expect((await market.put(`/api/renewal/standards/${s.id}`, { ...standardInput(), evidence: [] })).statusCode).toBe(403);
    expect((await market.post(`/api/renewal/standards/${s.id}/submit`)).statusCode).toBe(403);
    await ent.post(`/api/renewal/standards/${s.id}/submit`);
    // A second confirmation of the same record is a 409 naming the status.
    const ok = await market.post(`/api/renewal/standards/${s.id}/confirm`, { note: '已核对' });
    expect(ok.json()).toMatchObject({ status: 'confirmed', returnReason: null });
    expect((await market.post(`/api/renewal/standards/${s.id}/confirm`, {})).statusCode).toBe(409);
    const gone = await market.post(`/api/renewal/standards/${s.id}/withdraw`, { reason: '标准号有误' });
    expect(gone.json()).toMatchObject({ status: 'withdrawn', withdrawReason: '标准号有误', confirmedAt: null });
    expect(gone.json().timeline.map((e: { action: string }) => e.action)).toEqual(['draft', 'submit', 'return', 'submit', 'confirm', 'withdraw']);
    expect(gone.json().timeline.at(-1).reasons).toEqual(['标准号有误']);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'renewal_standard')
      .where('entity_id', '=', String(s.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['draft', 'update', 'submit', 'return', 'confirm', 'withdraw']));
  });

  it('lets each department confirm only its own: 市市场监管局 standards, 市工信局 certifications and brands, 市科技局 R&D', async () => {
    const std = await submitted(ent, 'standards', standardInput({ number: 'QB/T 9001—2025', level: 'industry' }));
    const cert = await submitted(ent, 'certifications', certificationInput({ certificateNumber: 'GF-WHO-1' }));
    const brand = await submitted(ent, 'brands', brandInput());
    const rd = await submitted(ent, 'rd-reports', rdInput({ year: 2023 }));
    const tries: [string, number, TestClient[], TestClient][] = [
      ['standards', std, [miit, science, commerce, auditor, ent, other], market],
      ['certifications', cert, [market, science, commerce, auditor, ent], miit],
      ['brands', brand, [market, science, commerce, auditor, ent], miit],
      ['rd-reports', rd, [market, miit, commerce, auditor, ent], science],
    ];
    for (const [path, id, refused, allowed] of tries) {
      for (const c of refused) expect((await c.post(`/api/renewal/${path}/${id}/confirm`, {})).statusCode, `${path}`).toBe(403);
      // The officials who may not confirm still read it, without the confirm action.
      expect((await commerce.get(`/api/renewal/${path}/${id}`)).json().actions).toEqual([]);
      expect((await allowed.get(`/api/renewal/${path}/${id}`)).json().actions).toEqual(['confirm', 'return']);
      expect((await allowed.post(`/api/renewal/${path}/${id}/confirm`, {})).json().status).toBe('confirmed');
    }
    // The office may act as any of them.
    const again = await submitted(ent, 'standards', standardInput({ number: 'QB/T 9002—2025', level: 'industry' }));
    expect((await office.post(`/api/renewal/standards/${again}/confirm`, {})).statusCode).toBe(200);
  });

  it('keeps each enterprise to its own records: no reading, editing or submitting another’s', async () => {
    const id = await submitted(ent, 'brands', brandInput({ name: '别人的品牌' }));
    expect((await other.get(`/api/renewal/brands/${id}`)).statusCode).toBe(403);
    expect((await other.post(`/api/renewal/brands/${id}/submit`)).statusCode).toBe(403);
    expect((await other.put(`/api/renewal/brands/${id}`, { ...brandInput(), evidence: [] })).statusCode).toBe(403);
    const mine = (await other.get('/api/renewal/brands')).json();
    expect(mine.items.every((b: { organizationName: string }) => b.organizationName.startsWith('st_other'))).toBe(true);
    // Another enterprise's evidence file cannot be cited.
    const foreign = await uploadEvidence(ent);
    const res = await other.post('/api/renewal/brands', { ...brandInput(), evidence: [foreign] });
    expect(fields(res)).toEqual(['evidence.0']);
    expect((await t.anonymous.get('/api/renewal/brands')).statusCode).toBe(401);
    // A town account reads none of it.
    expect((await (await t.login('demo_town')).get('/api/renewal/standards')).statusCode).toBe(403);
  });

  it('refuses field by field in the caller’s language: a number unlike its level, dates out of order, codes not offered', async () => {
    const res = await ent.post(
      '/api/renewal/standards',
      {
        ...standardInput({ level: 'group', number: 'GB/T 1—2025', approvedOn: '2025-06-01', publishedOn: '2025-05-01', implementedOn: '2025-04-01' }),
        evidence: [],
      },
      EN,
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['number', 'publishedOn', 'implementedOn']);
    expect(res.json().error.details[0].message).toMatch(/does not fit the level/);
    const dates = await ent.post('/api/renewal/standards', {
      ...standardInput({ approvedOn: '2025-06-01', publishedOn: '2025-05-01', implementedOn: '2025-04-01' }),
      evidence: [],
    });
    expect(fields(dates)).toEqual(['publishedOn', 'implementedOn']);
    expect(dates.json().error.details[0].message).toMatch(/发布日期不能早于立项日期/);
    expect(fields(await ent.post('/api/renewal/standards', { ...standardInput({ stage: 'published', publishedOn: null }), evidence: [] }))).toEqual([
      'publishedOn',
    ]);
    expect(fields(await ent.post('/api/renewal/certifications', { ...certificationInput({ kind: 'moon_landing' }), evidence: [] }))).toEqual(['kind']);
    expect(fields(await ent.post('/api/renewal/certifications', { ...certificationInput({ validUntil: '2020-01-01' }), evidence: [] }))).toEqual([
      'validUntil',
    ]);
    expect(fields(await ent.post('/api/renewal/rd-reports', { ...rdInput({ industry: 'spaceships' }), evidence: [] }))).toEqual(['industry']);
    expect(fields(await ent.post('/api/renewal/rd-reports', { ...rdInput({ rdFen: 10, revenueFen: 5 }), evidence: [] }))).toEqual(['rdFen']);
    // Nothing was written by any of them.
    const n = await t.deps.database.db
      .selectFrom('renewal_standards')
      .select('id')
      .where('title', '=', standardInput().title)
      .where('number', '=', 'GB/T 1—2025')
      .execute();
    expect(n).toHaveLength(0);
  });

  it('refuses a second R&D report of a year with a 409 on the year, and a certificate number twice within its kind', async () => {
    expect((await ent.post('/api/renewal/rd-reports', { ...rdInput({ year: 2022 }), evidence: [] })).statusCode).toBe(201);
    const twice = await ent.post('/api/renewal/rd-reports', { ...rdInput({ year: 2022, rdFen: 1 }), evidence: [] }, EN);
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual(['year']);
    expect(twice.json().error.details[0].message).toMatch(/already reported 2022/);
    // Two requests at once for one year: one is recorded, the other gets the same field-level 409 (not a 500).
    const race = await Promise.all([2021, 2021].map(() => ent.post('/api/renewal/rd-reports', { ...rdInput({ year: 2021 }), evidence: [] })));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(fields(race.find((r) => r.statusCode === 409)!)).toEqual(['year']);
    // Another enterprise reports the same year freely.
    expect((await other.post('/api/renewal/rd-reports', { ...rdInput({ year: 2022 }), evidence: [] })).statusCode).toBe(201);

    expect((await ent.post('/api/renewal/certifications', { ...certificationInput({ certificateNumber: 'CQC 2025 0001' }), evidence: [] })).statusCode).toBe(
      201,
    );
    const dup = await other.post('/api/renewal/certifications', { ...certificationInput({ certificateNumber: 'cqc20250001' }), evidence: [] });
    expect(dup.statusCode).toBe(409);
    expect(fields(dup)).toEqual(['certificateNumber']);
    // The same number under another kind is another certificate.
    expect(
      (
        await other.post('/api/renewal/certifications', {
          ...certificationInput({ certificateNumber: 'CQC 2025 0001', kind: 'carbon_footprint' }),
          evidence: [],
        })
      ).statusCode,
    ).toBe(201);
    // Two enterprises racing for one number: one is recorded, the other gets the field-level 409 (the number's own
    // table decides, on PostgreSQL the only unique key it has).
    const rival = await Promise.all(
      [ent, other].map((c) => c.post('/api/renewal/certifications', { ...certificationInput({ certificateNumber: 'CQC 2025 0777' }), evidence: [] })),
    );
    expect(rival.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(fields(rival.find((r) => r.statusCode === 409)!)).toEqual(['certificateNumber']);
    // An edit to another number releases the old one, which another enterprise may then record; the new one is held.
    const [holder, loser] = rival[0]!.statusCode === 201 ? [ent, other] : [other, ent];
    const held = rival.find((r) => r.statusCode === 201)!.json();
    const moved = await holder.put(`/api/renewal/certifications/${held.id}`, { ...certificationInput({ certificateNumber: 'CQC 2025 0778' }), evidence: [] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await loser.post('/api/renewal/certifications', { ...certificationInput({ certificateNumber: 'CQC 2025 0777' }), evidence: [] })).statusCode).toBe(
      201,
    );
    expect(fields(await loser.post('/api/renewal/certifications', { ...certificationInput({ certificateNumber: 'CQC 2025 0778' }), evidence: [] }))).toEqual([
      'certificateNumber',
    ]);
    // One organisation records its part in a standard once (however the number is typed).
    expect((await ent.post('/api/renewal/standards', { ...standardInput({ number: 'GB/T 45200—2025' }), evidence: [] })).statusCode).toBe(201);
    const again = await ent.post('/api/renewal/standards', { ...standardInput({ number: 'gb/t 45200-2025' }), evidence: [] });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual(['number']);
  });

  it('shows expired certificates as expired, and lists with filters, search, sort and paging', async () => {
    const id = await submitted(
      ent,
      'certifications',
      certificationInput({ certificateNumber: 'OLD-1', issuedOn: '2020-01-01', validUntil: '2023-12-31', title: '过期的绿色工厂' }),
      miit,
    );
    expect((await ent.get(`/api/renewal/certifications/${id}`)).json().expired).toBe(true);
    const list = (await miit.get('/api/renewal/certifications?q=过期的绿色&status=confirmed&pageSize=1')).json();
    expect(list).toMatchObject({ total: 1, pageSize: 1 });
    expect(list.items[0]).toMatchObject({ id, expired: true });
    const national = (await market.get('/api/renewal/standards?level=national&sort=date&order=asc&pageSize=200')).json();
    expect(national.items.every((s: { level: string }) => s.level === 'national')).toBe(true);
    const dates = national.items.map((s: { publishedOn: string | null }) => s.publishedOn).filter(Boolean);
    expect([...dates].sort()).toEqual(dates);
    // Officials do not see drafts.
    expect((await market.get('/api/renewal/standards?status=draft')).json().total).toBe(0);
    expect(fields(await market.get('/api/renewal/standards?level=planetary'))).toEqual(['level']);
  });

  it('lets the confirmer record a body without an account, which counts like any other', async () => {
    const [, , , , , , , townId] = await towns(t);
    const org = await t.deps.database.db
      .selectFrom('organizations')
      .select('id')
      .where('kind', '=', 'enterprise')
      .where('town_id', '=', townId!)
      .executeTakeFirst();
    const target = org
      ? Number(org.id)
      : (await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'enterprise').executeTakeFirstOrThrow()).id;
    const evidence = [await uploadEvidence(market)];
    const created = await market.post('/api/renewal/standards', { ...standardInput({ number: 'GB/T 45300—2025' }), organizationId: Number(target), evidence });
    expect(created.statusCode, created.body).toBe(201);
    expect(fields(await market.post('/api/renewal/standards', { ...standardInput({ number: 'GB/T 45301—2025' }), evidence }))).toEqual(['organizationId']);
    const id = created.json().id;
    expect((await market.post(`/api/renewal/standards/${id}/submit`)).statusCode).toBe(200);
    expect((await market.post(`/api/renewal/standards/${id}/confirm`, {})).json().status).toBe('confirmed');
    // 市工信局 may not record a standard.
    expect(
      (await miit.post('/api/renewal/standards', { ...standardInput({ number: 'GB/T 45302—2025' }), organizationId: Number(target), evidence: [] })).statusCode,
    ).toBe(403);
  });
});
