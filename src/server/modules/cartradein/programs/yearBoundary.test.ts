import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { evidenceFor, scrappingApplication, scrappingProgramBody } from '../testing/fixtures.js';
import { approveChecked } from '../testing/review.js';
import { notifyEndingCarPrograms } from './ending.js';

/**
 * A car programme across the end of its application window, on a clock the test sets (Asia/Shanghai): new
 * applications are refused after the end with nothing written, applications sent inside the window are still
 * reviewed, corrected and paid after it, and the programme is rolled over into the next year with its rule.
 */
const END = '2030-12-31';
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);
const EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

let t: TestApp;
let programId: number;
let evidence: { attachmentId: number; kind: string }[];
const ids: number[] = [];

const signIn = (username: string) => t.login(username);
const setClock = (shanghai: string) => vi.setSystemTime(at(shanghai));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setClock('2030-12-20T10:00:00');
  t = await createTestApp();
  const commerce = await signIn('demo_department');
  const created = await commerce.post('/api/tradein/car-programs', { ...scrappingProgramBody('car-scrapping-2030'), validFrom: '2030-01-01', validTo: END });
  expect(created.statusCode, created.body).toBe(201);
  programId = created.json().id;
  const resident = await signIn(DEMO_RESIDENT.mobile);
  evidence = await evidenceFor(resident, EVIDENCE);
  for (const n of [1, 2, 3]) {
    const res = await resident.post('/api/tradein/car-applications', scrappingApplication(programId, 7000 + n, evidence));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().eligible).toBe(true);
    ids.push(res.json().id);
  }
  // One is returned for correction before the end.
  const returned = await commerce.post(`/api/tradein/car-applications/${ids[2]}/return`, { reasons: ['请补充新车行驶证清晰照片'] });
  expect(returned.statusCode, returned.body).toBe(200);
});

afterAll(async () => {
  await t.close();
  vi.useRealTimers();
});

describe('a month before the end', () => {
  it('tells the office and 市商务局, with the applications in progress, and their home pages say so', async () => {
    setClock('2030-12-20T10:00:00');
    expect(await notifyEndingCarPrograms(t.deps.database.db, new Date())).toBeGreaterThanOrEqual(2);
    expect(await notifyEndingCarPrograms(t.deps.database.db, new Date())).toBe(0);
    const commerce = await signIn('demo_department');
    const inbox = (await commerce.get('/api/notifications')).json();
    expect(
      inbox.items.filter((n: { kind: string; message: string }) => n.kind === 'cartradein_program_ending' && n.message.includes('car-scrapping-2030')),
    ).toHaveLength(1);
    const notice = ((await commerce.get('/api/home/notices')).json() as { key: string; level: string; message: string }[]).find(
      (n) => n.key === `cartradein.program-ending:${programId}`,
    );
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toContain('3 件');
    const residentNotices = (await (await signIn(DEMO_RESIDENT.mobile)).get('/api/home/notices')).json() as { key: string }[];
    expect(residentNotices.map((n) => n.key)).not.toContain(`cartradein.program-ending:${programId}`);
  });

  it('keeps warning while the programme is suspended: its applications still wait for a decision', async () => {
    setClock('2030-12-20T10:00:00');
    const commerce = await signIn('demo_department');
    const keys = async () => ((await commerce.get('/api/home/notices')).json() as { key: string }[]).map((n) => n.key);
    expect((await commerce.patch(`/api/tradein/car-programs/${programId}`, { status: 'suspended' })).statusCode).toBe(200);
    try {
      expect(await keys()).toContain(`cartradein.program-ending:${programId}`);
    } finally {
      expect((await commerce.patch(`/api/tradein/car-programs/${programId}`, { status: 'active' })).statusCode).toBe(200);
    }
  });
});

describe('after the end of the window', () => {
  it('refuses a new application with the date and writes nothing', async () => {
    setClock('2031-01-01T00:30:00');
    const resident = await signIn(DEMO_RESIDENT.mobile);
    const before = await t.deps.database.db.selectFrom('cartradein_applications').select('id').execute();
    for (const url of ['/api/tradein/car-applications', '/api/tradein/car-applications/precheck']) {
      const res = await resident.post(url, scrappingApplication(programId, 7100, evidence));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CAR_PROGRAM_ENDED');
      expect(res.json().error.message).toContain(END);
    }
    expect(await t.deps.database.db.selectFrom('cartradein_applications').select('id').execute()).toHaveLength(before.length);
  });

  it('still reviews, approves and pays the applications sent inside it', async () => {
    setClock('2031-01-04T10:00:00');
    const commerce = await signIn('demo_department');
    const certificate = evidence.find((e) => e.kind === 'scrapping_certificate')!.attachmentId;
    for (const id of ids.slice(0, 2)) {
      // "Checked by hand" counts only from a reviewer who opened the certificate file.
      expect((await commerce.get(`/api/tradein/car-applications/${id}/evidence/${certificate}`)).statusCode).toBe(200);
      const res = await approveChecked(commerce, id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('approved');
    }
    const finance = await signIn('demo_finance');
    const batch = await finance.post('/api/tradein/car-payment-batches', { applicationIds: ids.slice(0, 2) });
    expect(batch.statusCode, batch.body).toBe(201);
    const paid = await finance.post(`/api/tradein/car-payment-batches/${batch.json().id}/paid`, { reference: 'GK2031-0001' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json().applications.map((a: { status: string }) => a.status)).toEqual(['paid', 'paid']);
  });

  it('judges a correction sent after the end on the day the application was first sent', async () => {
    setClock('2031-01-05T10:00:00');
    const resident = await signIn(DEMO_RESIDENT.mobile);
    const { programId: _p, ...fields } = scrappingApplication(programId, 7003, evidence);
    const res = await resident.put(`/api/tradein/car-applications/${ids[2]}`, fields);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', eligible: true });
    const commerce = await signIn('demo_department');
    const notice = ((await commerce.get('/api/home/notices')).json() as { key: string; level: string; message: string }[]).find(
      (n) => n.key === `cartradein.program-ended:${programId}`,
    );
    expect(notice?.level).toBe('error');
    expect(notice?.message).toContain('1 件');
  });
});

describe('rolling over into the next year', () => {
  it('makes a draft with the current rule and a history that says where it came from; managers only', async () => {
    setClock('2031-01-05T10:00:00');
    const commerce = await signIn('demo_department');
    const source = (await commerce.get(`/api/tradein/car-programs/${programId}`)).json();
    const res = await commerce.post(`/api/tradein/car-programs/${programId}/rollover`, {
      code: 'car-scrapping-2031',
      name: '汽车报废更新补贴（2031年）',
      validTo: '2031-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      validFrom: '2031-01-01',
      validTo: '2031-12-31',
      kind: 'scrapping',
      rolledOverFromId: programId,
      rule: source.rule,
      ruleVersion: 1,
    });
    const history = (await commerce.get(`/api/tradein/car-programs/${res.json().id}/rules`)).json();
    expect(history[0].note).toContain('car-scrapping-2030');
    expect((await commerce.get(`/api/tradein/car-programs/${programId}`)).json()).toMatchObject({
      validTo: END,
      status: 'active',
      ruleVersion: source.ruleVersion,
    });

    const overlap = await commerce.post(`/api/tradein/car-programs/${programId}/rollover`, {
      code: 'car-scrapping-2031-b',
      name: '重叠',
      validFrom: END,
      validTo: '2031-12-31',
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json().error.details[0].field).toBe('validFrom');
    for (const client of [await signIn('demo_finance'), await signIn(DEMO_RESIDENT.mobile), await signIn('demo_town')] as TestClient[]) {
      expect(
        (await client.post(`/api/tradein/car-programs/${programId}/rollover`, { code: 'car-scrapping-2031-c', name: '无权', validTo: '2031-12-31' }))
          .statusCode,
      ).toBe(403);
    }
  });
});
