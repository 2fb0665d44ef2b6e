import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { addAccount, addEnterprise, answers, code, orgId, registerFile, towns, upload, TEST_PASSWORD } from './testSetup.js';

const EN = { 'accept-language': 'en' };
const fields = (res: { json(): { error: { details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);
const BASE = '/api/renewal/survey';

describe('survey: rounds, register import, responses and who may', () => {
  useFakeClock(shanghaiInstant('2025-06-01', '10:00'));
  let t: TestApp;
  let miit: TestClient;
  let commerce: TestClient;
  let office: TestClient;
  let auditor: TestClient;
  let ent: TestClient;
  let other: TestClient;
  let townA: TestClient;
  let townB: TestClient;
  let round: number;
  let entRow: number;
  let noAccountRow: number;
  let A: { id: number; name: string };

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const [a, b] = await towns(t);
    A = a!;
    await addEnterprise(t, 'sv_ent', A.id, code(1));
    await addEnterprise(t, 'sv_other', A.id, code(2));
    await addAccount(t, 'sv_miit', 'department', await orgId(t, '市工信局'));
    await addAccount(t, 'sv_commerce', 'department', await orgId(t, '市商务局'));
    const officeOrg = await orgId(t, '工作专班办公室（市发改局）');
    await addAccount(t, 'sv_office', 'office', officeOrg);
    await addAccount(t, 'sv_auditor', 'auditor', officeOrg);
    await addAccount(t, 'sv_town_a', 'town', A.id);
    await addAccount(t, 'sv_town_b', 'town', b!.id);
    const login = (u: string) => t.login(u, TEST_PASSWORD);
    [miit, commerce, office, auditor, ent, other, townA, townB] = await Promise.all([
      login('sv_miit'),
      login('sv_commerce'),
      login('sv_office'),
      login('sv_auditor'),
      login('sv_ent'),
      login('sv_other'),
      login('sv_town_a'),
      login('sv_town_b'),
    ]);
  });
  afterAll(() => t.close());

  it('opens one round per year, for 市工信局 and the office only', async () => {
    expect((await commerce.post(`${BASE}/rounds`, { year: 2025, deadline: '2025-09-30' })).statusCode).toBe(403);
    expect((await auditor.post(`${BASE}/rounds`, { year: 2025, deadline: '2025-09-30' })).statusCode).toBe(403);
    expect((await ent.post(`${BASE}/rounds`, { year: 2025, deadline: '2025-09-30' })).statusCode).toBe(403);
    const res = await miit.post(`${BASE}/rounds`, { year: 2025, deadline: '2025-09-30' });
    expect(res.statusCode).toBe(201);
    round = res.json().id;
    const twice = await office.post(`${BASE}/rounds`, { year: 2025, deadline: '2025-10-31' }, EN);
    expect(twice.statusCode).toBe(400);
    expect(fields(twice)).toEqual(['year']);
    expect(twice.json().error.details[0].message).toMatch(/already a survey round for 2025/);
    expect((await auditor.get(`${BASE}/rounds`)).json()).toMatchObject([{ year: 2025, status: 'open', registerSize: 0 }]);
  });

  it('imports the register all or nothing, with every error by row and column', async () => {
    const bad = await registerFile([
      [code(1), '甲制造有限公司', A.name, '制鞋'],
      [code(3).slice(0, 17) + (code(3).endsWith('0') ? '1' : '0'), '乙公司', A.name, 'footwear'],
      [code(4), '丙公司', '不存在镇', '纺织服装'],
      [code(5), '丁公司', A.name, '航天'],
      [code(1), '甲二公司', A.name, '制鞋'],
      ['', '', '', ''],
    ]);
    const res = await upload(miit, `${BASE}/rounds/${round}/register/import`, bad);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('failed');
    expect(body.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '统一社会信用代码'],
      [4, '镇街'],
      [5, '行业'],
      [6, '统一社会信用代码'],
    ]);
    expect((await miit.get(`${BASE}/rounds/${round}/register`)).json().total).toBe(0);
    const missing = await upload(
      miit,
      `${BASE}/rounds/${round}/register/import`,
      await registerFile([[code(1), '甲', A.name, '制鞋']], ['统一社会信用代码', '企业名称', '镇街']),
    );
    expect(missing.json().errors).toMatchObject([{ row: 1, column: '行业' }]);

    const good = await registerFile([
      [code(1), 'sv_ent 制造有限公司', A.name, '制鞋'],
      [code(9), '无账号制造有限公司', A.name, 'textile_apparel'],
    ]);
    expect((await upload(commerce, `${BASE}/rounds/${round}/register/import`, good)).statusCode).toBe(403);
    const ok = (await upload(miit, `${BASE}/rounds/${round}/register/import`, good)).json();
    expect(ok).toMatchObject({ status: 'succeeded', importedRows: 2 });
    const list = (await office.get(`${BASE}/rounds/${round}/register?sort=name&order=asc`)).json();
    expect(list.total).toBe(2);
    const byCode = Object.fromEntries(list.items.map((r: { creditCode: string }) => [r.creditCode, r]));
    expect(byCode[code(1)]).toMatchObject({ hasAccount: true, response: null });
    expect(byCode[code(9)]).toMatchObject({ hasAccount: false });
    entRow = byCode[code(1)].id;
    noAccountRow = byCode[code(9)].id;
    expect((await miit.get(`${BASE}/register-template.xlsx`)).statusCode).toBe(200);
  });

  it('adds and removes single rows, refusing a bad credit code field by field', async () => {
    const bad = await miit.post(`${BASE}/rounds/${round}/register`, { creditCode: '91350582MA2TT00010', name: '某公司', townId: A.id, industry: 'footwear' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['creditCode']);
    const dup = await miit.post(`${BASE}/rounds/${round}/register`, { creditCode: code(1), name: '某公司', townId: A.id, industry: 'footwear' });
    expect(fields(dup)).toEqual(['creditCode']);
    const added = await miit.post(`${BASE}/rounds/${round}/register`, { creditCode: code(2), name: 'sv_other', townId: A.id, industry: 'food' });
    expect(added.statusCode).toBe(201);
    expect(added.json().hasAccount).toBe(true);
    expect((await commerce.delete(`${BASE}/register/${added.json().id}`)).statusCode).toBe(403);
    expect((await miit.delete(`${BASE}/register/${added.json().id}`)).statusCode).toBe(204);
  });

  it('lets only the row’s enterprise answer, validates field by field, and writes nothing on error', async () => {
    expect((await other.put(`${BASE}/register/${entRow}/response`, answers())).statusCode).toBe(403);
    // The manager records only for an enterprise without an account.
    expect((await miit.put(`${BASE}/register/${entRow}/response`, answers())).statusCode).toBe(403);
    const cnc = await ent.put(`${BASE}/register/${entRow}/response`, answers({ keyProcesses: 3, cncProcesses: 4 }));
    expect(cnc.statusCode).toBe(400);
    expect(fields(cnc)).toEqual(['cncProcesses']);
    const many = await ent.put(`${BASE}/register/${entRow}/response`, answers({ rdTools: ['nope'], transformationNote: undefined, app5gCount: 2 }));
    expect(fields(many)).toEqual(['rdTools.0', 'transformationNote', 'app5gNames']);
    expect(fields(await ent.put(`${BASE}/register/${entRow}/response`, answers({ hasRdTools: true, rdTools: [] })))).toEqual(['rdTools']);
    expect((await ent.get(`${BASE}/register/${entRow}`)).json().response).toBeNull();
    const saved = await ent.put(`${BASE}/register/${entRow}/response`, answers());
    expect(saved.statusCode).toBe(200);
    expect(saved.json().response).toMatchObject({ status: 'draft', actions: ['edit', 'submit'], onBehalf: false });
  });

  it('moves draft → submitted → returned with its reason → submitted → checked, by the row’s town only', async () => {
    const id = (await ent.get(`${BASE}/mine`)).json().rows[0].response.id;
    expect((await townA.post(`${BASE}/responses/${id}/check`)).statusCode).toBe(409);
    expect((await other.post(`${BASE}/responses/${id}/submit`)).statusCode).toBe(403);
    expect((await ent.post(`${BASE}/responses/${id}/submit`)).json().response.status).toBe('submitted');
    expect((await ent.put(`${BASE}/register/${entRow}/response`, answers())).statusCode).toBe(409);
    expect((await townB.post(`${BASE}/responses/${id}/check`)).statusCode).toBe(403);
    expect((await miit.post(`${BASE}/responses/${id}/check`)).statusCode).toBe(403);
    const queue = (await townA.get(`${BASE}/queue?status=submitted`)).json();
    expect(queue.items.map((r: { id: number }) => r.id)).toEqual([entRow]);
    expect((await townB.get(`${BASE}/queue?status=submitted`)).json().total).toBe(0);
    expect((await townA.get(`${BASE}/queue?status=answered`)).json().total).toBe(1);
    expect((await townA.get(`${BASE}/queue`)).json().total).toBe(2);
    expect(fields(await townA.post(`${BASE}/responses/${id}/return`, {}))).toEqual(['reason']);
    const returned = await townA.post(`${BASE}/responses/${id}/return`, { reason: '数控化工序数与台账不符' });
    expect(returned.json().response).toMatchObject({ status: 'returned', returnReason: '数控化工序数与台账不符' });
    const mine = (await ent.get(`${BASE}/mine`)).json().rows[0].response;
    expect(mine).toMatchObject({ status: 'returned', returnReason: '数控化工序数与台账不符', actions: ['edit', 'submit'] });
    await ent.put(`${BASE}/register/${entRow}/response`, answers({ cncProcesses: 6 }));
    expect((await ent.post(`${BASE}/responses/${id}/submit`)).json().response).toMatchObject({ status: 'submitted', returnReason: null });
    const checked = await townA.post(`${BASE}/responses/${id}/check`);
    expect(checked.json().response).toMatchObject({ status: 'checked', answers: { cncProcesses: 6 } });
    const audit = await t.deps.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'renewal_survey_response').execute();
    expect(audit.map((a) => a.action)).toEqual(['save', 'submit', 'return', 'update', 'submit', 'check']);
  });

  it('lets the manager record on behalf of an enterprise without an account, marked so', async () => {
    expect((await ent.put(`${BASE}/register/${noAccountRow}/response`, answers())).statusCode).toBe(403);
    const saved = await office.put(`${BASE}/register/${noAccountRow}/response`, answers({ hasRdTools: false, rdTools: [] }));
    expect(saved.json().response).toMatchObject({ onBehalf: true, status: 'draft' });
    const id = saved.json().response.id;
    expect((await miit.post(`${BASE}/responses/${id}/submit`)).json().response.status).toBe('submitted');
  });

  it('closes a round: enterprises no longer edit or submit, the town still checks', async () => {
    expect((await commerce.post(`${BASE}/rounds/${round}/close`)).statusCode).toBe(403);
    expect((await miit.post(`${BASE}/rounds/${round}/close`)).json().status).toBe('closed');
    expect((await miit.post(`${BASE}/rounds/${round}/close`)).statusCode).toBe(409);
    const closed = await office.put(`${BASE}/register/${noAccountRow}/response`, answers());
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('SURVEY_ROUND_CLOSED');
    const id = (await office.get(`${BASE}/register/${noAccountRow}`)).json().response.id;
    expect((await townA.post(`${BASE}/responses/${id}/check`)).json().response.status).toBe('checked');
  });

  it('keeps results and the export for officials', async () => {
    expect((await auditor.get(`${BASE}/rounds/${round}/results`)).statusCode).toBe(200);
    expect((await commerce.get(`${BASE}/rounds/${round}/results`)).statusCode).toBe(200);
    expect((await ent.get(`${BASE}/rounds/${round}/results`)).statusCode).toBe(403);
    expect((await townA.get(`${BASE}/rounds/${round}/results`)).statusCode).toBe(403);
    const x = await office.get(`${BASE}/rounds/${round}/results/export.xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await ent.get(`${BASE}/register/${noAccountRow}`)).statusCode).toBe(403);
    expect((await townB.get(`${BASE}/register/${entRow}`)).statusCode).toBe(403);
  });

  it('copies the previous round’s register into a new round, once per credit code', async () => {
    const next = (await miit.post(`${BASE}/rounds`, { year: 2026, deadline: '2026-09-30' })).json().id;
    expect(fields(await miit.post(`${BASE}/rounds/${next}/register/copy`, { fromRoundId: next }))).toEqual(['fromRoundId']);
    expect((await commerce.post(`${BASE}/rounds/${next}/register/copy`, { fromRoundId: round })).statusCode).toBe(403);
    expect((await miit.post(`${BASE}/rounds/${next}/register/copy`, { fromRoundId: round })).json()).toEqual({ copied: 2 });
    expect((await miit.post(`${BASE}/rounds/${next}/register/copy`, { fromRoundId: round })).json()).toEqual({ copied: 0 });
    const rows = (await office.get(`${BASE}/rounds/${next}/register`)).json();
    expect(rows.items.every((r: { response: unknown }) => r.response === null)).toBe(true);
  });
});
