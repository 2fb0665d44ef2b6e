import type { Queryable, Tx } from '../../../db/database.js';

/**
 * Project codes, unique across the library whoever's the project (renewal_project_codes, keyed by the code: on
 * Citus the projects' own unique key could hold only within one enterprise). Written in the transaction that gives
 * the project its code, so two projects given one code — an import racing a registration or another import — fail
 * on this table's primary key as they did on the projects' unique constraint. A code never changes once given and
 * projects are never deleted, so nothing here is ever released.
 */
export async function holdProjectCodes(tx: Tx, rows: readonly { code: string; organizationId: number; projectId: number }[]): Promise<void> {
  if (!rows.length) return;
  await tx
    .insertInto('renewal_project_codes')
    .values(rows.map((r) => ({ code: r.code, organization_id: r.organizationId, project_id: r.projectId })))
    .execute();
}

/** Which of these codes a project already has (looked up by code, so on Citus each goes to one shard). */
export async function takenProjectCodes(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < codes.length; i += 500)
    for (const p of await db
      .selectFrom('renewal_project_codes')
      .select('code')
      .where('code', 'in', codes.slice(i, i + 500))
      .execute())
      taken.add(p.code);
  return taken;
}
