import { distributed, REFERENCE, USERS_GROUP, type Layout } from './roles.js';

export const tradeinLayout: Layout = {
  // What a resident holds and does, colocated by holder: a claim inserts a queue row and a voucher, a redemption
  // spends the voucher; all on the holder's shard.
  tradein_claim_queue: distributed('user_id', USERS_GROUP),
  tradein_vouchers: distributed('holder_user_id', USERS_GROUP),
  tradein_redemptions: distributed('holder_user_id', USERS_GROUP),
  tradein_fulfilments: distributed('holder_user_id', USERS_GROUP),
  tradein_after_sales_cases: distributed('holder_user_id', USERS_GROUP),
  tradein_online_orders: distributed('holder_user_id', USERS_GROUP),
  // Risk data and settlement lines hang off one redemption each: they follow the redemption's holder.
  tradein_risk_signals: distributed('holder_user_id', USERS_GROUP),
  tradein_risk_flags: distributed('holder_user_id', USERS_GROUP),
  tradein_risk_reviews: distributed('holder_user_id', USERS_GROUP),
  tradein_settlement_lines: distributed('holder_user_id', USERS_GROUP),
  // A pool's `issued` counter is written on every claim: as a reference table each claim would write to every node.
  // Distributed by id, each pool row lives on one shard (a claim is then a two-shard transaction: holder and pool).
  tradein_pools: distributed('id'),
  // Device sightings are looked up by device (one device, many accounts): distributed by the device hash.
  tradein_device_sightings: distributed('device_hash'),
  // Keys unique across holders, each deciding on its own shard: a serial key subsidised once, an invoice used once,
  // an order number once per online store.
  tradein_redemption_serials: distributed('serial_key'),
  // A voucher code and a day's release key are unique across holders and pools: each on the shard of its value.
  tradein_voucher_codes: distributed('code'),
  tradein_pool_releases: distributed('release_key'),
  tradein_redemption_invoices: distributed('invoice_number'),
  tradein_online_order_numbers: distributed('online_store_id'),

  // Programmes, rules, merchants, stores and products: thousands of rows at most, joined by every redemption query.
  tradein_programs: REFERENCE,
  tradein_rule_versions: REFERENCE,
  tradein_categories: REFERENCE,
  tradein_merchants: REFERENCE,
  tradein_merchant_categories: REFERENCE,
  tradein_products: REFERENCE,
  tradein_online_stores: REFERENCE,
  tradein_online_store_categories: REFERENCE,
  tradein_stores: REFERENCE,
  tradein_showrooms: REFERENCE,
  tradein_showroom_programs: REFERENCE,
  tradein_risk_rules: REFERENCE,
  tradein_risk_rule_versions: REFERENCE,
  // One batch per merchant and period: a few thousand rows a year, written at settlement time only.
  tradein_settlement_batches: REFERENCE,
};
