import { distributed, REFERENCE, USERS_GROUP, type Layout } from './roles.js';

export const recyclingLayout: Layout = {
  // Household pickups and their certificates are residents' data: colocated with the resident.
  recycling_pickups: distributed('resident_user_id', USERS_GROUP),
  recycling_certificates: distributed('resident_user_id', USERS_GROUP),
  recycling_certificate_uses: distributed('resident_user_id', USERS_GROUP),
  // A certificate number is unique across residents (typed at a till without knowing whose it is): by the number.
  recycling_certificate_numbers: distributed('number'),
  // Intake records and the reverse invoices issued for them are a recycler's books: colocated by recycler.
  recycling_intake_records: distributed('recycler_organization_id'),
  recycling_reverse_invoices: distributed('recycler_organization_id', 'recycling_intake_records'),
  // A seller's yearly reverse-invoice total is a counter checked and bumped on every invoice: by seller.
  recycling_reverse_invoice_totals: distributed('seller_id_lookup'),
  // Scrapped vehicles (every car scrapped in the province) and their assemblies: by dismantler.
  recycling_scrapped_vehicles: distributed('dismantler_organization_id'),
  recycling_scrapped_vehicle_assemblies: distributed('dismantler_organization_id', 'recycling_scrapped_vehicles'),
  // A scrapping certificate number is unique across dismantlers (a car application cites it): by the number.
  recycling_scrapped_vehicle_certificate_numbers: distributed('certificate_number'),
  // One open scrapping per car across dismantlers: by the VIN.
  recycling_scrapped_vehicle_open_vins: distributed('vin'),
  // Second-hand dealers' trades (one row per car traded): by dealer; the dealer register itself is small.
  recycling_dealer_trades: distributed('dealer_id'),

  // Registers and supervision: hundreds of sites, dealers and qualifications, inspections a few times a year each.
  recycling_sites: REFERENCE,
  recycling_dealers: REFERENCE,
  recycling_dealer_kinds: REFERENCE,
  recycling_dealer_violations: REFERENCE,
  recycling_dismantling_qualifications: REFERENCE,
  recycling_inspections: REFERENCE,
  recycling_rectifications: REFERENCE,
  recycling_credit_rule_sets: REFERENCE,
  recycling_credit_rule_versions: REFERENCE,
};
