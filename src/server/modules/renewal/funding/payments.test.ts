import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { inTransaction } from '../../../db/database.js';
import { chargeInterestSubsidy } from './subsidy.js';
import { addAccount, addEnterprise, addProject, orgId, TEST_PASSWORD } from './testSetup.js';

const EN = { 'accept-language': 'en' };

describe('payments never pass the grant; the loan-interest subsidy', () => {
  useFakeClock(shanghaiInstant('2025-07-01', '10:00'));
  let t: TestApp;
  let ent: TestClient;
  let miit: TestClient;
  let finance: TestClient;
  let office: TestClient;
  let project: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const town = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).id);
    const entOrg = await addEnterprise(t, 'pay_ent', town);
    await addAccount(t, 'pay_miit', 'department', await orgId(t, '市工信局'));
    project = await addProject(t, { organizationId: entOrg, townId: town });
    [ent, miit, finance, office] = await Promise.all([
      t.login('pay_ent', TEST_PASSWORD),
      t.login('pay_miit', TEST_PASSWORD),
      t.login('demo_finance'),
      t.login('demo_office'),
    ]);
  });
  afterAll(() => t.close());

  /** Applied and granted: the id of an application granted `grantedFen`. */
  async function granted(source: string, grantedFen: number): Promise<number> {
    const a = await ent.post('/api/renewal/funding/applications', { projectId: project, source, requestedFen: grantedFen, appliedOn: '2025-03-01' });
    expect(a.statusCode).toBe(201);
    const g = await miit.post(`/api/renewal/funding/applications/${a.json().id}/grant`, { grantedFen, grantedOn: '2025-04-01' });
    expect(g.json().status).toBe('granted');
    return a.json().id;
  }
  const pay = (id: number, amountFen: number, reference: string, client = finance, headers?: Record<string, string>) =>
    client.post(`/api/renewal/funding/applications/${id}/payments`, { amountFen, reference, paidOn: '2025-05-01' }, headers);

  it('pays in parts up to the grant and no further; only the payer pays', async () => {
    const id = await granted('central_budget', 1_000_000_00);
    for (const c of [ent, miit, office]) expect((await pay(id, 100_00, 'GK-X', c)).statusCode).toBe(403);
    const first = await pay(id, 400_000_00, 'GK-1');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'partially_paid', paidFen: 400_000_00, grantedFen: 1_000_000_00, actions: ['pay'] });
    const early = await finance.post(`/api/renewal/funding/applications/${id}/payments`, { amountFen: 100_00, reference: 'GK-E', paidOn: '2025-03-31' });
    expect(early.json().error.details).toMatchObject([{ field: 'paidOn' }]);
    const over = await pay(id, 700_000_00, 'GK-2', finance, EN);
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('FUNDING_PAYMENT_EXCEEDS_GRANT');
    expect(over.json().error.message).toContain('¥600,000.00 left to pay');
    expect(over.json().error.details).toMatchObject([{ field: 'amountFen' }]);
    expect((await pay(id, 700_000_00, 'GK-2')).json().error.message).toContain('尚可拨付 600,000.00 元');
    expect((await pay(id, 100_00, 'GK-1')).json().error.details).toMatchObject([{ field: 'reference' }]);
    const last = await pay(id, 600_000_00, 'GK-2');
    expect(last.json()).toMatchObject({ status: 'paid', paidFen: 1_000_000_00, actions: [] });
    expect(last.json().payments.map((p: { reference: string; amountFen: number }) => [p.reference, p.amountFen])).toEqual([
      ['GK-1', 400_000_00],
      ['GK-2', 600_000_00],
    ]);
    expect(last.json().history.map((h: { action: string; to: string }) => `${h.action}:${h.to}`)).toEqual([
      'apply:applied',
      'grant:granted',
      'pay:partially_paid',
      'payInFull:paid',
    ]);
    expect((await pay(id, 1, 'GK-3')).json().error.code).toBe('INVALID_STATE');
    // The CHECK holds whatever writes the row: no update puts paid above granted.
    await expect(
      t.deps.database.db
        .updateTable('renewal_funding_applications')
        .set({ paid_fen: sql<number>`granted_fen + 1` })
        .where('id', '=', id)
        .execute(),
    ).rejects.toThrow(/check|constraint/i);
    const app = await t.deps.database.db.selectFrom('renewal_funding_applications').select(['paid_fen']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(app.paid_fen)).toBe(1_000_000_00);
  });

  it('payments racing cannot together pass the grant', async () => {
    const id = await granted('provincial_budget', 1_000_000_00);
    const two = await Promise.all([pay(id, 600_000_00, 'R-1'), pay(id, 600_000_00, 'R-2')]);
    expect(two.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(two.find((r) => r.statusCode === 409)!.json().error.code).toBe('FUNDING_PAYMENT_EXCEEDS_GRANT');
    // Five at once of 100 000 yuan each on the 400 000 left: four fit, one does not.
    const five = await Promise.all([1, 2, 3, 4, 5].map((n) => pay(id, 100_000_00, `R-3-${n}`)));
    expect(five.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 201, 409]);
    const db = t.deps.database.db;
    const row = await db.selectFrom('renewal_funding_applications').select(['paid_fen', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect([Number(row.paid_fen), row.status]).toEqual([1_000_000_00, 'paid']);
    const payments = await db.selectFrom('renewal_funding_payments').select('amount_fen').where('application_id', '=', id).execute();
    expect(payments.reduce((n, p) => n + Number(p.amount_fen), 0)).toBe(1_000_000_00);
    expect(payments.length).toBe(5);
  });

  it('the loan-interest subsidy is computed on the server with its formula, its day basis and the project’s cap', async () => {
    const loan = { principalFen: 10_000_000_00, annualRateBp: 345, subsidyPointsBp: 100, from: '2025-01-01', to: '2026-01-01' };
    const qs = (extra: Record<string, string | number> = {}) =>
      new URLSearchParams(Object.entries({ ...loan, ...extra }).map(([k, v]) => [k, String(v)])).toString();
    const preview = await ent.get(`/api/renewal/funding/interest-subsidy?${qs()}`);
    expect(preview.json()).toMatchObject({ days: 365, dayBasis: 360, formulaFen: 10_138_889, subsidyFen: 10_138_889, capped: false });
    expect(preview.json().formula).toBe('10,000,000.00 元 × 1.00% × 365 天 ÷ 360 = 101,388.89 元（四舍五入至分）');
    expect((await ent.get(`/api/renewal/funding/interest-subsidy?${qs()}`, EN)).json().formula).toContain(
      '¥10,000,000.00 × 1.00% × 365 days ÷ 360 = ¥101,388.89',
    );
    const applied = await ent.post('/api/renewal/funding/applications', {
      projectId: project,
      source: 'tech_retrofit_loan_interest',
      appliedOn: '2025-05-01',
      loan: { ...loan, bank: '晋江农商银行' },
    });
    expect(applied.json()).toMatchObject({ requestedFen: 10_138_889, loan: { bank: '晋江农商银行', principalFen: 10_000_000_00 } });
    // The office sets the cap per project to 60 000 yuan: the grant is computed to it, and cannot pass it.
    const cap = await office.put('/api/parameters/renewal.interestSubsidyCapYuan', { value: 60_000, version: 0 });
    expect(cap.statusCode).toBe(200);
    expect((await ent.get(`/api/renewal/funding/interest-subsidy?${qs({ projectId: project })}`)).json()).toMatchObject({
      subsidyFen: 6_000_000,
      capped: true,
      capFen: 6_000_000,
    });
    const id = applied.json().id;
    const above = await miit.post(`/api/renewal/funding/applications/${id}/grant`, { grantedFen: 7_000_000, grantedOn: '2025-06-01' });
    expect(above.json().error.details).toMatchObject([{ field: 'grantedFen' }]);
    expect(above.json().error.details[0].message).toContain('60,000.00');
    const g = await miit.post(`/api/renewal/funding/applications/${id}/grant`, { grantedOn: '2025-06-01' });
    expect(g.json()).toMatchObject({
      status: 'granted',
      grantedFen: 6_000_000,
      subsidy: { dayBasis: 360, formulaFen: 10_138_889, subsidyFen: 6_000_000, capped: true },
    });
    // The cap is used up: a second loan of the project gives nothing.
    expect((await ent.get(`/api/renewal/funding/interest-subsidy?${qs({ projectId: project })}`)).json()).toMatchObject({ subsidyFen: 0, capFen: 0 });
    const second = await ent.post('/api/renewal/funding/applications', { projectId: project, source: 'tech_retrofit_loan_interest', loan });
    expect(second.json().error.details).toMatchObject([{ field: 'loan' }]);
    // Another basis from now on; the grant keeps the one it was computed with.
    const basis = await office.put('/api/parameters/renewal.interestSubsidyDayBasis', { value: '365', version: 0 });
    expect(basis.statusCode).toBe(200);
    expect((await ent.get(`/api/renewal/funding/interest-subsidy?${qs()}`)).json()).toMatchObject({
      dayBasis: 365,
      subsidyFen: 6_000_000,
      formulaFen: 10_000_000,
    });
    expect((await ent.get(`/api/renewal/funding/applications/${id}`)).json().subsidy).toMatchObject({ dayBasis: 360, subsidyFen: 6_000_000 });
  });

  it('the per-project cap is the database’s: of two subsidies racing for one project only what fits is charged', async () => {
    const db = t.deps.database.db;
    const town = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).id);
    const otherOrg = await addEnterprise(t, 'pay_ent2', town);
    const other = await addProject(t, { organizationId: otherOrg, townId: town });
    const settings = { dayBasis: 360, capYuan: 60_000 };
    const charge = (fen: number) =>
      inTransaction(t.deps.database, (tx) => chargeInterestSubsidy(tx, settings, { id: other, organizationId: otherOrg }, fen)).then(
        () => 'charged',
        (e: { code?: string }) => e.code,
      );
    // 40 000 + 40 000 yuan against 60 000: whichever commits first is charged, the other refused.
    expect((await Promise.all([charge(4_000_000), charge(4_000_000)])).sort()).toEqual(['FUNDING_SUBSIDY_CAP', 'charged']);
    expect(await charge(2_000_000)).toBe('charged');
    expect(await charge(1)).toBe('FUNDING_SUBSIDY_CAP');
    const row = await db.selectFrom('renewal_project_interest_subsidies').selectAll().where('project_id', '=', other).executeTakeFirstOrThrow();
    expect([Number(row.granted_fen), Number(row.cap_fen)]).toEqual([6_000_000, 6_000_000]);
    // Whatever writes the row, the database holds the total within the cap it was charged against.
    await expect(
      db.updateTable('renewal_project_interest_subsidies').set({ granted_fen: 6_000_001 }).where('project_id', '=', other).execute(),
    ).rejects.toThrow();
    // The first project's grant above was charged through the service.
    const first = await db.selectFrom('renewal_project_interest_subsidies').select('granted_fen').where('project_id', '=', project).executeTakeFirstOrThrow();
    expect(Number(first.granted_fen)).toBe(6_000_000);
  });
});
