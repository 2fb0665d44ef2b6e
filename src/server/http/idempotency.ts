import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { AppError, fieldError } from '../core/errors.js';

const HEADER = 'idempotency-key';
/** A pending key older than this belongs to a request that died; a retry may take it over. */
const STALE_PENDING_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

function scopeOf(request: FastifyRequest): string {
  const a = request.ctx.actor;
  const who = a.userId !== null ? `u${a.userId}` : a.username ? a.username : `ip:${request.ip}`;
  return `${who}|${request.method}|${request.routeOptions.url ?? request.url}`;
}

function requestHash(request: FastifyRequest): string {
  return createHash('sha256')
    .update(request.url)
    .update('\n')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
}

/**
 * Honours `Idempotency-Key` on POST requests: the first request's response is stored and a retry with the same
 * key and body gets it back instead of creating a duplicate. The key row is claimed with a primary-key insert,
 * so two processes racing on one key cannot both run the request.
 */
export function installIdempotency(app: FastifyInstance, database: Database): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER];
    if (request.method !== 'POST' || typeof key !== 'string') return;
    if (key.length < 8 || key.length > 200) throw fieldError('Idempotency-Key', 'field.invalid');
    const scope = scopeOf(request);
    const hash = requestHash(request);
    const db = database.db;
    const inserted = await db
      .insertInto('idempotency_keys')
      .values({ scope, key, request_hash: hash, status: 'pending', response_status: null, response_body: null, created_at: nowIso() })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      request.idempotency = { scope, key };
      return;
    }
    const existing = await db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!existing) throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'error.IDEMPOTENCY_IN_PROGRESS');
    if (existing.request_hash !== hash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'error.IDEMPOTENCY_KEY_REUSED');
    if (existing.status === 'done') {
      reply.header('idempotency-replayed', 'true');
      return reply
        .code(existing.response_status ?? 200)
        .type('application/json; charset=utf-8')
        .send(existing.response_body ?? '');
    }
    if (Date.now() - new Date(existing.created_at).getTime() > STALE_PENDING_MS) {
      const taken = await db
        .updateTable('idempotency_keys')
        .set({ created_at: nowIso() })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('created_at', '=', existing.created_at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) {
        request.idempotency = { scope, key };
        return;
      }
    }
    throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'error.IDEMPOTENCY_IN_PROGRESS');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = null;
    const where = database.db.updateTable('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key);
    if (reply.statusCode >= 500) {
      // A failure is not an answer: let the retry run the request again.
      await database.db.deleteFrom('idempotency_keys').where('scope', '=', claim.scope).where('key', '=', claim.key).execute();
    } else {
      await where.set({ status: 'done', response_status: reply.statusCode, response_body: responseText(payload) }).execute();
    }
    return payload;
  });
}

/** The body a replay returns: what was sent, as text (JSON replies arrive here already serialised). */
function responseText(payload: unknown): string {
  if (payload === undefined || payload === null) return '';
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  return JSON.stringify(payload);
}
