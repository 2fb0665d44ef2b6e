import { distributed, REFERENCE, type Layout } from './roles.js';

export const ledgersLayout: Layout = {
  // Ledger assets (hundreds of thousands per kind) are distributed by asset id — kinds are few, so distributing by
  // kind would use a few shards only — and each asset's events live with it.
  ledger_assets: distributed('id'),
  ledger_events: distributed('asset_id', 'ledger_assets'),
  // Ledger kinds and their versioned field definitions: a few dozen rows.
  ledger_kinds: REFERENCE,
  ledger_kind_versions: REFERENCE,
};
