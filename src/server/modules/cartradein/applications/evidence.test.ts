import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { evidenceFor, newResident, scrappingApplication, scrappingProgramBody } from '../testing/fixtures.js';

// Dated by Shanghai calendar days inside the national rules' window, as review.test.ts is.
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const KINDS = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

describe('car application evidence: opened before it is vouched for', () => {
  let t: TestApp;
  let commerce: TestClient;
  let office: TestClient;
  let resident: TestClient;
  let stranger: TestClient;
  let programId: number;
  let townId: number;
  let n = 40;

  async function apply() {
    const evidence = await evidenceFor(resident, KINDS);
    const res = await resident.post('/api/tradein/car-applications', { ...scrappingApplication(programId, n++, evidence), townId });
    expect(res.statusCode, res.body).toBe(201);
    const certificate = evidence.find((e) => e.kind === 'scrapping_certificate')!.attachmentId;
    const invoice = evidence.find((e) => e.kind === 'new_car_invoice')!.attachmentId;
    return { id: res.json().id as number, certificate, invoice };
  }
  const approve = (c: TestClient, id: number, lang = 'zh-CN') =>
    c.post(`/api/tradein/car-applications/${id}/approve`, { certificateConfirmed: true }, { 'accept-language': lang });
  const open = (c: TestClient, id: number, attachmentId: number, query = '') => c.get(`/api/tradein/car-applications/${id}/evidence/${attachmentId}${query}`);

  beforeAll(async () => {
    t = await createTestApp();
    [commerce, office, resident] = await Promise.all([t.login('demo_department'), t.login('demo_office'), t.login('13800000001')]);
    stranger = await newResident(t, 7);
    const created = await commerce.post('/api/tradein/car-programs', scrappingProgramBody('car-evidence-test'));
    expect(created.statusCode).toBe(201);
    programId = created.json().id;
    townId = (await resident.get('/api/towns')).json()[0].id;
  });
  afterAll(() => t.close());

  it('lists each file with its type and size, and serves it inline through the application (audited with the application)', async () => {
    const { id, certificate } = await apply();
    const view = (await commerce.get(`/api/tradein/car-applications/${id}`)).json();
    expect(view.certificate).toMatchObject({ needsManualConfirmation: true, openedByMe: false });
    expect(view.evidence.find((e: { attachmentId: number }) => e.attachmentId === certificate)).toMatchObject({
      kind: 'scrapping_certificate',
      filename: 'scrapping_certificate.pdf',
      mimeType: 'application/pdf',
      sizeBytes: expect.any(Number),
      openedByMe: false,
    });
    const file = await open(commerce, id, certificate);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^inline; /);
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect((await open(commerce, id, certificate, '?download=1')).headers['content-disposition']).toMatch(/^attachment; /);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['after_json', 'actor_role'])
      .where('entity', '=', 'attachment')
      .where('entity_id', '=', String(certificate))
      .where('action', '=', 'viewed')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({
      record: { entity: 'cartradein_application', id, kind: 'scrapping_certificate' },
      disposition: 'inline',
    });
    const again = (await commerce.get(`/api/tradein/car-applications/${id}`)).json();
    expect(again.certificate.openedByMe).toBe(true);
    expect(again.evidence.find((e: { attachmentId: number }) => e.attachmentId === certificate).openedByMe).toBe(true);
    // Another reader's view says what they opened, not what the reviewer did.
    expect((await office.get(`/api/tradein/car-applications/${id}`)).json().certificate.openedByMe).toBe(false);
  });

  it('refuses a stranger the file (403, no "viewed") and a file the application does not cite (404)', async () => {
    const { id, certificate } = await apply();
    expect((await open(stranger, id, certificate)).statusCode).toBe(403);
    const own = await evidenceFor(stranger, ['id_card']);
    expect((await open(commerce, id, own[0]!.attachmentId)).statusCode).toBe(404);
    const viewed = await t.deps.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'attachment')
      .where('entity_id', 'in', [String(certificate), String(own[0]!.attachmentId)])
      .where('action', '=', 'viewed')
      .execute();
    expect(viewed).toHaveLength(0);
  });

  it('refuses "checked by hand" until this reviewer opened the certificate, then approves', async () => {
    const { id, certificate, invoice } = await apply();
    const refused = await approve(commerce, id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'CERTIFICATE_NOT_OPENED', details: [{ field: 'certificateConfirmed' }] });
    expect(refused.json().error.message).toContain('报废机动车回收证明');
    expect((await approve(commerce, id, 'en')).json().error.details[0].message).toBe('You have not opened this application’s scrapping certificate yet');
    // Someone else opening it, or the reviewer opening another file, does not count.
    await open(office, id, certificate);
    await open(commerce, id, invoice);
    expect((await approve(commerce, id)).json().error.code).toBe('CERTIFICATE_NOT_OPENED');
    expect((await commerce.get(`/api/tradein/car-applications/${id}`)).json().status).toBe('submitted');
    expect((await open(commerce, id, certificate)).statusCode).toBe(200);
    const ok = await approve(commerce, id);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', certificate: { status: 'confirmed' } });
  });
});
