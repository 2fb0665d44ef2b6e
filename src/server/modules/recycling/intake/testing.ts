import { computeCitizenIdCheckChar } from '../../../../shared/validators/index.js';
import { shanghaiDate } from '../../../core/time.js';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';
import { addRecycler, addSite, RECYCLER_PASSWORD } from '../pickups/testSetup.js';

/** A valid citizen ID from a seed number (a different seller per number). */
export const citizenId = (n: number) => {
  const first17 = `35058219${String(80 + (n % 20)).padStart(2, '0')}0101${String(100 + (n % 900)).padStart(3, '0')}`;
  return first17 + computeCitizenIdCheckChar(first17);
};
export const CREDIT_CODE = '91350100M000100Y43';

export interface IntakeSetup {
  townId: number;
  otherTownId: number;
  orgA: number;
  orgB: number;
  siteA: number;
  siteB: number;
  suspendedA: number;
  a: TestClient;
  b: TestClient;
}

/**
 * Two recyclers in towns where no demo site operates: A runs an operating station and a suspended one in `townId`,
 * B an operating station in `otherTownId`.
 */
export async function intakeSetup(t: TestApp, prefix: string): Promise<IntakeSetup> {
  const db = t.deps.database.db;
  const served = (await db.selectFrom('recycling_sites').select('town_id').execute()).map((s) => Number(s.town_id));
  const towns = (await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').execute())
    .map((r) => Number(r.id))
    .filter((id) => !served.includes(id));
  const [townId, otherTownId] = [towns[0]!, towns[1]!];
  const orgA = await addRecycler(t, `${prefix}_a`, townId);
  const orgB = await addRecycler(t, `${prefix}_b`, otherTownId);
  await addSite(t, orgA, townId, 'station');
  await addSite(t, orgA, townId, 'station', 'suspended');
  await addSite(t, orgB, otherTownId, 'station');
  const siteOf = async (org: number, status: string) =>
    Number(
      (
        await db
          .selectFrom('recycling_sites')
          .select('id')
          .where('operator_organization_id', '=', org)
          .where('status', '=', status as 'operating')
          .executeTakeFirstOrThrow()
      ).id,
    );
  return {
    townId,
    otherTownId,
    orgA,
    orgB,
    siteA: await siteOf(orgA, 'operating'),
    siteB: await siteOf(orgB, 'operating'),
    suspendedA: await siteOf(orgA, 'suspended'),
    a: await t.login(`${prefix}_a`, RECYCLER_PASSWORD),
    b: await t.login(`${prefix}_b`, RECYCLER_PASSWORD),
  };
}

/** An individual's paper sale today at a site (override anything). */
export const paperSale = (siteId: number, seller: number, priceFen: number, extra: Record<string, unknown> = {}) => ({
  siteId,
  material: 'paper',
  source: 'individual',
  weightKg: 100,
  priceFen,
  takenInOn: shanghaiDate(),
  seller: { name: `出售人${seller}`, idNumber: citizenId(seller) },
  ...extra,
});

export { setParameter } from '../../../../../test/helpers/parameters.js';
