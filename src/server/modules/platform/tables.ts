import type { Generated } from 'kysely';
import type { OrganizationKind, OrganizationStatus, Role } from '../../../shared/roles.js';
import type { DictionaryItemTable, DictionaryTable } from './dictionaries/tables.js';
import type { SystemParameterTable } from './parameters/tables.js';
import type { DataVersionTable } from './dataVersions/tables.js';
import type { ImportJobTable } from './imports/tables.js';

/** Table types of the platform module: the single source of column names for its queries. */
export interface OrganizationTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
  division_code: string | null;
  credit_code: string | null;
  town_id: number | null;
  address: string | null;
  contact_name: string | null;
  contact_mobile_enc: string | null;
  contact_mobile_mask: string | null;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  organization_id: number;
  password_hash: string;
  status: 'active' | 'disabled';
  must_change_password: number;
  locale: string | null;
  mobile_enc: string | null;
  mobile_hash: string | null;
  mobile_mask: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  id_number_mask: string | null;
  last_login_at: string | null;
  password_changed_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/**
 * The keys that identify one account across the whole database: its username, the keyed hash of its mobile number,
 * the keyed hash of its citizen ID number. Each is unique here, by its own value, so that the rule still holds when
 * `users` is spread over shards by id (Citus enforces a unique key only within the distribution column).
 */
export interface UserIdentifierTable {
  kind: 'username' | 'mobile' | 'id_number';
  value: string;
  user_id: number;
}

export interface SessionTable {
  /** Keyed hash of the cookie value: a copy of the table gives nobody a session. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  ended_at: string | null;
  end_reason: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  prefix: string;
  role: Role;
  organization_id: number;
  created_by: number;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginEventTable {
  id: Generated<number>;
  at: string;
  username: string;
  user_id: number | null;
  success: number;
  reason: string;
  ip: string | null;
  user_agent: string | null;
}

/** Failed-login counters shared by every app process (per account and per client address). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/**
 * Requests counted in a fixed window per key (`claim:person:<id>`, `claim:address:<ip>`), shared by every app
 * process when there is no Redis: one row per key, raised by one upsert.
 */
export interface RateWindowTable {
  key: string;
  hits: number;
  /** Epoch milliseconds at which the window's count stops applying. */
  window_ends_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  chain: string;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  organization_id: number | null;
  entity: string;
  entity_id: string | null;
  action: string;
  outcome: 'ok' | 'denied';
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** The head of each audit chain: appending updates it first, which serialises appends to one chain. */
export interface AuditChainTable {
  chain: string;
  last_id: number;
  last_hash: string;
  length: number;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  request_hash: string;
  status: 'pending' | 'done';
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

export interface AttachmentTable {
  id: Generated<number>;
  organization_id: number;
  uploaded_by: number;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  /** The reader: an organisation-wide notification is one row per member (20261203_1800). */
  user_id: number;
  organization_id: number | null;
  kind: string;
  params_json: string;
  link: string | null;
  dedupe_key: string;
  created_at: string;
  read_at: string | null;
}

/**
 * That an organisation was told (20261203_1800): once per dedupe key, whoever its members were then (each got a
 * row of their own in notifications). Distributed by organisation on Citus.
 */
export interface OrganizationNotificationTable {
  organization_id: number;
  dedupe_key: string;
  kind: string;
  params_json: string;
  link: string | null;
  created_at: string;
}

export interface JobRunTable {
  name: string;
  run_key: string;
  started_at: string;
  finished_at: string | null;
  // 20261201_1206_platform_job_runs_outcome; null on markers written without them (seeds): read as ok/running.
  outcome: 'ok' | 'failed' | 'running' | null;
  duration_ms: number | null;
  /** The last failed attempt's error, kept when a retry succeeds. */
  error: string | null;
  attempts: number | null;
  /** Who ran it by hand (run key `manual:…`); null for the scheduler. */
  requested_by: number | null;
}

/** A capability the office granted a department in a module's domain (organization_grants). */
export interface OrganizationGrantTable {
  organization_id: number;
  domain: string;
  capability: 'manage' | 'confirm_payment';
  granted_by: number | null;
  granted_at: string;
}

/**
 * One move of one record through its statuses, for every kind of record (car applications, plan reports,
 * merchants, settlement batches, organisations…): the timeline a record's page shows. Written by the workflows
 * kernel (core/workflow.ts) beside the audit record; append-only.
 */
export interface RecordTimelineTable {
  id: Generated<number>;
  /** The record kind, as the audit trail names it (`cartradein_application`, `plan_report`). */
  entity: string;
  entity_id: number;
  action: string;
  /** Null for the entry that brought the record in (a car application's `submit`). */
  from_status: string | null;
  to_status: string;
  actor_user_id: number | null;
  actor_role: string | null;
  /** The organisation the record belongs to, when it belongs to one. */
  organization_id: number | null;
  note: string | null;
  /** Reasons given for a decision (a return, a rejection), in the decider's words: a JSON array of text. */
  reasons_json: string;
  /** Further facts of the move (a report's value): a JSON object. */
  params_json: string;
  at: string;
}

export interface PlatformTables {
  organizations: OrganizationTable;
  users: UserTable;
  user_identifiers: UserIdentifierTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_events: LoginEventTable;
  login_throttle: LoginThrottleTable;
  rate_windows: RateWindowTable;
  audit_log: AuditLogTable;
  audit_chains: AuditChainTable;
  idempotency_keys: IdempotencyKeyTable;
  attachments: AttachmentTable;
  notifications: NotificationTable;
  organization_notifications: OrganizationNotificationTable;
  job_runs: JobRunTable;
  record_timeline: RecordTimelineTable;
  organization_grants: OrganizationGrantTable;
  dictionaries: DictionaryTable;
  dictionary_items: DictionaryItemTable;
  system_parameters: SystemParameterTable;
  data_versions: DataVersionTable;
  import_jobs: ImportJobTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends PlatformTables {}
}
