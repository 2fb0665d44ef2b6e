import { distributed, REFERENCE, USERS_GROUP, type Layout } from './roles.js';

export const cartradeinLayout: Layout = {
  // Car trade-in applications are residents' data: colocated with the applicant.
  cartradein_applications: distributed('applicant_user_id', USERS_GROUP),
  cartradein_application_evidence: distributed('applicant_user_id', USERS_GROUP),
  // A car, a new car's invoice and a scrapping certificate are subsidised once across every applicant: each
  // identifier's lookup table is distributed by the identifier, so its primary key is enforced on one shard.
  cartradein_old_vins: distributed('old_vin'),
  cartradein_new_vins: distributed('new_vin'),
  cartradein_new_invoice_numbers: distributed('new_invoice_number'),
  cartradein_scrapping_certificate_nos: distributed('scrapping_certificate_no'),
  // The budget row's approved/paid totals change on every approval and payment: a hot counter, so not a reference
  // table; one row per programme, distributed by programme.
  cartradein_budgets: distributed('program_id'),

  // Programmes, rules, budget history, the calendar, events and payment batches: small, written by the office.
  cartradein_programs: REFERENCE,
  cartradein_rule_versions: REFERENCE,
  cartradein_budget_versions: REFERENCE,
  cartradein_calendar: REFERENCE,
  cartradein_calendar_sources: REFERENCE,
  cartradein_events: REFERENCE,
  cartradein_event_merchants: REFERENCE,
  cartradein_payment_batches: REFERENCE,
};
