import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { systemContext } from '../../../core/context.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { registerResident } from '../../platform/auth/authService.js';
import { addRecycler, addSite, RECYCLER_PASSWORD, windowIn } from '../pickups/testSetup.js';

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

describe('recycling certificates prove one trade-in sale each', () => {
  let t: TestApp;
  let residents: TestClient[];
  let recycler: TestClient;
  let commerce: TestClient;
  let merchant: TestClient;
  let townId: number;
  let programId: number;
  let fridgeId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    townId = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id', 'desc').executeTakeFirstOrThrow()).id);
    const org = await addRecycler(t, 'rec_cert', townId);
    await addSite(t, org, townId, 'station');
    residents = [await t.login(DEMO_RESIDENT.mobile)];
    for (const [mobile, first17] of [
      ['13900000002', '35058219910202123'],
      ['13900000003', '35058219920303123'],
    ] as const) {
      await registerResident(t.deps, systemContext(), {
        mobile,
        realName: '测试居民',
        idNumber: first17 + computeCitizenIdCheckChar(first17),
        password: 'Resident#Test2024',
      });
      residents.push(await t.login(mobile, 'Resident#Test2024'));
    }
    recycler = await t.login('rec_cert', RECYCLER_PASSWORD);
    commerce = await t.login('demo_department');
    merchant = await t.login('demo_merchant');
    // The demo merchant joins the national appliance programme with one fridge on its catalogue.
    const programs = (await commerce.get('/api/tradein/programs')).json() as { id: number; code: string }[];
    programId = programs.find((p) => p.code === 'appliance-national-2025')!.id;
    const enrolment = await merchant.post('/api/tradein/merchants', {
      programId,
      categories: ['refrigerator', 'television', 'washing_machine'],
      stores: [{ name: '测试门店', townId, address: '晋江市测试路3号' }],
      bankName: '中国工商银行晋江支行',
      accountName: '晋江示范家电商场有限公司',
      bankAccount: '6222 0202 0011 2233 445',
    });
    expect(enrolment.statusCode).toBe(201);
    expect((await commerce.post(`/api/tradein/merchants/${enrolment.json().id}/approve`, {})).statusCode).toBe(200);
    const product = await merchant.post('/api/tradein/products', {
      category: 'refrigerator',
      brand: '海尔',
      model: 'BCD-500W',
      efficiencyGrade: 1,
      referencePriceFen: 459_900,
    });
    fridgeId = product.json().id;
  });
  afterAll(() => t.close());

  async function certificates(resident: TestClient, items: { category: string; count: number }[]): Promise<string[]> {
    const id = (await resident.post('/api/recycling/pickups', { items, address: '晋江市测试路2号', townId, window: windowIn(3) })).json().id;
    expect((await recycler.post(`/api/recycling/pickups/${id}/accept`)).statusCode).toBe(200);
    const done = await recycler.post(`/api/recycling/pickups/${id}/complete`, { items, pricePaidFen: 2000 });
    expect(done.statusCode).toBe(200);
    return done.json().certificateNumbers;
  }

  async function voucher(resident: TestClient, category = 'refrigerator'): Promise<string> {
    const pool = (await commerce.post(`/api/tradein/programs/${programId}/pools`, { category, quota: 10, opensAt: inHours(-1), closesAt: inHours(1) })).json();
    const res = await resident.post(`/api/tradein/pools/${pool.id}/claims`);
    expect(res.statusCode).toBe(201);
    return res.json().voucher.code;
  }

  const redeem = (voucherCode: string, reference: string, attachmentId?: number) =>
    merchant.post('/api/tradein/redemptions', {
      voucherCode,
      productId: fridgeId,
      serialNumber: `SN-${randomInt(1e9)}`,
      price: 459_900,
      invoiceNumber: `2435200000${String(randomInt(1e10)).padStart(10, '0')}`,
      oldItemProof: { reference, ...(attachmentId ? { attachmentId } : {}) },
    });

  const uses = () => t.deps.database.db.selectFrom('recycling_certificate_uses').selectAll().execute();

  it('two redemptions racing on one certificate: one 201, one 409 OLD_ITEM_PROOF_USED; a reversal frees it', async () => {
    const [number] = await certificates(residents[0]!, [{ category: 'refrigerator', count: 1 }]);
    const before = (await merchant.get(`/api/recycling/certificates/${number}`)).json();
    expect(before).toMatchObject({ valid: true, category: 'refrigerator' });
    expect(before.usedBy).toBeUndefined();
    const codes = [await voucher(residents[0]!), await voucher(residents[1]!)];
    const results = await Promise.all(codes.map((c) => redeem(c, number!)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const won = results.find((r) => r.statusCode === 201)!.json();
    const lost = results.find((r) => r.statusCode === 409)!;
    expect(lost.json().error.code).toBe('OLD_ITEM_PROOF_USED');
    expect(won.oldItemProof).toMatchObject({ kind: 'recycling', reference: number });
    expect(await uses()).toHaveLength(1);
    const after = (await commerce.get(`/api/recycling/certificates/${number!.toLowerCase()}`)).json();
    // The use names the sale it proved.
    expect(after).toMatchObject({ valid: false, usedBy: { kind: 'tradein_redemption', id: won.id } });
    // The loser's voucher is still active: nothing of its sale was written.
    const loserCode = codes[results.indexOf(lost)]!;

    expect((await merchant.post(`/api/tradein/redemptions/${won.id}/reverse`, { reason: '退货' })).statusCode).toBe(200);
    expect(await uses()).toHaveLength(0);
    expect((await merchant.get(`/api/recycling/certificates/${number}`)).json()).toMatchObject({ valid: true });
    const again = await redeem(loserCode, number!);
    expect(again.statusCode).toBe(201);
    expect(again.json().oldItemProof.kind).toBe('recycling');
  });

  it('refuses a certificate of another category, an unknown one and one too old; manual proofs stay manual', async () => {
    const [tv] = await certificates(residents[2]!, [{ category: 'television', count: 1 }]);
    const code = await voucher(residents[2]!, 'refrigerator');
    const used = (await uses()).length;
    const mismatch = await redeem(code, tv!);
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().error.code).toBe('OLD_ITEM_PROOF_REJECTED');
    expect(mismatch.json().error.message).toContain('television');
    expect(await uses()).toHaveLength(used);
    const forged = await redeem(code, 'RC-20260101-ABCDEF');
    expect(forged.json().error).toMatchObject({ code: 'OLD_ITEM_PROOF_REJECTED' });
    expect(forged.json().error.message).toContain('RC-20260101-ABCDEF');

    const [old] = await certificates(residents[2]!, [{ category: 'refrigerator', count: 1 }]);
    const days = await t.deps.parameters.get('recycling.certificateMaxAgeDays');
    await t.deps.database.db
      .updateTable('recycling_certificates')
      .set({ issued_at: new Date(Date.now() - (days + 1) * 86_400_000).toISOString() })
      .where('number', '=', old!)
      .execute();
    expect((await merchant.get(`/api/recycling/certificates/${old}`)).json().valid).toBe(false);
    const tooOld = await redeem(code, old!);
    expect(tooOld.json().error.code).toBe('OLD_ITEM_PROOF_REJECTED');
    expect(tooOld.json().error.message).toContain(String(days));

    // A reference that is no certificate of ours: the manual proof (a photo) as before, marked manual.
    expect((await redeem(code, 'OLD-FRIDGE-1')).json().error.code).toBe('OLD_ITEM_PROOF_REJECTED');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const boundary = 'hxboundary';
    const upload = await merchant.request({
      method: 'POST',
      url: '/api/attachments',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="old.png"\r\nContent-Type: image/png\r\n\r\n`),
        png,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(upload.statusCode).toBe(201);
    const manual = await redeem(code, 'OLD-FRIDGE-1', upload.json().id);
    expect(manual.statusCode).toBe(201);
    expect(manual.json().oldItemProof).toMatchObject({ kind: 'manual', reference: 'OLD-FRIDGE-1' });
  });

  it('only merchants, 市商务局 and the office check certificates', async () => {
    expect((await merchant.get('/api/recycling/certificates/RC-20260101-ZZZZZZ')).statusCode).toBe(404);
    const [n] = await certificates(residents[1]!, [{ category: 'washing_machine', count: 1 }]);
    for (const who of [residents[1]!, recycler, await t.login('demo_finance')])
      expect((await who.get(`/api/recycling/certificates/${n}`)).statusCode).toBe(403);
    expect((await (await t.login('demo_office')).get(`/api/recycling/certificates/${n}`)).statusCode).toBe(200);
  });
});
