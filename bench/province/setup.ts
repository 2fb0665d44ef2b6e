/** The province's world before the rush: demo data, one release of vouchers, a million signed-in residents. */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/server/config.js';
import type { AppDeps } from '../../src/server/core/deps.js';
import { refreshStatistics } from '../../src/server/db/database.js';
import { createSignedInResidents, type SignedInResident } from '../../src/server/modules/tradein/testing/residents.js';
import { prepareWorld, type CrashWorld } from '../crash/setup.js';

export type ProvinceWorld = Omit<CrashWorld, 'residents'> & { residents: SignedInResident[]; residentsMs: number };

/**
 * bench:crash's world (the live demo appliance programme, a refrigerator pool of `quota` opening a minute ago,
 * the demo merchant's product, office and merchant sessions) with `residents` residents made by
 * createSignedInResidents in `parallel` slices at once (each slice inserts in its chunks of 500).
 */
export async function prepareProvince(deps: AppDeps, config: Config, residents: number, quota: number, parallel: number, log: (m: string) => void) {
  const world = await prepareWorld(deps, config, 0, quota);
  const started = Date.now();
  const tag = randomBytes(3).toString('hex');
  const slice = Math.ceil(residents / parallel);
  let done = 0;
  const ticker = setInterval(() => log(`residents: ~${done} of ${residents} (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
  try {
    const slices = await Promise.all(
      Array.from({ length: parallel }, async (_, s) => {
        const out: SignedInResident[] = [];
        const end = Math.min(residents, (s + 1) * slice);
        // Batches of 10 000 so the progress shows; each batch a prefix of its own (usernames are unique).
        for (let start = s * slice; start < end; start += 10_000) {
          const n = Math.min(10_000, end - start);
          out.push(...(await createSignedInResidents(deps.database, config, n, `prov${tag}_${s}_${start}`)));
          done += n;
        }
        return out;
      }),
    );
    const all = slices.flat();
    // As a deployment's autovacuum would have by the time a release opens: the rush must not meet a planner that
    // has never seen a million residents (db/database.ts refreshStatistics).
    await refreshStatistics(deps.database.db, ['users', 'sessions']);
    return { ...world, residents: all, residentsMs: Date.now() - started } satisfies ProvinceWorld;
  } finally {
    clearInterval(ticker);
  }
}

/** After the rush, in the database: nothing issued over the quota, one voucher per holder, the count as the pool says. */
export async function checkIssue(deps: AppDeps, poolId: number) {
  const db = deps.database.db;
  const pool = await db.selectFrom('tradein_pools').select(['issued', 'quota']).where('id', '=', poolId).executeTakeFirstOrThrow();
  const vouchers = await db
    .selectFrom('tradein_vouchers')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('holder_user_id').distinct().as('holders')])
    .where('pool_id', '=', poolId)
    .executeTakeFirstOrThrow();
  const queue = await db
    .selectFrom('tradein_claim_queue')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('pool_id', '=', poolId)
    .groupBy('status')
    .execute();
  const issued = Number(pool.issued);
  const quota = Number(pool.quota);
  const n = Number(vouchers.n);
  return {
    issued,
    quota,
    vouchers: n,
    // Over the quota, vouchers the pool's count does not know of, holders with two: all must be 0.
    overIssue: Math.max(0, issued - quota) + Math.abs(n - issued) + (n - Number(vouchers.holders)),
    queueRows: Object.fromEntries(queue.map((q) => [q.status, Number(q.n)])),
  };
}
