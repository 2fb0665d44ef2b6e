import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { inTransaction } from '../../../db/database.js';
import { insertUser } from '../../platform/users/service.js';
import { personalDataIn } from './privacy.js';
import { fields, testCreditCode, testVin } from './testing.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
function upload(c: TestClient, filename: string, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), filename);
  return c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
}

useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

describe('dealer credit: violations, grades under versioned rules, and the public disclosure', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let market: TestClient;
  let police: TestClient;
  let town: TestClient;
  let enterprise: TestClient;
  let merchant: TestClient;
  let resident: TestClient;
  let auditor: TestClient;
  let dealerId: number;
  let otherDealerId: number;
  let violationId: number;
  const today = () => shanghaiDate();
  const CONTACT = { name: '林小明', mobile: '13955556666' };
  const violation = (over: Record<string, unknown> = {}) => ({
    dealerId,
    occurredOn: addDays(today(), -10),
    type: 'odometer_tampering',
    description: '销售的二手车里程表被调低约 6 万公里，未向买受人如实说明',
    penaltyText: '罚款 2 万元，责令改正',
    penaltyFen: 2_000_000,
    ...over,
  });
  const grade = async (id = dealerId) => (await commerce.get(`/api/recycling/dealers/${id}`)).json().grade;
  const rules = async () => (await t.anonymous.get('/api/recycling/public/credit/rules')).json();

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const org = async (name: string) => Number((await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
    const [marketOrg, policeOrg] = [await org('市市场监管局'), await org('市公安局')];
    const otherTown = Number((await db.selectFrom('organizations').select('id').where('code', '=', 'town-02').executeTakeFirstOrThrow()).id);
    const enterpriseOrg = Number(
      (await db.selectFrom('users').select('organization_id').where('username', '=', 'demo_enterprise').executeTakeFirstOrThrow()).organization_id,
    );
    await inTransaction(t.deps.database, async (tx) => {
      const base = { password: 'Credit#2027x', mustChangePassword: false, role: 'department' as const };
      await insertUser(tx, t.deps, { ...base, username: 'market_officer', displayName: '市场监管局执法员', organizationId: marketOrg });
      await insertUser(tx, t.deps, { ...base, username: 'police_officer', displayName: '公安局民警', organizationId: policeOrg });
    });
    [office, commerce, town, enterprise, merchant, resident, auditor] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_town'),
      t.login('demo_enterprise'),
      t.login('demo_merchant'),
      t.login('13800000001'),
      t.login('demo_auditor'),
    ]);
    market = await t.login('market_officer', 'Credit#2027x');
    police = await t.login('police_officer', 'Credit#2027x');
    const register = async (n: number, name: string, organizationId: number | null) =>
      (
        await commerce.post('/api/recycling/dealers', {
          name,
          creditCode: testCreditCode(n),
          kinds: ['cars'],
          townId: otherTown,
          address: '测试路 9 号',
          contactName: CONTACT.name,
          contactMobile: CONTACT.mobile,
          organizationId,
        })
      ).json().id as number;
    dealerId = await register(11, '信用测试车行', enterpriseOrg);
    otherDealerId = await register(12, '守信二手车行', null);
    await enterprise.post('/api/recycling/dealer-trades', {
      dealerId,
      kind: 'cars',
      tradedOn: today(),
      description: '2017 款轿车',
      amountFen: 3_000_000,
      vin: testVin(77),
      plateRegionFrom: '闽C',
      plateRegionTo: '闽D',
    });
  });
  afterAll(() => t.close());

  it('spots ID numbers, mobiles, VINs and whole plates in text meant for publication', () => {
    expect(personalDataIn('当事人身份证 11010519491231002X')).toBe('citizenId');
    expect(personalDataIn('联系电话 139-5555-6666')).toBe('mobile');
    expect(personalDataIn(`车辆 ${testVin(5)} 里程被改`)).toBe('vin');
    expect(personalDataIn('号牌 闽C·12345 的车辆')).toBe('plate');
    expect(personalDataIn('罚款 20000 元，责令于 2026-06-30 前改正（晋市监罚〔2026〕15 号）')).toBeNull();
  });

  it('a department records a violation (its unit is the issuer); personal data in the published text is refused field by field', async () => {
    const leaky = await market.post(
      '/api/recycling/dealer-violations',
      violation({ description: `车主林小明（13955556666）购买的 ${testVin(77)}`, penaltyText: '对 350582199001011234 罚款' }),
    );
    expect(leaky.statusCode).toBe(400);
    expect(fields(leaky)).toEqual(['description', 'penaltyText']);
    expect(leaky.json().error.details.find((d: { field: string }) => d.field === 'description').message).toContain('手机号码');
    const future = await market.post('/api/recycling/dealer-violations', violation({ occurredOn: addDays(today(), 1), discloseUntil: today() }));
    expect(fields(future)).toEqual(['discloseUntil', 'occurredOn']);

    const file = (await upload(market, 'scene.png', PNG)).json();
    const notMine = (await upload(commerce, 'other.png', PNG)).json();
    expect(fields(await market.post('/api/recycling/dealer-violations', violation({ evidence: [file.id, notMine.id] })))).toEqual(['evidence.1']);
    const res = await market.post('/api/recycling/dealer-violations', violation({ evidence: [file.id] }));
    expect(res.statusCode).toBe(201);
    violationId = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'in_force',
      issuingUnit: '市市场监管局',
      discloseUntil: addDays(addDays(today(), -10), 1095),
      evidence: [{ id: file.id, filename: 'scene.png', mimeType: 'image/png' }],
      mayRevoke: true,
    });
    for (const c of [office, town, enterprise, merchant, resident, auditor])
      expect((await c.post('/api/recycling/dealer-violations', violation())).statusCode).toBe(403);
    // The dealer's accounts are told.
    const notes = (await enterprise.get('/api/notifications')).json();
    expect(JSON.stringify(notes)).toContain('recycling_dealer_violation');
  });

  it('officials open the evidence through the violation (audited); the dealer reads its record but not the evidence', async () => {
    const list = (await commerce.get(`/api/recycling/dealer-violations?dealerId=${dealerId}`)).json();
    expect(list.total).toBe(1);
    const fileId = list.items[0].evidence[0].id;
    expect(list.items[0].mayRevoke).toBe(true); // 市商务局 manages the domain
    const opened = await police.get(`/api/recycling/dealer-violations/${violationId}/evidence/${fileId}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toContain('image/png');
    const viewed = await t.deps.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'attachment')
      .where('action', '=', 'viewed')
      .execute();
    expect(viewed.some((v) => v.after_json?.includes('recycling_dealer_violation'))).toBe(true);
    expect((await police.get(`/api/recycling/dealer-violations/${violationId}/evidence/999999`)).statusCode).toBe(404);
    const own = (await enterprise.get('/api/recycling/dealer-violations')).json();
    expect(own.items).toHaveLength(1);
    expect(own.items[0]).toMatchObject({ evidence: [], mayRevoke: false });
    expect((await enterprise.get(`/api/recycling/dealer-violations/${violationId}/evidence/${fileId}`)).statusCode).toBe(403);
    expect((await merchant.get('/api/recycling/dealer-violations')).json().total).toBe(0);
    expect((await police.get('/api/recycling/dealer-violations')).json().items[0].mayRevoke).toBe(false);
  });

  it('the grade comes from the current rule version: points within the look-back window, thresholds per grade', async () => {
    expect(await grade()).toMatchObject({ grade: 'C', points: 30, counted: 1, ruleVersion: 1, asOf: today() });
    expect(await grade(otherDealerId)).toMatchObject({ grade: 'A', points: 0, ruleVersion: 1 });
    // An old violation outside the two-year window counts for nothing (and its disclosure, a year, has ended).
    const old = { type: 'unlicensed_trading', occurredOn: addDays(today(), -800), discloseUntil: addDays(today(), -435) };
    expect((await market.post('/api/recycling/dealer-violations', violation(old))).statusCode).toBe(201);
    expect(await grade()).toMatchObject({ grade: 'C', points: 30, counted: 1 });
    await police.post('/api/recycling/dealer-violations', violation({ type: 'false_advertising', description: '网店宣传“无事故”与实际不符' }));
    expect(await grade()).toMatchObject({ grade: 'D', points: 40, counted: 2 });
  });

  it('市商务局 publishes a new rule version: grades follow it and say so; the versions are public; stale or disordered ones are refused', async () => {
    const before = await rules();
    expect(before.current).toMatchObject({ version: 1, publishedBy: null, current: true });
    const next = {
      ...before.current.rules,
      points: { ...before.current.rules.points, odometer_tampering: 15, false_advertising: 5 },
      thresholds: { B: 10, C: 25, D: 60 },
      baseVersion: 1,
      note: '调整里程篡改分值',
    };
    for (const c of [market, police, town, enterprise, auditor]) expect((await c.post('/api/recycling/credit/rules', next)).statusCode).toBe(403);
    expect((await t.anonymous.post('/api/recycling/credit/rules', next)).statusCode).toBe(401);
    expect(fields(await commerce.post('/api/recycling/credit/rules', { ...next, thresholds: { B: 10, C: 10, D: 60 } }))).toEqual(['thresholds']);
    const published = await commerce.post('/api/recycling/credit/rules', next);
    expect(published.statusCode).toBe(200);
    expect(published.json().current).toMatchObject({ version: 2, publishedBy: '市商务局', note: '调整里程篡改分值' });
    expect(await grade()).toMatchObject({ grade: 'B', points: 20, ruleVersion: 2 });
    const stale = await office.post('/api/recycling/credit/rules', { ...next, thresholds: { B: 1, C: 2, D: 3 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const history = await rules();
    expect(history.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history.versions[1].rules.points.odometer_tampering).toBe(30);
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'recycling_credit_rules').execute();
    expect(audit.map((a) => a.action)).toEqual(['publish']);
  });

  it('the public disclosure needs no sign-in and carries no personal data: no contact, mobile, VIN, plate or official', async () => {
    const res = await t.anonymous.get('/api/recycling/public/credit/violations');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    // In force and within their disclosure period: the old one's period has ended.
    expect(page.items.map((v: { type: string }) => v.type).sort()).toEqual(['false_advertising', 'odometer_tampering']);
    expect(page.items[0]).toMatchObject({ dealerName: '信用测试车行', creditCode: testCreditCode(11), issuingUnit: expect.stringMatching(/^市/) });
    const dealers = await t.anonymous.get('/api/recycling/public/credit/dealers?q=车行');
    expect(
      dealers.json().items.map((d: { name: string; grade: { grade: string; ruleVersion: number } }) => [d.name, d.grade.grade, d.grade.ruleVersion]),
    ).toEqual([
      ['信用测试车行', 'B', 2],
      ['守信二手车行', 'A', 2],
    ]);
    const body = res.body + dealers.body;
    for (const secret of [
      CONTACT.name,
      CONTACT.mobile,
      '139****6666',
      testVin(77),
      '闽D',
      '市场监管局执法员',
      '公安局民警',
      'contact',
      'vin',
      'plate',
      'recorded',
      'evidence',
    ])
      expect(body).not.toContain(secret);
    expect((await t.anonymous.get(`/api/recycling/public/credit/violations?q=${testCreditCode(12)}`)).json().total).toBe(0);
    expect((await t.anonymous.get('/api/recycling/public/credit/violations?type=false_advertising&pageSize=1')).json()).toMatchObject({
      total: 1,
      pageSize: 1,
    });
    expect((await t.anonymous.get('/api/recycling/dealer-violations')).statusCode).toBe(401);
  });

  it('a violation revoked on appeal leaves the grade and the public page; only the issuer or a manager revokes, once', async () => {
    const [odometer] = (await commerce.get(`/api/recycling/dealer-violations?dealerId=${dealerId}&type=odometer_tampering`)).json().items;
    expect((await police.post(`/api/recycling/dealer-violations/${odometer.id}/revoke`, { reason: '复议撤销' })).statusCode).toBe(403);
    expect((await enterprise.post(`/api/recycling/dealer-violations/${odometer.id}/revoke`, { reason: '复议撤销' })).statusCode).toBe(403);
    const revoked = await market.post(`/api/recycling/dealer-violations/${odometer.id}/revoke`, { reason: '行政复议决定撤销' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedReason: '行政复议决定撤销', mayRevoke: false });
    expect((await commerce.post(`/api/recycling/dealer-violations/${odometer.id}/revoke`, { reason: '再次撤销' })).json().error.code).toBe('VIOLATION_REVOKED');
    expect(await grade()).toMatchObject({ grade: 'A', points: 5, ruleVersion: 2 });
    const pub = (await t.anonymous.get('/api/recycling/public/credit/violations')).json();
    expect(pub.items.map((v: { id: number }) => v.id)).not.toContain(odometer.id);
    const [advert] = (await commerce.get(`/api/recycling/dealer-violations?type=false_advertising`)).json().items;
    expect((await commerce.post(`/api/recycling/dealer-violations/${advert.id}/revoke`, { reason: '市商务局复核撤销' })).statusCode).toBe(200);
    expect((await t.anonymous.get('/api/recycling/public/credit/violations')).json().total).toBe(0);
  });
});
