/** What the crash test prepares before the first start: demo data, a pool, residents, sessions of the writers. */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/core/deps.js';
import { DEMO_MERCHANT_NAME } from '../../src/server/modules/tradein/programs/demo.js';
import { createSignedInResidents, type SignedInResident } from '../../src/server/modules/tradein/testing/residents.js';
import { openTestPool } from '../../src/server/modules/tradein/testing/pools.js';
import { signIn, type SignedIn } from '../lib/accounts.js';

export interface CrashWorld {
  programId: number;
  poolId: number;
  quota: number;
  productId: number;
  residents: SignedInResident[];
  merchant: SignedIn;
  office: SignedIn;
  reporters: SignedIn[];
  planId: number;
}

async function userId(deps: AppDeps, username: string): Promise<number> {
  return Number((await deps.database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
}

/**
 * The live demo appliance programme (seeded by the demo data around today) gets a pool of `quota` refrigerator
 * vouchers, smaller than the residents who will ask, so the quota is contended while the server dies.
 */
export async function prepareWorld(deps: AppDeps, config: Config, residents: number, quota: number): Promise<CrashWorld> {
  const db = deps.database.db;
  const program = await db
    .selectFrom('tradein_programs')
    .select('id')
    .where('code', 'like', 'demo-appliance-%')
    .where('status', '=', 'active')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const poolId = await openTestPool(deps, 'refrigerator', quota, Number(program.id), { sinceMs: 60_000, forMs: 3 * 3600_000 });
  const org = await db.selectFrom('organizations').select('id').where('name', '=', DEMO_MERCHANT_NAME).executeTakeFirstOrThrow();
  const product = await db
    .selectFrom('tradein_products')
    .select('id')
    .where('organization_id', '=', org.id)
    .where('category', '=', 'refrigerator')
    .executeTakeFirstOrThrow();
  const plan = await db.selectFrom('plans').select('id').where('code', '=', 'JJ-2024-98').executeTakeFirstOrThrow();
  return {
    programId: Number(program.id),
    poolId,
    quota,
    productId: Number(product.id),
    residents: await createSignedInResidents(deps.database, config, residents, `crash${randomBytes(3).toString('hex')}`),
    merchant: await signIn(deps, config, await userId(deps, 'demo_merchant')),
    office: await signIn(deps, config, await userId(deps, 'demo_office')),
    reporters: [await signIn(deps, config, await userId(deps, 'demo_department')), await signIn(deps, config, await userId(deps, 'demo_town'))],
    planId: Number(plan.id),
  };
}
