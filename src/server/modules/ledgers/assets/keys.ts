import type { Queryable, Tx } from '../../../db/database.js';

/**
 * The database's guarantee that no two assets of a kind hold the same re-import key (`ledger_assets.unique_key`).
 * ledger_assets is distributed by asset id, where Citus cannot enforce a unique key without the id, so the key
 * lives in `ledger_asset_keys`, distributed by the key itself: its primary key (kind_id, unique_key) is the
 * uniqueness, enforced on the key's shard. Every write of an asset's key goes through here, in the transaction
 * that writes the asset; a second holder fails with a unique violation, which the callers turn into the field's
 * 409 (uniqueRefusal). A key is kept for the asset's whole life (an ended asset still holds it), as the partial
 * unique index it replaces did; assets are never deleted.
 */

export interface AssetKey {
  assetId: number;
  uniqueKey: string | null;
}

/** Claims the keys of newly inserted assets of a kind (assets without a key claim nothing). */
export async function claimAssetKeys(tx: Queryable, kindId: number, assets: readonly AssetKey[]): Promise<void> {
  const rows = assets.flatMap((a) => (a.uniqueKey === null ? [] : [{ kind_id: kindId, unique_key: a.uniqueKey, asset_id: a.assetId }]));
  if (rows.length) await tx.insertInto('ledger_asset_keys').values(rows).execute();
}

/** An asset's key changed from `before` to `after` (an edit, a re-import, an upgrade): releases one, claims the other. */
export async function moveAssetKey(tx: Tx, kindId: number, assetId: number, before: string | null, after: string | null): Promise<void> {
  if (before === after) return;
  if (before !== null)
    await tx.deleteFrom('ledger_asset_keys').where('unique_key', '=', before).where('kind_id', '=', kindId).where('asset_id', '=', assetId).execute();
  await claimAssetKeys(tx, kindId, [{ assetId, uniqueKey: after }]);
}
