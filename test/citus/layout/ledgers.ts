import { distributed, REFERENCE, type Layout } from './roles.js';

export const ledgersLayout: Layout = {
  // Ledger assets (hundreds of thousands per kind) are distributed by asset id — kinds are few, so distributing by
  // kind would use a few shards only — and each asset's events live with it.
  ledger_assets: distributed('id'),
  ledger_events: distributed('asset_id', 'ledger_assets'),
  // The unique (kind, re-import key) of assets, which ledger_assets cannot enforce by asset id: distributed by the key,
  // its own group (spread as evenly as the keys; by kind it would sit on a few shards, as the assets would).
  ledger_asset_keys: distributed('unique_key'),
  // Ledger kinds and their versioned field definitions: a few dozen rows.
  ledger_kinds: REFERENCE,
  ledger_kind_versions: REFERENCE,
};
