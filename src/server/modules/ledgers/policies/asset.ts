import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { keepsKind, townSeesKind, type KindRecord } from './kind.js';

/** What the rules look at of an asset: its kind and its town; absent: "some asset". */
export interface AssetRecord {
  kind?: KindRecord;
  /** The asset's town; for a list or an import, the town the actor works in (its own, for a town). */
  townId?: number | null;
}

const ownTown = (a: Actor, r?: AssetRecord) => r?.townId === undefined || (r.townId !== null && r.townId === a.organizationId);
const townReads = (a: Actor, r?: AssetRecord) => townSeesKind(a, r?.kind) && ownTown(a, r);
const townEdits = (a: Actor, r?: AssetRecord) => townReads(a, r) && (!r?.kind || r.kind.townAccess === 'edit');

/**
 * Assets of a ledger: the office, departments and auditors read every ledger, a town its own part of a kind open
 * to towns; the office, the keeping department (and co-keepers) and — where the kind lets them edit — a town for
 * its own assets register, edit, record renewal events and import. An asset's history is read with the asset.
 */
export const assetPolicy = definePolicy<AssetRecord, 'read' | 'export' | 'write' | 'import'>('ledger_asset', {
  read: (a, r) => hasRole('office', 'department', 'auditor')(a) || townReads(a, r),
  export: (a, r) => hasRole('office', 'department', 'auditor')(a) || townReads(a, r),
  write: (a, r) => a.role === 'office' || keepsKind(a, r?.kind) || townEdits(a, r),
  import: (a, r) => a.role === 'office' || keepsKind(a, r?.kind) || townEdits(a, r),
});
