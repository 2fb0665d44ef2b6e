import { addDays, shanghaiDate } from '../../../../../test/helpers/clock.js';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { computeVinCheckDigit } from '../../../../shared/validators/vin.js';
import { addRecycler, RECYCLER_PASSWORD } from '../pickups/testSetup.js';

/** Test set-up of the scrapped-vehicle tests: VINs, ID numbers, dates from the test's clock, a qualified recycler. */

/** A valid VIN numbered `n` (check digit computed). */
export function vinOf(n: number, prefix = 'LSVAU2A3'): string {
  const body = `${prefix}0T${String(n).padStart(7, '0')}`;
  return body.slice(0, 8) + computeVinCheckDigit(body) + body.slice(9);
}

/** A valid citizen ID numbered `n`. */
export function idOf(n: number): string {
  const first17 = `35058219800101${String(n).padStart(3, '0')}`;
  return first17 + computeCitizenIdCheckChar(first17);
}

export const daysAgo = (n: number) => addDays(shanghaiDate(), -n);

export function recordBody(n: number, over: Record<string, unknown> = {}) {
  return {
    vin: vinOf(n),
    plate: `闽C${String(10000 + n).slice(-5)}`,
    owner: { kind: 'person', name: `车主${n}`, idNumber: idOf(n) },
    emissionStandard: 'guo3',
    fuelType: 'petrol',
    registeredOn: '2010-03-01',
    receivedOn: daysAgo(20),
    ...over,
  };
}

/** Five assemblies, the engine remanufactured, the rest destroyed, on `on`. */
export const assemblies = (on: string) =>
  ['engine', 'steering', 'transmission', 'axles', 'frame'].map((assembly) =>
    assembly === 'engine' ? { assembly, destination: 'remanufacture', recipient: '测试再制造公司', on } : { assembly, destination: 'scrap_destroyed', on },
  );

/** A recycler (a new enterprise with one account in `townId`), qualified by 市商务局 when `qualify`. */
export async function dismantler(t: TestApp, commerce: TestClient, username: string, townId: number, qualify = true) {
  const orgId = await addRecycler(t, username, townId);
  const client = await t.login(username, RECYCLER_PASSWORD);
  let qualificationId: number | null = null;
  if (qualify) {
    const res = await commerce.post('/api/recycling/dismantling-qualifications', {
      organizationId: orgId,
      number: `闽商拆-${username}`,
      validFrom: daysAgo(400),
      validTo: addDays(shanghaiDate(), 400),
    });
    if (res.statusCode !== 201) throw new Error(`qualification failed ${res.statusCode} ${res.body}`);
    qualificationId = res.json().id;
  }
  return { orgId, client, qualificationId };
}

/** Carries a recorded vehicle to `deregistered`: certificate on day -18, dismantled -15, assemblies -14, deregistered -12. */
export async function carryThrough(client: TestClient, id: number, certificate: string) {
  const steps = [
    await client.post(`/api/recycling/vehicles/${id}/certificate`, { number: certificate, issuedOn: daysAgo(18) }),
    await client.post(`/api/recycling/vehicles/${id}/dismantle`, { dismantledOn: daysAgo(15), assemblies: assemblies(daysAgo(14)) }),
    await client.post(`/api/recycling/vehicles/${id}/deregister`, { deregisteredOn: daysAgo(12) }),
  ];
  for (const s of steps) if (s.statusCode !== 200) throw new Error(`step failed ${s.statusCode} ${s.body}`);
  return steps[2]!.json();
}
