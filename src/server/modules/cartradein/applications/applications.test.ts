import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { carTradeinMetrics } from '../metrics.js';
import { evidenceFor, newResident, replacementProgramBody, scrappingApplication, scrappingProgramBody, daysAgo, vin, invoice } from '../testing/fixtures.js';

/**
 * Applications are dated (scrapped 10 days ago, bought 5 days ago, due in so many working days) by Shanghai
 * calendar days: the file sets its clock to a morning inside the national rules' window, before 08:00 in Shanghai
 * (still the day before in UTC), so the dates are the same whenever the suite runs and no midnight passes mid-test.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const SCRAPPING_EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

describe('car trade-in: programmes, applications, review and payment', () => {
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

  describe('programmes', () => {
    it('ships the national scrapping rules active and the replacement example as a labelled draft', async () => {
      const list = (await commerce.get('/api/tradein/car-programs')).json();
      const national = list.find((p: { code: string }) => p.code === 'car-scrapping-national-2025');
      const example = list.find((p: { code: string }) => p.code === 'car-replacement-example-2025');
      expect(national).toMatchObject({ kind: 'scrapping', status: 'active', isExample: false, ruleVersion: 1 });
      expect(national.rule.amounts.map((b: { amountFen: number }) => b.amountFen)).toEqual([2_000_000, 1_500_000]);
      expect(national.rule.oldCar).toMatchObject({ fuel: { maxEmissionStandard: 'guo3' }, nev: { registeredOnOrBefore: '2018-04-30' } });
      expect(example).toMatchObject({ kind: 'replacement', status: 'draft', isExample: true });
      expect(example.name).toContain('示例');
      const residentList = (await resident.get('/api/tradein/car-programs')).json();
      expect(residentList.map((p: { code: string }) => p.code)).not.toContain('car-replacement-example-2025');
      expect((await resident.get(`/api/tradein/car-programs/${example.id}`)).statusCode).toBe(404);
    });

    it('only 市商务局 and the office change programmes; a rule change is a new version and the history is kept', async () => {
      const body = scrappingProgramBody('car-scrapping-other');
      for (const c of [finance, town, enterprise, resident, auditor]) expect((await c.post('/api/tradein/car-programs', body)).statusCode).toBe(403);
      const p = (await office.post('/api/tradein/car-programs', body)).json();
      const changed = { ...body.rule, amounts: [{ energyType: 'nev', minPriceFen: 0, maxPriceFen: null, amountFen: 2_500_000 }] };
      expect((await finance.put(`/api/tradein/car-programs/${p.id}/rule`, { rule: changed })).statusCode).toBe(403);
      const v2 = await commerce.put(`/api/tradein/car-programs/${p.id}/rule`, { rule: changed, note: '本地加码' });
      expect(v2.json()).toMatchObject({ ruleVersion: 2, rule: { amounts: [{ amountFen: 2_500_000 }] } });
      // The same rule again is not a new version.
      expect((await commerce.put(`/api/tradein/car-programs/${p.id}/rule`, { rule: changed })).json().ruleVersion).toBe(2);
      const history = (await auditor.get(`/api/tradein/car-programs/${p.id}/rules`)).json();
      expect(history.map((h: { version: number; current: boolean }) => [h.version, h.current])).toEqual([
        [2, true],
        [1, false],
      ]);
      expect(history[1].rule.amounts).toHaveLength(2);
      expect((await resident.get(`/api/tradein/car-programs/${p.id}/rules`)).statusCode).toBe(403);
      const overlapping = { ...body.rule, amounts: [...body.rule.amounts, { energyType: 'nev', minPriceFen: 10, maxPriceFen: null, amountFen: 1 }] };
      const bad = await commerce.put(`/api/tradein/car-programs/${p.id}/rule`, { rule: overlapping });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details[0].field).toBe('rule.amounts.2');
    });
    it('a closed programme takes no applications and stays closed', async () => {
      const p = (await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-scrapping-closing'))).json();
      expect((await finance.patch(`/api/tradein/car-programs/${p.id}`, { status: 'closed' })).statusCode).toBe(403);
      expect((await commerce.patch(`/api/tradein/car-programs/${p.id}`, { validTo: '2000-01-01' })).json().error.details[0].field).toBe('validTo');
      expect((await commerce.patch(`/api/tradein/car-programs/${p.id}`, { status: 'closed' })).json()).toMatchObject({ status: 'closed' });
      const res = await resident.post('/api/tradein/car-applications', scrappingApplication(p.id, 80, evidence));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CAR_PROGRAM_NOT_OPEN');
      expect((await commerce.patch(`/api/tradein/car-programs/${p.id}`, { status: 'active' })).json().error.code).toBe('INVALID_STATE');
      expect((await commerce.put(`/api/tradein/car-programs/${p.id}/rule`, { rule: p.rule })).json().error.code).toBe('INVALID_STATE');
    });
  });

  describe('applying', () => {
    let firstId: number;

    it('a resident applies: 201, eligible, 20,000 yuan in integer fen, bank account encrypted and masked, certificate awaiting a reviewer', async () => {
      const res = await apply(1);
      expect(res.statusCode).toBe(201);
      const a = res.json();
      firstId = a.id;
      expect(a).toMatchObject({
        status: 'submitted',
        kind: 'scrapping',
        eligibility: { eligible: true, reasons: [], amountFen: 2_000_000 },
        amountFen: 2_000_000,
        bank: { account: '**** **** **** 8901' },
        certificate: { status: 'unverified', source: 'manual', needsManualConfirmation: true },
        allowedActions: [],
        applicantName: '演示居民',
      });
      expect(Number.isInteger(a.amountFen)).toBe(true);
      expect(a.deadlines.review.dueOn > daysAgo(0)).toBe(true);
      expect(a.timeline).toEqual([expect.objectContaining({ action: 'submit', fromStatus: null, toStatus: 'submitted', actorRole: 'resident' })]);
      expect(a.evidence).toHaveLength(6);
      const row = await t.deps.database.db.selectFrom('cartradein_applications').select(['bank_account_enc']).where('id', '=', a.id).executeTakeFirstOrThrow();
      expect(row.bank_account_enc).not.toContain('6228');
      expect(t.deps.sealer.open(row.bank_account_enc)).toBe('6228480012345678901');
      expect(JSON.stringify(a)).not.toContain('6228480012345678901');
      const notes = (await resident.get('/api/notifications')).json().items;
      expect(notes.some((n: { kind: string }) => n.kind === 'cartradein_submitted')).toBe(true);
    });

    it('checks VINs by their check digit: 400 naming the field', async () => {
      const good = vin(50, 'LFV2A21K');
      const wrongCheck = good.slice(0, 8) + (good[8] === '0' ? '1' : '0') + good.slice(9);
      const res = await apply(50, { oldVehicle: { ...scrappingApplication(programId, 50, evidence).oldVehicle, vin: wrongCheck } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'oldVehicle.vin', reason: 'vin.checksum' })]);
      const newBad = await apply(51, { newVehicle: { ...scrappingApplication(programId, 51, evidence).newVehicle, vin: 'LGXCE4CB0N00000I1' } });
      expect(newBad.json().error.details[0].field).toBe('newVehicle.vin');
    });

    it('refuses a car already used in any application: old VIN, new VIN, scrapping certificate (409), invoice (409)', async () => {
      const base = scrappingApplication(programId, 2, evidence);
      const first = scrappingApplication(programId, 1, evidence);
      const cases: [Record<string, unknown>, string][] = [
        [{ oldVehicle: { ...base.oldVehicle, vin: first.oldVehicle.vin } }, 'oldVehicle.vin'],
        [{ newVehicle: { ...base.newVehicle, vin: first.newVehicle.vin } }, 'newVehicle.vin'],
        [{ scrapping: { ...base.scrapping, certificateNumber: first.scrapping.certificateNumber.toLowerCase() } }, 'scrapping.certificateNumber'],
      ];
      for (const [over, field] of cases) {
        const res = await other.post('/api/tradein/car-applications', { ...base, ...over });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'VEHICLE_ALREADY_SUBSIDISED', details: [expect.objectContaining({ field })] });
      }
      const inv = await other.post('/api/tradein/car-applications', { ...base, newVehicle: { ...base.newVehicle, invoiceNumber: invoice(1) } });
      expect(inv.json().error.code).toBe('INVOICE_ALREADY_USED');
      // The old car cannot also be the new car.
      const same = await apply(3, { newVehicle: { ...base.newVehicle, vin: scrappingApplication(programId, 3, evidence).oldVehicle.vin } });
      expect(same.json().error.details[0]).toMatchObject({ field: 'newVehicle.vin', reason: 'cartradein.sameVin' });
    });

    it('the unique indexes refuse a duplicate even without the service’s check', async () => {
      const row = await t.deps.database.db.selectFrom('cartradein_applications').selectAll().where('id', '=', firstId).executeTakeFirstOrThrow();
      const { id: _id, ...copy } = row;
      const attempts = [
        { ...copy, new_vin: vin(900), new_invoice_number: invoice(900), scrapping_certificate_no: 'X900' }, // same old VIN
        { ...copy, old_vin: vin(901), new_invoice_number: invoice(901), scrapping_certificate_no: 'X901' }, // same new VIN
        { ...copy, old_vin: vin(902), new_vin: vin(903), new_invoice_number: invoice(902) }, // same certificate
      ];
      for (const values of attempts) await expect(t.deps.database.db.insertInto('cartradein_applications').values(values).execute()).rejects.toThrow();
    });

    it('records an application that fails rules with every reason, in the caller’s language; it cannot be approved', async () => {
      const base = scrappingApplication(programId, 4, evidence.slice(0, 5));
      const body = {
        ...base,
        oldVehicle: { ...base.oldVehicle, emissionStandard: 'guo5' },
        newVehicle: { ...base.newVehicle, energyType: 'fuel', displacementMl: 2500 },
      };
      // The resident's saved language is the caller's language.
      expect((await resident.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
      const res = await resident.post('/api/tradein/car-applications', body);
      expect((await resident.put('/api/auth/locale', { locale: 'zh-CN' })).statusCode).toBe(204);
      expect(res.statusCode).toBe(201);
      const a = res.json();
      expect(a.eligibility.eligible).toBe(false);
      expect(a.amountFen).toBe(0);
      expect(a.eligibility.reasons.map((r: { code: string }) => r.code)).toEqual(['oldFuelEmission', 'newFuelDisplacement', 'evidenceMissing']);
      expect(a.eligibility.reasons.map((r: { message: string }) => r.message)).toEqual([
        'An old fuel car must meet emission standard China 3 or older',
        'A new fuel car must have a displacement of 2.0 L or less',
        'Missing evidence: applicant’s bank card',
      ]);
      const zh = (await resident.get(`/api/tradein/car-applications/${a.id}`)).json();
      expect(zh.eligibility.reasons[0].message).toBe('燃油旧车的排放标准须为国三及以下');
      const approve = await commerce.post(`/api/tradein/car-applications/${a.id}/approve`, { certificateConfirmed: true });
      expect(approve.statusCode).toBe(409);
      expect(approve.json().error.code).toBe('NOT_ELIGIBLE');
      expect(zh.allowedActions).toEqual([]);
      expect((await commerce.get(`/api/tradein/car-applications/${a.id}`)).json().allowedActions).toEqual(['return', 'reject']);
    });

    it('asks for the facts a rule needs: emission standard of a fuel car, the scrapping record, no future dates', async () => {
      const base = scrappingApplication(programId, 5, evidence);
      const res = await apply(5, {
        oldVehicle: { ...base.oldVehicle, emissionStandard: null },
        scrapping: undefined,
        newVehicle: { ...base.newVehicle, invoiceDate: '2999-01-01' },
      });
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['newVehicle.invoiceDate', 'oldVehicle.emissionStandard', 'scrapping']);
      const badPlate = await apply(5, { oldVehicle: { ...base.oldVehicle, plate: 'ABC' } });
      expect(badPlate.json().error.details[0]).toMatchObject({ field: 'oldVehicle.plate', reason: 'cartradein.plate' });
      const strangerFile = await apply(5, { evidence: [{ attachmentId: (await evidenceFor(other, ['id_card']))[0]!.attachmentId, kind: 'id_card' }] });
      expect(strangerFile.json().error.details[0]).toMatchObject({ field: 'evidence.0.attachmentId', reason: 'cartradein.attachmentUnknown' });
    });

    it('pre-checks the form without writing, including whether the car was already used', async () => {
      const before = await t.deps.database.db
        .selectFrom('cartradein_applications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const { bank: _bank, evidence: _evidence, ...form } = scrappingApplication(programId, 1, evidence);
      const res = await resident.post('/api/tradein/car-applications/precheck', form);
      expect(res.statusCode).toBe(200);
      const codes = res
        .json()
        .reasons.map((r: { code: string; params: { field?: string; evidence?: string } }) => `${r.code}:${r.params.field ?? r.params.evidence}`);
      expect(codes).toEqual(
        expect.arrayContaining([
          'alreadySubsidised:oldVehicle.vin',
          'alreadySubsidised:newVehicle.vin',
          'alreadySubsidised:scrapping.certificateNumber',
          'evidenceMissing:id_card',
        ]),
      );
      const fresh = await resident.post('/api/tradein/car-applications/precheck', { ...scrappingApplication(programId, 60, evidence), bank: undefined });
      expect(fresh.json()).toMatchObject({ eligible: true, reasons: [], amountFen: 2_000_000, certificateCheck: 'unverified' });
      const after = await t.deps.database.db
        .selectFrom('cartradein_applications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
      expect((await commerce.post('/api/tradein/car-applications/precheck', form)).statusCode).toBe(403);
    });

    it('a replacement application needs the transfer record, and its amount follows the price band', async () => {
      const p = (await commerce.post('/api/tradein/car-programs', replacementProgramBody('car-replacement-test'))).json();
      const base = scrappingApplication(
        p.id,
        7,
        await evidenceFor(resident, ['old_vehicle_registration', 'transfer_record', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card']),
      );
      const { scrapping: _s, ...withoutScrapping } = base;
      const missing = await resident.post('/api/tradein/car-applications', base);
      expect(
        missing
          .json()
          .error.details.map((d: { field: string }) => d.field)
          .sort(),
      ).toEqual(['scrapping', 'transfer']);
      const res = await resident.post('/api/tradein/car-applications', {
        ...withoutScrapping,
        oldVehicle: { ...base.oldVehicle, emissionStandard: 'guo6' },
        transfer: { recordNumber: 'ESC-2025-000123', transferredOn: daysAgo(7) },
        newVehicle: { ...base.newVehicle, priceFen: 12_000_000 },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        kind: 'replacement',
        amountFen: 1_200_000,
        certificate: { status: 'not_applicable' },
        transfer: { recordNumber: 'ESC-2025-000123' },
        scrapping: null,
      });
    });
  });

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
      const ok = await commerce.post(`/api/tradein/car-applications/${id}/approve`, { certificateConfirmed: true, note: '已核对报废证明原件' });
      expect(ok.json()).toMatchObject({ status: 'approved', certificate: { status: 'confirmed', needsManualConfirmation: false } });
      expect(ok.json().certificate.source).toMatch(/^reviewer:\d+$/);
      expect(ok.json().deadlines.payment.dueOn).toBeTruthy();
      for (const action of ['approve', 'return', 'reject'])
        expect(
          (
            await commerce.post(`/api/tradein/car-applications/${id}/${action}`, action === 'approve' ? { certificateConfirmed: true } : { reasons: ['x1'] })
          ).json().error.code,
        ).toBe('INVALID_STATE');
      expect((await office.post(`/api/tradein/car-applications/${secondId}/approve`, { certificateConfirmed: true })).json().status).toBe('approved');
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
      expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['submit', 'return', 'resubmit', 'approve', 'addToBatch', 'markPaid', 'readEvidence']));
    });

    it('a withdrawn batch puts its applications back to approved, ready for another batch', async () => {
      const aid = (await apply(14)).json().id;
      await commerce.post(`/api/tradein/car-applications/${aid}/approve`, { certificateConfirmed: true });
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
      await commerce.post(`/api/tradein/car-applications/${unpaid}/approve`, { certificateConfirmed: true });
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

describe('car trade-in: concurrent submissions, retries and the certificate verifier', () => {
  let t: TestApp;
  let commerce: TestClient;
  let programId: number;

  beforeAll(async () => {
    t = await createTestApp();
    commerce = await t.login('demo_department');
    programId = (await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-scrapping-race'))).json().id;
  });
  afterAll(() => t.close());

  it('five residents submitting the same car at once: exactly one application, the others 409', async () => {
    const residents = await Promise.all([1, 2, 3, 4, 5].map((n) => newResident(t, 100 + n)));
    const bodies = await Promise.all(
      residents.map(async (r, i) => {
        const body = scrappingApplication(programId, 70, await evidenceFor(r, SCRAPPING_EVIDENCE));
        // Only the old VIN is shared; everything else differs per resident.
        return {
          ...body,
          scrapping: { ...body.scrapping, certificateNumber: `RACE-${i}-000001` },
          newVehicle: { ...body.newVehicle, vin: vin(700 + i), invoiceNumber: invoice(700 + i) },
        };
      }),
    );
    const results = await Promise.all(residents.map((r, i) => r.post('/api/tradein/car-applications', bodies[i])));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('VEHICLE_ALREADY_SUBSIDISED');
    const n = await t.deps.database.db
      .selectFrom('cartradein_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('old_vin', '=', bodies[0]!.oldVehicle.vin)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('a retried submission with the same Idempotency-Key returns the first application', async () => {
    const r = await newResident(t, 110);
    const body = scrappingApplication(programId, 71, await evidenceFor(r, SCRAPPING_EVIDENCE));
    const headers = { 'idempotency-key': 'car-application-retry-0001' };
    const first = await r.post('/api/tradein/car-applications', body, headers);
    const retry = await r.post('/api/tradein/car-applications', body, headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotency-replayed']).toBe('true');
  });
});

/** A module that provides the scrapping-certificate verifier (as recycling will) is what every application is checked with. */
describe('car trade-in: a provided certificate verifier', () => {
  let t: TestApp;
  let commerce: TestClient;
  let programId: number;
  const seen: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      extensions: {
        scrappingCertificateVerifier: {
          source: 'recycling',
          verify: async (_db, q) => {
            seen.push(q.certificateNumber);
            return q.certificateNumber.endsWith('000072') ? { status: 'verified' } : { status: 'mismatch', note: '回收记录中的车辆识别代号不同' };
          },
        },
      },
    });
    commerce = await t.login('demo_department');
    programId = (await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-scrapping-verified'))).json().id;
  });
  afterAll(() => t.close());

  it('a verifier provided by the recycling module vouches for certificates or contradicts them', async () => {
    const r = await newResident(t, 111);
    const ev = await evidenceFor(r, SCRAPPING_EVIDENCE);
    const verified = (await r.post('/api/tradein/car-applications', scrappingApplication(programId, 72, ev))).json();
    expect(verified).toMatchObject({
      certificate: { status: 'verified', source: 'recycling', needsManualConfirmation: false },
      eligibility: { eligible: true },
    });
    // No manual confirmation is needed for a verified certificate.
    expect((await commerce.post(`/api/tradein/car-applications/${verified.id}/approve`, {})).json()).toMatchObject({
      status: 'approved',
      certificate: { status: 'verified' },
    });
    const contradicted = (await r.post('/api/tradein/car-applications', scrappingApplication(programId, 73, ev))).json();
    expect(contradicted).toMatchObject({ certificate: { status: 'mismatch', note: '回收记录中的车辆识别代号不同' }, eligibility: { eligible: false } });
    expect(contradicted.eligibility.reasons.map((x: { code: string }) => x.code)).toEqual(['certificateMismatch']);
    expect(seen).toEqual([expect.stringMatching(/000072$/), expect.stringMatching(/000073$/)]);
  });
});
