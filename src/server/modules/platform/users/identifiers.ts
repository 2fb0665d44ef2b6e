import type { Queryable } from '../../../db/database.js';
import type { UserIdentifierTable } from '../tables.js';

/** What identifies one account: its username always, the keyed hashes of its mobile and ID number when it has them. */
export interface UserIdentifiers {
  userId: number;
  username: string;
  mobileHash: string | null;
  idNumberHash: string | null;
}

function rowsOf(ids: UserIdentifiers): UserIdentifierTable[] {
  const rows: UserIdentifierTable[] = [{ kind: 'username', value: ids.username, user_id: ids.userId }];
  if (ids.mobileHash) rows.push({ kind: 'mobile', value: ids.mobileHash, user_id: ids.userId });
  if (ids.idNumberHash) rows.push({ kind: 'id_number', value: ids.idNumberHash, user_id: ids.userId });
  return rows;
}

/**
 * Records the identifiers of new accounts, in the transaction that inserts them: a second account with the same
 * username, mobile or ID number fails here as a unique violation (the callers check first and answer a field
 * error; this is the guarantee under a race, on one database or on many shards).
 */
export async function recordUserIdentifiers(tx: Queryable, accounts: readonly UserIdentifiers[]): Promise<void> {
  const rows = accounts.flatMap(rowsOf);
  if (rows.length) await tx.insertInto('user_identifiers').values(rows).execute();
}

/** Moves one identifier of an account to a new value (or removes it), in the transaction that changes the account. */
export async function replaceUserIdentifier(tx: Queryable, userId: number, kind: UserIdentifierTable['kind'], value: string | null): Promise<void> {
  await tx.deleteFrom('user_identifiers').where('user_id', '=', userId).where('kind', '=', kind).execute();
  if (value) await tx.insertInto('user_identifiers').values({ kind, value, user_id: userId }).execute();
}

/**
 * The accounts that hold any of these identifiers, by kind. Read by the identifiers' own values, so on Citus each
 * is one shard's row (users are distributed by id): sign-in by username or mobile, and the checks before an
 * account is made, no longer ask every shard.
 */
export async function accountsIdentifiedBy(
  db: Queryable,
  wanted: readonly { kind: UserIdentifierTable['kind']; value: string }[],
): Promise<{ kind: UserIdentifierTable['kind']; userId: number }[]> {
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('user_identifiers')
    .select(['kind', 'user_id'])
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('value', '=', w.value), eb('kind', '=', w.kind)]))))
    .execute();
  return rows.map((r) => ({ kind: r.kind, userId: Number(r.user_id) }));
}
