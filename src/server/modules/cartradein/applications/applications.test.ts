import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
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
        certificate: { status: 'unverified', source: 'recycling.dismantler', note: 'certificate_unknown', needsManualConfirmation: true },
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

    it('the identifiers’ lookup tables refuse a second holder even without the service’s check', async () => {
      const db = t.deps.database.db;
      const row = await db.selectFrom('cartradein_applications').selectAll().where('id', '=', firstId).executeTakeFirstOrThrow();
      const holder = { applicant_user_id: Number(row.applicant_user_id), application_id: firstId };
      const other = { applicant_user_id: holder.applicant_user_id + 1000, application_id: firstId + 1000 };
      expect(await db.selectFrom('cartradein_old_vins').selectAll().where('old_vin', '=', row.old_vin).execute()).toEqual([
        { old_vin: row.old_vin, ...holder },
      ]);
      const attempts = [
        db.insertInto('cartradein_old_vins').values({ old_vin: row.old_vin, ...other }),
        db.insertInto('cartradein_new_vins').values({ new_vin: row.new_vin, ...other }),
        db.insertInto('cartradein_new_invoice_numbers').values({ new_invoice_number: row.new_invoice_number, ...other }),
        db.insertInto('cartradein_scrapping_certificate_nos').values({ scrapping_certificate_no: row.scrapping_certificate_no!, ...other }),
      ];
      for (const attempt of attempts) await expect(attempt.execute()).rejects.toThrow();
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
});
