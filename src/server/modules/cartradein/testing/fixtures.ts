import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { computeVinCheckDigit } from '../../../../shared/validators/vin.js';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';
import { DEFAULT_CAR_PROGRAMS } from '../programs/defaults.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { DEPARTMENTS } from '../../platform/seed/referenceOrganizations.js';

/**
 * The applicant's town in the fixtures' applications: 青阳街道, the first town of a fresh test database (the
 * reference seed inserts the office, the departments, then the towns, in one batch; applications/town.test.ts
 * checks it), so that a fixture needs no database to name it.
 */
export const FIXTURE_TOWN_ID = 2 + DEPARTMENTS.length;

/** A valid VIN numbered `n` (the check digit computed), different for each n and prefix. */
export function vin(n: number, prefix = 'LSGKB54H'): string {
  const body = `${prefix}0N${String(n).padStart(7, '0')}`;
  return body.slice(0, 8) + computeVinCheckDigit(body) + body.slice(9);
}

/** A 20-digit 数电发票 number numbered `n`. */
export const invoice = (n: number) => `253520000000${String(n).padStart(8, '0')}`;

export const today = () => shanghaiDate();
export const daysAgo = (n: number) => addDays(shanghaiDate(), -n);

/** A copy of the national scrapping rule whose dates sit around today, so the tests do not age. */
export function scrappingProgramBody(code: string) {
  const national = DEFAULT_CAR_PROGRAMS.find((p) => p.code === 'car-scrapping-national-2025')!;
  return {
    code,
    name: `测试报废更新 ${code}`,
    kind: 'scrapping',
    status: 'active',
    validFrom: daysAgo(60),
    validTo: addDays(today(), 60),
    rule: { ...national.rule, oldCar: { ...national.rule.oldCar, ownedOnOrBefore: daysAgo(30), disposedOnOrAfter: daysAgo(60) } },
  };
}

export function replacementProgramBody(code: string) {
  const example = DEFAULT_CAR_PROGRAMS.find((p) => p.code === 'car-replacement-example-2025')!;
  return {
    code,
    name: `测试置换更新 ${code}`,
    kind: 'replacement',
    status: 'active',
    validFrom: daysAgo(60),
    validTo: addDays(today(), 60),
    isExample: true,
    rule: { ...example.rule, oldCar: { ...example.rule.oldCar, ownedOnOrBefore: daysAgo(30), disposedOnOrAfter: daysAgo(60) } },
  };
}

const PDF = Buffer.from('%PDF-1.4\n% huanxin test evidence\n');

export async function uploadPdf(client: TestClient, name = 'evidence.pdf'): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), name);
  const res = await client.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`upload failed ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}

/** Uploads one file per evidence kind and returns the `evidence` array of an application. */
export async function evidenceFor(client: TestClient, kinds: readonly string[]) {
  const out: { attachmentId: number; kind: string }[] = [];
  for (const kind of kinds) out.push({ attachmentId: await uploadPdf(client, `${kind}.pdf`), kind });
  return out;
}

/** Registers and signs in another resident. */
export async function newResident(t: TestApp, n: number): Promise<TestClient> {
  const mobile = `1390000${String(n).padStart(4, '0')}`;
  const first17 = `35058219850101${String(n).padStart(3, '0')}`;
  const res = await t.anonymous.post('/api/auth/register/resident', {
    mobile,
    password: 'Resident#2024x',
    realName: `测试居民${n}`,
    idNumber: first17 + computeCitizenIdCheckChar(first17),
  });
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return t.login(mobile, 'Resident#2024x');
}

/** A scrapping application that meets every rule: a 国三 petrol car scrapped 10 days ago, a new NEV bought 5 days ago. */
export function scrappingApplication(programId: number, n: number, evidence: { attachmentId: number; kind: string }[]) {
  return {
    programId,
    townId: FIXTURE_TOWN_ID,
    oldVehicle: {
      vin: vin(n, 'LFV2A21K'),
      plate: '闽C12345',
      registeredOn: '2009-04-01',
      ownedSince: '2012-06-01',
      energyType: 'fuel',
      emissionStandard: 'guo3',
    },
    scrapping: { certificateNumber: `BF3505822025${String(n).padStart(6, '0')}`, deregisteredOn: daysAgo(10) },
    newVehicle: { vin: vin(n, 'LGXCE4CB'), invoiceNumber: invoice(n), invoiceDate: daysAgo(5), priceFen: 15_980_000, energyType: 'nev' },
    bank: { bankName: '中国农业银行晋江支行', accountName: '演示居民', account: '6228 4800 1234 5678 901' },
    evidence,
  };
}
