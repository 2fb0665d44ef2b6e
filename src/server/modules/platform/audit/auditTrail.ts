import { sql } from 'kysely';
import { dialectOf, type Queryable, type Tx } from '../../../db/database.js';
import { rowsFromColumns } from '../../../db/lists.js';
import { nowIso } from '../../../db/time.js';
import type { RequestContext } from '../../../core/context.js';
import { suiteDigest, type CryptoSuite } from '../../../core/cryptoSuites.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  entity: string;
  entityId?: string | number | null;
  action: string;
  outcome?: 'ok' | 'denied';
  before?: unknown;
  after?: unknown;
  /** Organisation the record belongs to (defaults to the actor's). */
  organizationId?: number | null;
  /** Appends to this chain; hot modules spread their writes over several chains so appends do not queue. */
  chain?: string;
}

const SECRET_KEY = /(password|_enc$|_hash$|token|secret)/i;

/** Strips secrets and ciphertexts from a record before it is written to the trail; masks stay. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) continue;
      out[k] = redact(v);
    }
    return out;
  }
  return value;
}

type HashedFields = {
  chain: string;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  actor_role: string | null;
  organization_id: number | null;
  entity: string;
  entity_id: string | null;
  action: string;
  outcome: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
};

/**
 * The suite new records are hashed with: SHA-256 (hex, as since the first record) or SM3 (`sm3:` + hex). Set
 * once per process from the configuration (runtime.ts createDeps); the append functions keep their signatures, so
 * the ~80 callers pass nothing. Each record's hash says its own algorithm, so a chain begun with SHA-256 still
 * verifies after a switch to SM3 (and back).
 */
let appendSuite: CryptoSuite = 'aes';
export function useAuditHashSuite(suite: CryptoSuite): void {
  appendSuite = suite;
}

export const SM3_PREFIX = 'sm3:';

/** The suite a stored hash was computed with. */
export function auditHashSuite(hash: string): CryptoSuite {
  return hash.startsWith(SM3_PREFIX) ? 'sm' : 'aes';
}

export function auditHash(prevHash: string, r: HashedFields, suite: CryptoSuite = appendSuite): string {
  const canonical = JSON.stringify([
    prevHash,
    r.chain,
    r.at,
    r.actor_user_id === null ? null : Number(r.actor_user_id),
    r.actor_username,
    r.actor_role,
    r.organization_id === null ? null : Number(r.organization_id),
    r.entity,
    r.entity_id,
    r.action,
    r.outcome,
    r.before_json,
    r.after_json,
    r.request_id,
    r.ip,
  ]);
  return suite === 'sm' ? `${SM3_PREFIX}${suiteDigest('sm', canonical)}` : suiteDigest('aes', canonical);
}

/**
 * Appends one record to the hash-chained audit trail inside the caller's transaction.
 */
export function appendAudit(tx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  return appendAuditMany(tx, entry.chain ?? 'main', [{ ctx, entry }]);
}

const AUDIT_COLUMNS = [
  'chain',
  'at',
  'actor_user_id',
  'actor_username',
  'actor_role',
  'organization_id',
  'entity',
  'entity_id',
  'action',
  'outcome',
  'before_json',
  'after_json',
  'request_id',
  'ip',
  'prev_hash',
  'hash',
] as const;

/**
 * Appends records to one chain in three statements whatever their number: move the chain head (its row lock
 * serialises appends to one chain across app processes on PostgreSQL; SQLite serialises writers anyway), insert
 * the rows, record the new head. Each record carries its own actor, so a batch of claims keeps who claimed what.
 */
export async function appendAuditMany(tx: Tx, chain: string, items: { ctx: RequestContext; entry: AuditEntry }[]): Promise<void> {
  if (items.length === 0) return;
  const moveHead = () =>
    tx
      .updateTable('audit_chains')
      .set((eb) => ({ length: eb('length', '+', items.length) }))
      .where('chain', '=', chain)
      .returning(['last_hash'])
      .executeTakeFirst();
  let head = await moveHead();
  if (!head) {
    await tx
      .insertInto('audit_chains')
      .values({ chain, last_id: 0, last_hash: GENESIS_HASH, length: 0 })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = await moveHead();
    if (!head) throw new Error(`audit chain ${chain} could not be created`);
  }
  let prev = head.last_hash;
  const at = nowIso();
  const rows = items.map(({ ctx, entry }) => {
    const fields: HashedFields = {
      chain,
      at,
      actor_user_id: ctx.actor.userId,
      actor_username: ctx.actor.username,
      actor_role: ctx.actor.role,
      organization_id: entry.organizationId === undefined ? ctx.actor.organizationId : entry.organizationId,
      entity: entry.entity,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      before_json: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
      after_json: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
      request_id: ctx.requestId,
      ip: ctx.ip,
    };
    const row = { ...fields, outcome: fields.outcome as 'ok' | 'denied', prev_hash: prev, hash: auditHash(prev, fields) };
    prev = row.hash;
    return row;
  });
  // One statement text for any number of records (rows as one array per column). Ids follow the order of the
  // rows, which is the order the chain is verified in.
  const text = (pick: (r: (typeof rows)[number]) => string | null) => ({ type: 'text' as const, values: rows.map(pick) });
  const bigint = (pick: (r: (typeof rows)[number]) => number | null) => ({ type: 'bigint' as const, values: rows.map(pick) });
  const source = rowsFromColumns(dialectOf(tx), 'entry', {
    chain: text((r) => r.chain),
    at: text((r) => r.at),
    actor_user_id: bigint((r) => r.actor_user_id),
    actor_username: text((r) => r.actor_username),
    actor_role: text((r) => r.actor_role),
    organization_id: bigint((r) => r.organization_id),
    entity: text((r) => r.entity),
    entity_id: text((r) => r.entity_id),
    action: text((r) => r.action),
    outcome: text((r) => r.outcome),
    before_json: text((r) => r.before_json),
    after_json: text((r) => r.after_json),
    request_id: text((r) => r.request_id),
    ip: text((r) => r.ip),
    prev_hash: text((r) => r.prev_hash),
    hash: text((r) => r.hash),
  });
  const columns = AUDIT_COLUMNS;
  const inserted = await tx
    .insertInto('audit_log')
    .columns(columns)
    .expression((eb) => eb.selectFrom(source).select(columns.map((c) => sql.ref(`entry.${c}`).as(c))))
    .returning('id')
    .execute();
  const lastId = Math.max(...inserted.map((r) => Number(r.id)));
  await tx.updateTable('audit_chains').set({ last_id: lastId, last_hash: prev }).where('chain', '=', chain).execute();
}

export type AuditVerification =
  { ok: true; records: number; chains: number } | { ok: false; records: number; brokenId: number | null; chain: string; reason: 'hash' | 'link' | 'head' };

/** Recomputes every chain from its first record; reports the first record that does not match. */
export async function verifyAuditTrail(db: Queryable, batchSize = 5000): Promise<AuditVerification> {
  const heads = await db.selectFrom('audit_chains').selectAll().orderBy('chain').execute();
  let records = 0;
  for (const head of heads) {
    let prev = GENESIS_HASH;
    let lastId = 0;
    let count = 0;
    for (;;) {
      const batch = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', head.chain)
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      if (batch.length === 0) break;
      for (const r of batch) {
        records++;
        count++;
        if (r.prev_hash !== prev) return { ok: false, records, brokenId: Number(r.id), chain: head.chain, reason: 'link' };
        if (auditHash(prev, r, auditHashSuite(r.hash)) !== r.hash) return { ok: false, records, brokenId: Number(r.id), chain: head.chain, reason: 'hash' };
        prev = r.hash;
        lastId = Number(r.id);
      }
    }
    // A record removed from the end leaves the head pointing past the last record.
    if (prev !== head.last_hash || count !== Number(head.length)) return { ok: false, records, brokenId: lastId || null, chain: head.chain, reason: 'head' };
  }
  return { ok: true, records, chains: heads.length };
}
