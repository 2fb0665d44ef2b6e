import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../test/helpers/testApp.js';
import { evidenceFor, scrappingApplication, scrappingProgramBody } from './testing/fixtures.js';
import { approveChecked } from './testing/review.js';

const SCRAPPING_EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

/** Car trade-in used trade-in's grants until they moved to the platform; now each domain has its own. */
describe('car trade-in answers to the cartradein grants, independently of tradein', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let resident: TestClient;
  let commerceOrg: number;
  let programId: number;
  const grant = (domain: string, granted: boolean) =>
    office.post(granted ? '/api/grants' : '/api/grants/revoke', { organizationId: commerceOrg, domain, capability: 'manage' });
  const apply = async (n: number) => {
    const res = await resident.post('/api/tradein/car-applications', scrappingApplication(programId, n, await evidenceFor(resident, SCRAPPING_EVIDENCE)));
    expect(res.statusCode).toBe(201);
    return res.json().id as number;
  };
  const approve = (id: number) => approveChecked(commerce, id);
  const editTradeinProgramme = async () => {
    const renovation = (await commerce.get('/api/tradein/programs')).json().find((p: { code: string }) => p.code === 'home-renovation-example');
    return commerce.patch(`/api/tradein/programs/${renovation.id}`, { sourceNote: `示例（${Date.now()}）` });
  };

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, resident] = await Promise.all([t.login('demo_office'), t.login('demo_department'), t.login('13800000001')]);
    commerceOrg = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', '市商务局').executeTakeFirstOrThrow()).id);
    const created = await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-grants-test'));
    expect(created.statusCode).toBe(201);
    programId = created.json().id;
  });
  afterAll(() => t.close());

  it('without cartradein manage, 市商务局 approves no car application and makes no car programme, but still manages trade-in', async () => {
    const id = await apply(901);
    expect((await grant('cartradein', false)).statusCode).toBe(200);
    expect((await approve(id)).statusCode).toBe(403);
    expect((await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-grants-test-2'))).statusCode).toBe(403);
    expect((await editTradeinProgramme()).statusCode).toBe(200);

    // Given back, it approves again.
    expect((await grant('cartradein', true)).statusCode).toBe(200);
    expect((await approve(id)).json().status).toBe('approved');
  });

  it('without tradein manage, 市商务局 no longer manages trade-in but still approves car applications', async () => {
    const id = await apply(902);
    expect((await grant('tradein', false)).statusCode).toBe(200);
    expect((await editTradeinProgramme()).statusCode).toBe(403);
    expect((await approve(id)).json().status).toBe('approved');
    await grant('tradein', true);
    expect((await editTradeinProgramme()).statusCode).toBe(200);
  });
});
