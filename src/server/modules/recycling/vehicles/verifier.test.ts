import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { carryThrough, daysAgo, dismantler, recordBody, vinOf } from './testVehicles.js';

/**
 * Car trade-in's scrapping certificate checked against the dismantlers' records, through the car trade-in API only
 * (this module's tests may not import car trade-in): a morning inside the national rules' window, as car
 * trade-in's own tests use.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];
const PDF = Buffer.from('%PDF-1.4\n% huanxin test evidence\n');

describe('the scrapping-certificate verifier (报废证明核验)', () => {
  let t: TestApp;
  let commerce: TestClient;
  let office: TestClient;
  let dis: Awaited<ReturnType<typeof dismantler>>;
  let programId: number;
  let townId: number;
  let residents = 0;

  const verify = (certificateNumber: string, vin: string, deregisteredOn: string) =>
    t.deps.extensions.scrappingCertificateVerifier.verify(t.deps.database.db, t.deps, { certificateNumber, vin, deregisteredOn });

  async function resident(): Promise<TestClient> {
    residents++;
    const mobile = `1360000${String(residents).padStart(4, '0')}`;
    const first17 = `35058219750101${String(residents).padStart(3, '0')}`;
    const res = await t.anonymous.post('/api/auth/register/resident', {
      mobile,
      password: 'Resident#2024x',
      realName: `申请人${residents}`,
      idNumber: first17 + computeCitizenIdCheckChar(first17),
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return t.login(mobile, 'Resident#2024x');
  }

  async function apply(client: TestClient, n: number, oldVin: string, certificateNumber: string, deregisteredOn: string) {
    const evidence = [];
    for (const kind of EVIDENCE) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PDF)]), `${kind}.pdf`);
      const up = await client.request({ method: 'POST', url: '/api/attachments', payload: form as never });
      evidence.push({ attachmentId: up.json().id as number, kind });
    }
    return client.post('/api/tradein/car-applications', {
      programId,
      townId,
      oldVehicle: { vin: oldVin, plate: '闽C12345', registeredOn: '2009-04-01', ownedSince: '2012-06-01', energyType: 'fuel', emissionStandard: 'guo3' },
      scrapping: { certificateNumber, deregisteredOn },
      newVehicle: {
        vin: vinOf(n, 'LGXCE4CB'),
        invoiceNumber: `253520000000${String(n).padStart(8, '0')}`,
        invoiceDate: daysAgo(5),
        priceFen: 15_980_000,
        energyType: 'nev',
      },
      bank: { bankName: '中国农业银行晋江支行', accountName: '测试申请人', account: '6228 4800 1234 5678 901' },
      evidence,
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    office = await t.login('demo_office');
    townId = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).id);
    dis = await dismantler(t, commerce, 'dis_v', townId);
    // A copy of the national scrapping rule whose dates sit around today.
    const national = ((await commerce.get('/api/tradein/car-programs')).json() as { id: number; code: string }[]).find(
      (p) => p.code === 'car-scrapping-national-2025',
    )!;
    const rule = (await commerce.get(`/api/tradein/car-programs/${national.id}`)).json().rule;
    const created = await commerce.post('/api/tradein/car-programs', {
      code: 'car-scrapping-verifier',
      name: '测试报废更新（核验）',
      kind: 'scrapping',
      status: 'active',
      validFrom: daysAgo(60),
      validTo: addDays(shanghaiDate(), 60),
      rule: { ...rule, oldCar: { ...rule.oldCar, ownedOnOrBefore: daysAgo(30), disposedOnOrAfter: daysAgo(60) } },
    });
    expect(created.statusCode).toBe(201);
    programId = created.json().id;
  });
  afterAll(() => t.close());

  it('names what contradicts a certificate, verifies one the dismantler’s record holds', async () => {
    expect(t.deps.extensions.scrappingCertificateVerifier.source).toBe('recycling.dismantler');
    const v = (await dis.client.post('/api/recycling/vehicles', recordBody(1, { receivedOn: daysAgo(20) }))).json();
    expect(await verify('CV-0001', vinOf(1), daysAgo(12))).toEqual({ status: 'unverified', note: 'certificate_unknown' });
    await dis.client.post(`/api/recycling/vehicles/${v.id}/certificate`, { number: 'CV-0001', issuedOn: daysAgo(18) });
    expect(await verify('cv-0001', vinOf(1), daysAgo(12))).toEqual({ status: 'mismatch', note: 'not_deregistered' });
    expect(await verify('CV-0001', vinOf(2), daysAgo(12))).toEqual({ status: 'mismatch', note: 'vin_mismatch' });
    expect(await verify('CV-9999', vinOf(1), daysAgo(12))).toEqual({ status: 'mismatch', note: 'vin_other_certificate' });
    await dis.client.post(`/api/recycling/vehicles/${v.id}/dismantle`, {
      dismantledOn: daysAgo(15),
      assemblies: ['engine', 'steering', 'transmission', 'axles', 'frame'].map((assembly) => ({ assembly, destination: 'scrap_destroyed', on: daysAgo(15) })),
    });
    await dis.client.post(`/api/recycling/vehicles/${v.id}/deregister`, { deregisteredOn: daysAgo(12) });
    expect(await verify('CV-0001', vinOf(1), daysAgo(11))).toEqual({ status: 'mismatch', note: 'deregistration_date_mismatch' });
    expect(await verify(' cv-0001 ', vinOf(1).toLowerCase(), daysAgo(12))).toEqual({ status: 'verified', note: null });

    const w = (await dis.client.post('/api/recycling/vehicles', { ...recordBody(3), certificate: { number: 'CV-0003', issuedOn: daysAgo(19) } })).json();
    await dis.client.post(`/api/recycling/vehicles/${w.id}/withdraw`, { reason: '登记错误' });
    expect(await verify('CV-0003', vinOf(3), daysAgo(12))).toEqual({ status: 'mismatch', note: 'certificate_withdrawn' });
  });

  it('a car application citing a recorded certificate is verified by the dismantler’s record and approved without a hand tick', async () => {
    await dis.client.post('/api/recycling/vehicles', recordBody(10));
    const v = (await dis.client.get(`/api/recycling/vehicles?q=${vinOf(10)}`)).json().items[0];
    await carryThrough(dis.client, v.id, 'CV-0010');
    const first = await apply(await resident(), 10, vinOf(10), 'CV-0010', daysAgo(12));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      certificate: { status: 'verified', source: 'recycling.dismantler', note: null, needsManualConfirmation: false },
      eligibility: { eligible: true },
    });
    const approved = await commerce.post(`/api/tradein/car-applications/${first.json().id}/approve`, {});
    expect(approved.json()).toMatchObject({ status: 'approved', certificate: { status: 'verified' } });

    // The certificate backs one application only: a second citing it is refused (car trade-in's unique index).
    const second = await apply(await resident(), 11, vinOf(11), 'CV-0010', daysAgo(12));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('VEHICLE_ALREADY_SUBSIDISED');
    expect(second.json().error.details.map((d: { field: string }) => d.field)).toContain('scrapping.certificateNumber');
  });

  it('a car application citing the certificate of another VIN is a named mismatch and cannot be approved', async () => {
    await dis.client.post('/api/recycling/vehicles', recordBody(20));
    const v = (await dis.client.get(`/api/recycling/vehicles?q=${vinOf(20)}`)).json().items[0];
    await carryThrough(dis.client, v.id, 'CV-0020');
    const res = await apply(await resident(), 21, vinOf(21), 'CV-0020', daysAgo(12));
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ certificate: { status: 'mismatch', source: 'recycling.dismantler', note: 'vin_mismatch' }, eligibility: { eligible: false } });
    expect(a.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['certificateMismatch']);
    expect(a.allowedActions).toEqual([]);
    expect((await commerce.get(`/api/tradein/car-applications/${a.id}`)).json().allowedActions).not.toContain('approve');
    const approve = await commerce.post(`/api/tradein/car-applications/${a.id}/approve`, { certificateConfirmed: true });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.code).toBe('NOT_ELIGIBLE');
  });

  it('an unknown certificate goes to the reviewer by default, is a mismatch once 市商务局’s parameter says so', async () => {
    const manual = await apply(await resident(), 30, vinOf(30), 'CV-0030', daysAgo(12));
    expect(manual.json()).toMatchObject({
      certificate: { status: 'unverified', note: 'certificate_unknown', needsManualConfirmation: true },
      eligibility: { eligible: true },
    });
    const current = ((await office.get('/api/parameters')).json() as { key: string; version: number }[]).find(
      (p) => p.key === 'recycling.vehicles.unknownCertificate',
    )!;
    expect((await office.put('/api/parameters/recycling.vehicles.unknownCertificate', { value: 'mismatch', version: current.version })).statusCode).toBe(200);
    const strict = await apply(await resident(), 31, vinOf(31), 'CV-0031', daysAgo(12));
    expect(strict.json()).toMatchObject({ certificate: { status: 'mismatch', note: 'certificate_unknown' }, eligibility: { eligible: false } });
  });
});
