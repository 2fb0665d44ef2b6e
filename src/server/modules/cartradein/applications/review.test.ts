import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { carTradeinMetrics } from '../metrics.js';
import { evidenceFor, newResident, scrappingApplication, scrappingProgramBody, daysAgo } from '../testing/fixtures.js';
import { approveChecked } from '../testing/review.js';

/**
 * Applications are dated (scrapped 10 days ago, bought 5 days ago, due in so many working days) by Shanghai
 * calendar days: the file sets its clock to a morning inside the national rules' window, before 08:00 in Shanghai
 * (still the day before in UTC), so the dates are the same whenever the suite runs and no midnight passes mid-test.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const SCRAPPING_EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

describe('car trade-in: review, correction and payment', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let town: TestClient;
  let enterprise: TestClient;
  let auditor: TestClient;
  let resident: TestClient;
  let other: TestClient;
  let programId: number;
  let evidence: { attachmentId: number; kind: string }[];
  const apply = (n: number, over: Record<string, unknown> = {}, client = resident) =>
    client.post('/api/tradein/car-applications', { ...scrappingApplication(programId, n, evidence), ...over });

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, finance, town, enterprise, auditor, resident] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_town'),
      t.login('demo_enterprise'),
      t.login('demo_auditor'),
      t.login('13800000001'),
    ]);
    other = await newResident(t, 1);
    const created = await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-scrapping-test'));
    expect(created.statusCode).toBe(201);
    programId = created.json().id;
    evidence = await evidenceFor(resident, SCRAPPING_EVIDENCE);
  });
  afterAll(() => t.close());

  describe('review, correction and payment', () => {
    let id: number;
    let secondId: number;

    it('residents see only their own; towns, enterprises and other departments see none', async () => {
      id = (await apply(10)).json().id;
      secondId = (await other.post('/api/tradein/car-applications', scrappingApplication(programId, 11, await evidenceFor(other, SCRAPPING_EVIDENCE)))).json()
        .id;
      const mine = (await resident.get('/api/tradein/car-applications?pageSize=200')).json();
      expect(mine.items.map((a: { id: number }) => a.id)).toContain(id);
      expect(mine.items.map((a: { id: number }) => a.id)).not.toContain(secondId);
      expect(mine.items.every((a: { applicantName: string }) => a.applicantName === '演示居民')).toBe(true);
      expect((await other.get('/api/tradein/car-applications')).json().items.map((a: { id: number }) => a.id)).toEqual([secondId]);
      expect((await other.get(`/api/tradein/car-applications/${id}`)).statusCode).toBe(403);
      expect((await other.get(`/api/tradein/car-applications/${id}/evidence/${evidence[0]!.attachmentId}`)).statusCode).toBe(403);
      for (const c of [town, enterprise]) {
        expect((await c.get('/api/tradein/car-applications')).statusCode).toBe(403);
        expect((await c.get(`/api/tradein/car-applications/${id}`)).statusCode).toBe(403);
      }
      for (const c of [office, commerce, finance, auditor]) expect((await c.get(`/api/tradein/car-applications/${id}`)).statusCode).toBe(200);
      const file = await commerce.get(`/api/tradein/car-applications/${id}/evidence/${evidence[0]!.attachmentId}`);
      expect(file.statusCode).toBe(200);
      expect(file.body.startsWith('%PDF')).toBe(true);
    });

    it('only 市商务局 (or the office) reviews; 市财政局, towns, auditors and residents cannot', async () => {
      for (const c of [finance, town, auditor, resident, enterprise]) {
        expect((await c.post(`/api/tradein/car-applications/${id}/return`, { reasons: ['材料不清晰'] })).statusCode).toBe(403);
        expect((await c.post(`/api/tradein/car-applications/${id}/approve`, { certificateConfirmed: true })).statusCode).toBe(403);
      }
    });

    it('returned with reasons, the resident corrects and resubmits; the timeline keeps every reason', async () => {
      const ret = await commerce.post(`/api/tradein/car-applications/${id}/return`, { reasons: ['银行卡照片不清晰', '请补充行驶证反面'] });
      expect(ret.statusCode).toBe(200);
      expect(ret.json()).toMatchObject({ status: 'returned', deadlines: { review: { dueOn: null } } });
      const seen = (await resident.get(`/api/tradein/car-applications/${id}`)).json();
      expect(seen.allowedActions).toEqual(['resubmit']);
      expect(seen.timeline.at(-1)).toMatchObject({ action: 'return', toStatus: 'returned', reasons: ['银行卡照片不清晰', '请补充行驶证反面'] });
      const note = (await resident.get('/api/notifications')).json().items.find((n: { kind: string }) => n.kind === 'cartradein_returned');
      expect(note.message).toContain('银行卡照片不清晰');
      // Not while returned: approving, returning again.
      expect((await commerce.post(`/api/tradein/car-applications/${id}/approve`, { certificateConfirmed: true })).json().error.code).toBe('INVALID_STATE');
      expect((await commerce.post(`/api/tradein/car-applications/${id}/return`, { reasons: ['again'] })).statusCode).toBe(409);
      const { programId: _p, ...fields } = scrappingApplication(programId, 10, evidence);
      expect((await other.put(`/api/tradein/car-applications/${id}`, fields)).statusCode).toBe(403);
      const fixed = await resident.put(`/api/tradein/car-applications/${id}`, { ...fields, bank: { ...fields.bank, account: '6228480012345670000' } });
      expect(fixed.statusCode).toBe(200);
      expect(fixed.json()).toMatchObject({ status: 'submitted', resubmissions: 1, bank: { account: '**** **** **** 0000' } });
      expect(fixed.json().timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'resubmit']);
      expect((await resident.put(`/api/tradein/car-applications/${id}`, fields)).json().error.code).toBe('INVALID_STATE');
    });

    it('approving needs the reviewer’s confirmation of an unverified certificate; then no second decision', async () => {
      const res = await commerce.post(`/api/tradein/car-applications/${id}/approve`, {});
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'certificateConfirmed' });
      const ok = await approveChecked(commerce, id, { note: '已核对报废证明原件' });
      expect(ok.json()).toMatchObject({ status: 'approved', certificate: { status: 'confirmed', needsManualConfirmation: false } });
      expect(ok.json().certificate.source).toMatch(/^reviewer:\d+$/);
      expect(ok.json().deadlines.payment.dueOn).toBeTruthy();
      for (const action of ['approve', 'return', 'reject'])
        expect(
          (
            await commerce.post(`/api/tradein/car-applications/${id}/${action}`, action === 'approve' ? { certificateConfirmed: true } : { reasons: ['x1'] })
          ).json().error.code,
        ).toBe('INVALID_STATE');
      expect((await approveChecked(office, secondId)).json().status).toBe('approved');
    });

    it('a rejected application is final', async () => {
      const rid = (await apply(12)).json().id;
      const rej = await commerce.post(`/api/tradein/car-applications/${rid}/reject`, { reasons: ['报废证明与车辆不符'] });
      expect(rej.json()).toMatchObject({ status: 'rejected' });
      expect((await commerce.post(`/api/tradein/car-applications/${rid}/approve`, { certificateConfirmed: true })).statusCode).toBe(409);
      expect((await commerce.post(`/api/tradein/car-applications/${rid}/return`, { reasons: ['x1'] })).statusCode).toBe(409);
      const { programId: _p, ...fields } = scrappingApplication(programId, 12, evidence);
      expect((await resident.put(`/api/tradein/car-applications/${rid}`, fields)).statusCode).toBe(409);
      // Its cars stay used: "any application".
      expect((await apply(12)).json().error.code).toBe('VEHICLE_ALREADY_SUBSIDISED');
      expect((await commerce.post(`/api/tradein/car-applications/${rid}/reject`, {})).statusCode).toBe(400);
    });

    let batchId: number;
    it('市财政局 batches approved applications; only approved ones; nobody else may', async () => {
      for (const c of [commerce, office, town, auditor, resident]) expect((await c.post('/api/tradein/car-payment-batches', {})).statusCode).toBe(403);
      const submitted = (await apply(13)).json().id;
      const wrong = await finance.post('/api/tradein/car-payment-batches', { applicationIds: [id, submitted] });
      expect(wrong.json().error).toMatchObject({ code: 'INVALID_STATE' });
      const res = await finance.post('/api/tradein/car-payment-batches', {});
      expect(res.statusCode).toBe(201);
      const batch = res.json();
      batchId = batch.id;
      expect(batch).toMatchObject({ status: 'pending', applicationCount: 2, totalFen: 4_000_000 });
      expect(batch.batchNo).toMatch(/^QCBF-\d{8}-\d{5}$/);
      expect(batch.applications.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual([
        [id, 'in_payment'],
        [secondId, 'in_payment'],
      ]);
      expect((await finance.post('/api/tradein/car-payment-batches', {})).json().error.code).toBe('NOTHING_TO_PAY');
      expect((await commerce.get(`/api/tradein/car-payment-batches/${batchId}`)).statusCode).toBe(200);
      expect((await town.get('/api/tradein/car-payment-batches')).statusCode).toBe(403);
    });

    it('the payment file is an Excel sheet with full bank accounts and amounts, for 市财政局 only, and its export is audited', async () => {
      expect((await commerce.get(`/api/tradein/car-payment-batches/${batchId}/file`)).statusCode).toBe(403);
      expect((await office.get(`/api/tradein/car-payment-batches/${batchId}/file`)).statusCode).toBe(403);
      const res = await finance.get(`/api/tradein/car-payment-batches/${batchId}/file`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as never);
      const sheet = wb.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual([
        '序号',
        '批次号',
        '申请编号',
        '补贴类型',
        '申请人',
        '开户银行',
        '户名',
        '银行账号',
        '补贴金额（元）',
        '补贴金额（分）',
        '新车车辆识别代号',
        '审核通过日期',
      ]);
      const rows = [2, 3].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
      expect(rows[0]).toEqual(expect.arrayContaining([id, '报废更新', '演示居民', '6228480012345670000', 20000, 2000000]));
      expect(sheet.rowCount).toBe(3);
      const audit = await t.deps.database.db
        .selectFrom('audit_log')
        .select(['action'])
        .where('entity', '=', 'cartradein_payment_batch')
        .where('entity_id', '=', String(batchId))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'exportFile']));
    });

    it('marking the batch paid pays each application once and tells each resident', async () => {
      expect((await commerce.post(`/api/tradein/car-payment-batches/${batchId}/paid`, { reference: 'GK2026-0001' })).statusCode).toBe(403);
      const res = await finance.post(`/api/tradein/car-payment-batches/${batchId}/paid`, { reference: 'GK2026-0001' });
      expect(res.json()).toMatchObject({ status: 'paid', paymentReference: 'GK2026-0001' });
      expect(res.json().applications.map((a: { status: string }) => a.status)).toEqual(['paid', 'paid']);
      expect((await finance.post(`/api/tradein/car-payment-batches/${batchId}/paid`, { reference: 'GK2026-0002' })).json().error.code).toBe('INVALID_STATE');
      expect((await finance.post(`/api/tradein/car-payment-batches/${batchId}/cancel`)).json().error.code).toBe('INVALID_STATE');
      const a = (await resident.get(`/api/tradein/car-applications/${id}`)).json();
      expect(a).toMatchObject({ status: 'paid', payment: { batchId, reference: 'GK2026-0001' }, deadlines: { payment: { done: true, overdue: false } } });
      expect(a.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'return', 'resubmit', 'approve', 'addToBatch', 'markPaid']);
      const kinds = (await resident.get('/api/notifications?pageSize=100')).json().items.map((n: { kind: string }) => n.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'cartradein_submitted',
          'cartradein_returned',
          'cartradein_resubmitted',
          'cartradein_approved',
          'cartradein_in_payment',
          'cartradein_paid',
        ]),
      );
      const paidNote = (await other.get('/api/notifications')).json().items.find((n: { kind: string }) => n.kind === 'cartradein_paid');
      expect(paidNote.message).toContain('20000.00');
      // Every transition of the application is in the audit trail.
      const audit = await t.deps.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity', '=', 'cartradein_application')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute();
      expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['submit', 'return', 'resubmit', 'approve', 'addToBatch', 'markPaid']));
    });

    it('a withdrawn batch puts its applications back to approved, ready for another batch', async () => {
      const aid = (await apply(14)).json().id;
      await approveChecked(commerce, aid);
      const b = (await finance.post('/api/tradein/car-payment-batches', { applicationIds: [aid] })).json();
      const cancelled = await finance.post(`/api/tradein/car-payment-batches/${b.id}/cancel`);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
      expect((await resident.get(`/api/tradein/car-applications/${aid}`)).json()).toMatchObject({ status: 'approved', paymentBatchId: null });
      const again = await finance.post('/api/tradein/car-payment-batches', { applicationIds: [aid] });
      expect(again.statusCode).toBe(201);
    });

    it('lists overdue review and payment steps for the office, most overdue first', async () => {
      const late = (await apply(15)).json().id;
      const db = t.deps.database.db;
      await db
        .updateTable('cartradein_applications')
        .set({ review_due_on: daysAgo(3) })
        .where('id', '=', late)
        .execute();
      const unpaid = (await apply(16)).json().id;
      await approveChecked(commerce, unpaid);
      await db
        .updateTable('cartradein_applications')
        .set({ payment_due_on: daysAgo(1) })
        .where('id', '=', unpaid)
        .execute();
      const res = await office.get('/api/tradein/car-applications/overdue');
      expect(res.statusCode).toBe(200);
      expect(res.json().map((i: { step: string; daysOverdue: number; application: { id: number } }) => [i.step, i.application.id, i.daysOverdue])).toEqual([
        ['review', late, 3],
        ['payment', unpaid, 1],
      ]);
      expect((await resident.get(`/api/tradein/car-applications/${late}`)).json().deadlines.review).toMatchObject({ overdue: true, done: false });
      for (const c of [resident, town, enterprise]) expect((await c.get('/api/tradein/car-applications/overdue')).statusCode).toBe(403);
      expect((await auditor.get('/api/tradein/car-applications/overdue')).statusCode).toBe(200);
    });

    it('filters the officials’ list by status and finds a car by VIN', async () => {
      const paid = (await auditor.get('/api/tradein/car-applications?status=paid')).json();
      expect(paid.items.map((a: { id: number }) => a.id).sort()).toEqual([id, secondId].sort());
      const byVin = (await commerce.get(`/api/tradein/car-applications?q=${scrappingApplication(programId, 10, evidence).newVehicle.vin}`)).json();
      expect(byVin.items.map((a: { id: number }) => a.id)).toEqual([id]);
    });

    it('metrics: cars subsidised (万辆) and the NEV share count approved, in-payment and paid applications in the window', async () => {
      const [cars, share] = ['tradein.car.subsidisedCars', 'tradein.car.nevShare'].map((n) => carTradeinMetrics.find((m) => m.name === n)!);
      const window = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
      const db = t.deps.database.db;
      const counted = await db.selectFrom('cartradein_applications').select('id').where('status', 'in', ['approved', 'in_payment', 'paid']).execute();
      expect(counted).toHaveLength(4);
      expect(await cars!.compute(db, window)).toBe(4 / 10_000);
      expect(await share!.compute(db, window)).toBe(100);
      // One fuel car among them: 3 of 4 are NEVs.
      await db.updateTable('cartradein_applications').set({ new_energy_type: 'fuel' }).where('id', '=', Number(counted[0]!.id)).execute();
      expect(await share!.compute(db, window)).toBe(75);
      expect(await cars!.compute(db, { from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' })).toBe(0);
      expect(await share!.compute(db, { from: '2020-01-01T00:00:00.000Z', to: '2021-01-01T00:00:00.000Z' })).toBe(0);
    });
  });
});
