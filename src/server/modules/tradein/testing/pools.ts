import type { AppDeps } from '../../../core/deps.js';

/** When a test release is open, around now: opened `sinceMs` ago, closing `forMs` from now. */
export interface TestPoolWindow {
  sinceMs: number;
  forMs: number;
}

/**
 * A release open from a minute ago for an hour (or `window`), written straight into the database (as a test's or a
 * load test's set-up: the manager's API for it is tested in vouchers.test.ts). The programme is a seeded one by its
 * code, or one the caller found or made, by its id.
 */
export async function openTestPool(
  deps: Pick<AppDeps, 'database'>,
  category: string,
  quota: number,
  program: string | number = 'appliance-national-2025',
  window: TestPoolWindow = { sinceMs: 60_000, forMs: 3600_000 },
): Promise<number> {
  const db = deps.database.db;
  const programId =
    typeof program === 'number'
      ? program
      : Number((await db.selectFrom('tradein_programs').select('id').where('code', '=', program).executeTakeFirstOrThrow()).id);
  const now = Date.now();
  const row = await db
    .insertInto('tradein_pools')
    .values({
      program_id: programId,
      category,
      quota,
      issued: 0,
      returned_quota: 0,
      opens_at: new Date(now - window.sinceMs).toISOString(),
      closes_at: new Date(now + window.forMs).toISOString(),
      source: 'manual',
      release_key: null,
      created_by: null,
      created_at: new Date(now).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
