import type { AppDeps } from '../../../core/deps.js';

/**
 * A release open from a minute ago for an hour, written straight into the database (as a load test's set-up: the
 * manager's API for it is tested in vouchers.test.ts). The programme is a seeded one, by its code.
 */
export async function openTestPool(deps: Pick<AppDeps, 'database'>, category: string, quota: number, programCode = 'appliance-national-2025'): Promise<number> {
  const db = deps.database.db;
  const program = await db.selectFrom('tradein_programs').select('id').where('code', '=', programCode).executeTakeFirstOrThrow();
  const now = Date.now();
  const row = await db
    .insertInto('tradein_pools')
    .values({
      program_id: Number(program.id),
      category,
      quota,
      issued: 0,
      returned_quota: 0,
      opens_at: new Date(now - 60_000).toISOString(),
      closes_at: new Date(now + 3600_000).toISOString(),
      source: 'manual',
      release_key: null,
      created_by: null,
      created_at: new Date(now).toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
