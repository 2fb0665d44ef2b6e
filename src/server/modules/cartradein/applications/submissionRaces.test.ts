import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { evidenceFor, newResident, scrappingApplication, scrappingProgramBody, vin, invoice } from '../testing/fixtures.js';

/**
 * Applications are dated (scrapped 10 days ago, bought 5 days ago, due in so many working days) by Shanghai
 * calendar days: the file sets its clock to a morning inside the national rules' window, before 08:00 in Shanghai
 * (still the day before in UTC), so the dates are the same whenever the suite runs and no midnight passes mid-test.
 */
useFakeClock(shanghaiInstant('2026-06-10', '07:30'));

const SCRAPPING_EVIDENCE = ['scrapping_certificate', 'deregistration_certificate', 'new_car_invoice', 'new_vehicle_registration', 'id_card', 'bank_card'];

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
          verify: async (_db, _deps, q) => {
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
