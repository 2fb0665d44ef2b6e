import type { RequestContext } from '../../core/context.js';
import type { Tx } from '../../db/database.js';
import { nowIso } from '../../db/time.js';
import { GENESIS_HASH, auditHash, redact, type AuditEntry } from '../platform/audit/auditTrail.js';

/**
 * Appends many records to one audit chain in three statements (lock the head, insert the rows, move the head),
 * where `appendAudit` takes three statements per record. The records are hashed exactly as `appendAudit` hashes
 * them, so `verifyAuditTrail` checks them like any other; each carries its own actor (the resident who claimed).
 *
 * Used by the claim batcher, whose transactions hold many claims. It belongs in the platform's audit module
 * (proposed there as `appendAuditMany`); it lives here until the platform adopts it.
 */
export async function appendAuditBatch(tx: Tx, chain: string, items: { ctx: RequestContext; entry: AuditEntry }[]): Promise<void> {
  if (items.length === 0) return;
  const lock = () =>
    tx
      .updateTable('audit_chains')
      .set((eb) => ({ length: eb('length', '+', items.length) }))
      .where('chain', '=', chain)
      .returning(['last_hash'])
      .executeTakeFirst();
  let head = await lock();
  if (!head) {
    await tx
      .insertInto('audit_chains')
      .values({ chain, last_id: 0, last_hash: GENESIS_HASH, length: 0 })
      .onConflict((oc) => oc.column('chain').doNothing())
      .execute();
    head = await lock();
    if (!head) throw new Error(`audit chain ${chain} vanished`);
  }
  let prev = head.last_hash;
  const at = nowIso();
  const rows = items.map(({ ctx, entry }) => {
    const fields = {
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
    const hash = auditHash(prev, fields);
    const row = { ...fields, outcome: fields.outcome as 'ok' | 'denied', prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  // Ids follow the order of the VALUES list in both dialects, which is the order the chain is verified in.
  const inserted = await tx.insertInto('audit_log').values(rows).returning('id').execute();
  const lastId = Math.max(...inserted.map((r) => Number(r.id)));
  await tx.updateTable('audit_chains').set({ last_id: lastId, last_hash: prev }).where('chain', '=', chain).execute();
}
