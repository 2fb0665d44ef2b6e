import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { addDays } from '../../../core/time.js';
import { daysAgo, evidenceFor, replacementProgramBody, scrappingApplication, today } from '../testing/fixtures.js';

useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const REPLACEMENT_EVIDENCE = ['old_vehicle_registration', 'transfer_record', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

/** What the programme pages do: create, change status (activate, suspend, close), change rules, roll over. */
describe('car programme administration', () => {
  let t: TestApp;
  let commerce: TestClient;
  let finance: TestClient;
  let resident: TestClient;
  let evidence: { attachmentId: number; kind: string }[];
  const patch = (id: number, body: object) => commerce.patch(`/api/tradein/car-programs/${id}`, body);
  async function apply(programId: number, n: number) {
    const { scrapping: _s, ...base } = scrappingApplication(programId, n, evidence);
    return resident.post('/api/tradein/car-applications', {
      ...base,
      oldVehicle: { ...base.oldVehicle, emissionStandard: 'guo6' },
      transfer: { recordNumber: `ESC-2026-${String(n).padStart(6, '0')}`, transferredOn: daysAgo(7) },
      newVehicle: { ...base.newVehicle, priceFen: 12_000_000 },
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    [commerce, finance, resident] = await Promise.all([t.login('demo_department'), t.login('demo_finance'), t.login('13800000001')]);
    evidence = await evidenceFor(resident, REPLACEMENT_EVIDENCE);
  });
  afterAll(() => t.close());

  it('creates a draft with field-level errors for a bad window or rule, and residents do not see it', async () => {
    const body = { ...replacementProgramBody('car-admin-test'), status: 'draft' };
    const reversed = await commerce.post('/api/tradein/car-programs', { ...body, validTo: daysAgo(90) });
    expect(reversed.json().error.details).toEqual([expect.objectContaining({ field: 'validTo' })]);
    const noBands = await commerce.post('/api/tradein/car-programs', { ...body, rule: { ...body.rule, amounts: [] } });
    expect(noBands.json().error.details[0].field).toBe('rule.amounts');
    expect((await finance.post('/api/tradein/car-programs', body)).statusCode).toBe(403);
    const created = await commerce.post('/api/tradein/car-programs', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', kind: 'replacement', ruleVersion: 1 });
    expect((await commerce.post('/api/tradein/car-programs', body)).json().error.code).toBe('DUPLICATE');
    expect((await resident.get(`/api/tradein/car-programs/${created.json().id}`)).statusCode).toBe(404);
    expect((await commerce.get(`/api/tradein/car-programs/${created.json().id}/budget`)).json().set).toBe(false);
  });

  it('activate → suspend (new applications refused, submitted ones go on) → activate → close; never back to draft', async () => {
    const p = (await commerce.post('/api/tradein/car-programs', { ...replacementProgramBody('car-admin-status'), status: 'draft' })).json();
    expect((await apply(p.id, 1)).json().error.details[0].field).toBe('programId');
    expect((await patch(p.id, { status: 'suspended' })).json().error).toMatchObject({ code: 'INVALID_STATE' });
    expect((await patch(p.id, { status: 'active' })).json().status).toBe('active');
    const first = (await apply(p.id, 1)).json();
    expect(first.status).toBe('submitted');
    expect((await patch(p.id, { status: 'draft' })).json().error.code).toBe('INVALID_STATE');
    expect((await patch(p.id, { status: 'suspended' })).json().status).toBe('suspended');
    expect((await resident.get('/api/tradein/car-programs')).json().find((x: { id: number }) => x.id === p.id).status).toBe('suspended');
    expect((await apply(p.id, 2)).json().error.code).toBe('CAR_PROGRAM_NOT_OPEN');
    // What was submitted before is still decided.
    expect((await commerce.post(`/api/tradein/car-applications/${first.id}/approve`, {})).json().status).toBe('approved');
    expect((await patch(p.id, { status: 'active' })).json().status).toBe('active');
    expect((await apply(p.id, 2)).statusCode).toBe(201);
    expect((await patch(p.id, { status: 'closed' })).json().status).toBe('closed');
    for (const status of ['active', 'suspended', 'draft']) expect((await patch(p.id, { status })).json().error.code).toBe('INVALID_STATE');
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity', '=', 'cartradein_program')
      .where('entity_id', '=', String(p.id))
      .where('action', '=', 'update')
      .where('outcome', '=', 'ok')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!).status)).toEqual(['active', 'suspended', 'active', 'closed']);
  });

  it('a new rule applies to new applications only: one submitted before keeps its version', async () => {
    const p = (await commerce.post('/api/tradein/car-programs', replacementProgramBody('car-admin-rules'))).json();
    const before = (await apply(p.id, 10)).json();
    expect(before).toMatchObject({ ruleVersionId: p.ruleVersionId, amountFen: 1_200_000 });
    const rule = { ...p.rule, amounts: p.rule.amounts.map((b: { amountFen: number }) => ({ ...b, amountFen: b.amountFen + 100_000 })) };
    const v2 = (await commerce.put(`/api/tradein/car-programs/${p.id}/rule`, { rule, note: '提高补贴', baseVersion: 1 })).json();
    expect(v2.ruleVersion).toBe(2);
    expect((await commerce.get(`/api/tradein/car-applications/${before.id}`)).json()).toMatchObject({ ruleVersionId: p.ruleVersionId, amountFen: 1_200_000 });
    const after = (await apply(p.id, 11)).json();
    expect(after).toMatchObject({ ruleVersionId: v2.ruleVersionId, amountFen: 1_300_000 });
    const history = (await commerce.get(`/api/tradein/car-programs/${p.id}/rules`)).json();
    expect(history.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('rolling over carries the budget split into the draft as its first version', async () => {
    const p = (await commerce.post('/api/tradein/car-programs', replacementProgramBody('car-admin-rollover'))).json();
    await commerce.put(`/api/tradein/car-programs/${p.id}/budget`, { centralFen: 600, provincialFen: 200, cityFen: 200 });
    const next = await commerce.post(`/api/tradein/car-programs/${p.id}/rollover`, {
      code: 'car-admin-rollover-next',
      name: '测试置换更新（下一期）',
      validTo: addDays(today(), 400),
    });
    expect(next.statusCode).toBe(201);
    const budget = (await commerce.get(`/api/tradein/car-programs/${next.json().id}/budget`)).json();
    expect(budget).toMatchObject({ set: true, version: 1, budget: { total: 1000, central: 600, provincial: 200, city: 200 }, approved: { total: 0 } });
    const history = (await commerce.get(`/api/tradein/car-programs/${next.json().id}/budget/versions`)).json();
    expect(history[0].note).toContain('car-admin-rollover');
  });
});
