import { distributed, LOCAL, REFERENCE, USERS_GROUP, type Layout } from './roles.js';

export const platformLayout: Layout = {
  // Accounts: residents are most of them (millions in a province), so users is the root of the holder group.
  users: distributed('id'),
  // Usernames, mobile and ID-number hashes, unique across all accounts: distributed by the value itself, so each
  // is enforced on one shard (a new account writes its users shard and these, in one transaction).
  user_identifiers: distributed('value'),
  sessions: distributed('user_id', USERS_GROUP),
  mfa_authenticators: distributed('user_id', USERS_GROUP),
  mfa_challenges: distributed('user_id', USERS_GROUP),
  mfa_recovery_codes: distributed('user_id', USERS_GROUP),
  administrator_duties: distributed('user_id', USERS_GROUP),
  // A notification is read by its user; organisation-wide ones fan out to one row per member.
  notifications: distributed('user_id', USERS_GROUP),
  // Which organisation was told what (once per dedupe key): written with every organisation-wide notification.
  organization_notifications: distributed('organization_id'),
  // Import jobs belong to the user who started them and are read back by that user.
  import_jobs: distributed('user_id', USERS_GROUP),

  // Attachments grow with every evidence upload (delivery and installation photos per redemption): distributed by
  // their own id; the rows pointing at them live in other groups.
  attachments: distributed('id'),
  // Audit: one hash chain per `chain`, appended to in chain order; the chain head (audit_chains) is written on every
  // audited action, so it must not be a reference table, and log and head share a shard.
  audit_chains: distributed('chain'),
  audit_log: distributed('chain', 'audit_chains'),
  // Status history of any record: written on every transition, read by entity.
  record_timeline: distributed('entity_id'),
  // Sign-in history, read by username (throttling, the user's own history).
  login_events: distributed('username'),

  // Organisations, grants, dictionaries, parameters and key metadata: small, read by every query, changed by admins.
  organizations: REFERENCE,
  organization_grants: REFERENCE,
  dictionaries: REFERENCE,
  dictionary_items: REFERENCE,
  system_parameters: REFERENCE,
  data_versions: REFERENCE,
  key_versions: REFERENCE,
  api_tokens: REFERENCE,
  notices: REFERENCE,
  notice_recipients: REFERENCE,
  notice_reads: REFERENCE,

  // Coordinator-only: Kysely's migration bookkeeping and lock (migrations run from the coordinator, Citus propagates
  // the DDL), the scheduler's run ledger, idempotency keys and rate/throttle windows (short-lived rows of the
  // coordinator's request handling, hot and never joined with distributed data), and the key re-encryption runs of
  // the `keys` command, which runs on the coordinator.
  kysely_migration: LOCAL,
  kysely_migration_lock: LOCAL,
  job_runs: LOCAL,
  idempotency_keys: LOCAL,
  rate_windows: LOCAL,
  login_throttle: LOCAL,
  key_reencryption_runs: LOCAL,
  key_reencryption_progress: LOCAL,
};
