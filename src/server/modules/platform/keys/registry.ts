import type { Kysely } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { keyFingerprint } from '../../../core/cryptoSuites.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';

/**
 * Every sealed column is named `*_enc` (checked over every module's migrations when this was written: users,
 * organisations, merchants, settlement batches, online orders, fulfilments, car applications, dealers, intake
 * records, reverse invoices, scrapped vehicles), so the columns a run re-seals are found in the database itself —
 * a module that adds one is covered without a list to keep.
 */
export const SEALED_COLUMN = /_enc$/;

export interface SealedColumn {
  table: string;
  column: string;
}

export async function sealedColumns(db: Queryable): Promise<SealedColumn[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && (t.schema === undefined || t.schema === 'public'))
    .flatMap((t) => t.columns.filter((c) => SEALED_COLUMN.test(c.name)).map((c) => ({ table: t.name, column: c.name })))
    .sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
}

/** Tables known only at run time: queried through an untyped view of the database (names from introspection). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

export class KeyConfigurationError extends Error {}

/**
 * Brings key_versions in line with the configuration at every start: a new version is registered (audited), the
 * highest configured one is active with the configured suite, an active one that is no longer the highest is
 * retiring until a re-encryption run retires it. A configured key whose fingerprint differs from the one
 * registered for its version would make that version's data unreadable: the start is refused.
 */
export async function syncKeyVersions(deps: AppDeps): Promise<void> {
  const keys = deps.config.encryptionKeys;
  const active = Math.max(...keys.map((k) => k.version));
  await inTransaction(deps.database, async (tx) => {
    const rows = await tx.selectFrom('key_versions').selectAll().execute();
    const known = new Map(rows.map((r) => [Number(r.version), r]));
    const ctx = systemContext('platform.keys');
    for (const k of keys) {
      const fingerprint = keyFingerprint(k.key);
      const row = known.get(k.version);
      if (row && row.fingerprint !== fingerprint)
        throw new KeyConfigurationError(`The key configured as version ${k.version} is not the one registered for it (fingerprint ${row.fingerprint})`);
      if (!row) {
        const state = k.version === active ? 'active' : 'retiring';
        await tx
          .insertInto('key_versions')
          .values({ version: k.version, suite: deps.config.cryptoSuite, fingerprint, state, created_at: nowIso(), retired_at: null })
          .execute();
        await appendAudit(tx, ctx, {
          entity: 'key_version',
          entityId: k.version,
          action: 'register',
          after: { version: k.version, suite: deps.config.cryptoSuite, fingerprint, state },
        });
      }
    }
    await tx.updateTable('key_versions').set({ state: 'active', suite: deps.config.cryptoSuite, retired_at: null }).where('version', '=', active).execute();
    await tx.updateTable('key_versions').set({ state: 'retiring' }).where('state', '=', 'active').where('version', '<>', active).execute();
  });
}
