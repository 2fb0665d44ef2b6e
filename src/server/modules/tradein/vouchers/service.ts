import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import { fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { poolPolicy } from '../policies/pool.js';
import { voucherPolicy } from '../policies/voucher.js';
import { claimBatcherFor } from './claimBatcher.js';
import type { CreatePoolInput, PoolView, VoucherView } from './schema.js';
import { formatVoucherCode, parseVoucherCode } from './voucherCode.js';
import { voucherKeyOf } from './voucherKey.js';
import { addDays, shanghaiDate, shanghaiInstant } from '../../../core/time.js';
import { isUniqueViolation } from '../../../db/errors.js';

function selectPools(db: Queryable) {
  return db
    .selectFrom('tradein_pools as p')
    .innerJoin('tradein_programs as g', 'g.id', 'p.program_id')
    .innerJoin('tradein_categories as c', (j) => j.onRef('c.program_id', '=', 'p.program_id').onRef('c.category', '=', 'p.category'))
    .select([
      'p.id',
      'p.program_id',
      'g.name as program_name',
      'p.category',
      'c.name as category_name',
      'p.quota',
      'p.issued',
      'p.returned_quota',
      'p.opens_at',
      'p.closes_at',
      'p.source',
    ]);
}

type PoolRow = Awaited<ReturnType<ReturnType<typeof selectPools>['executeTakeFirstOrThrow']>>;

function toPoolView(r: PoolRow, now: string): PoolView {
  return {
    id: Number(r.id),
    programId: Number(r.program_id),
    programName: r.program_name,
    category: r.category,
    categoryName: r.category_name,
    quota: r.quota,
    issued: r.issued,
    remaining: r.quota - r.issued,
    returnedQuota: r.returned_quota,
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    status: now < r.opens_at ? 'scheduled' : now < r.closes_at ? 'open' : 'closed',
    source: r.source,
  };
}

/** Opens a release by hand (the daily schedule creates the routine ones). */
export async function createPool(deps: AppDeps, ctx: RequestContext, programId: number, input: CreatePoolInput): Promise<PoolView> {
  const opensAt = new Date(input.opensAt).toISOString();
  const closesAt = new Date(input.closesAt).toISOString();
  if (closesAt <= opensAt) throw fieldError('closesAt', 'field.tradein.windowOrder');
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, poolPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'tradein') }, programId);
    const program = await tx.selectFrom('tradein_programs').select(['status']).where('id', '=', programId).executeTakeFirst();
    if (!program) throw notFound();
    if (program.status === 'closed') throw invalidState('closed');
    const category = await tx
      .selectFrom('tradein_categories')
      .select('category')
      .where('program_id', '=', programId)
      .where('category', '=', input.category)
      .executeTakeFirst();
    if (!category) throw fieldError('category', 'field.tradein.categoryUnknown');
    const row = await tx
      .insertInto('tradein_pools')
      .values({
        program_id: programId,
        category: input.category,
        quota: input.quota,
        issued: 0,
        returned_quota: 0,
        opens_at: opensAt,
        closes_at: closesAt,
        source: 'manual',
        release_key: null,
        created_by: ctx.actor.userId,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx, { entity: 'tradein_pool', entityId: Number(row.id), action: 'create', after: { programId, ...input } });
    return Number(row.id);
  });
  return toPoolView(await selectPools(deps.database.db).where('p.id', '=', id).executeTakeFirstOrThrow(), nowIso());
}

export async function listPools(
  deps: AppDeps,
  ctx: RequestContext,
  q: { status?: PoolView['status'] | undefined; programId?: number | undefined; category?: string | undefined },
): Promise<PoolView[]> {
  authorize(ctx.actor, poolPolicy, 'list');
  const now = nowIso();
  let query = selectPools(deps.database.db).where('g.status', '=', 'active');
  if (q.status === 'open') query = query.where('p.opens_at', '<=', now).where('p.closes_at', '>', now);
  if (q.status === 'scheduled') query = query.where('p.opens_at', '>', now);
  if (q.status === 'closed') query = query.where('p.closes_at', '<=', now);
  if (q.programId) query = query.where('p.program_id', '=', q.programId);
  if (q.category) query = query.where('p.category', '=', q.category);
  const rows = await query.orderBy('p.opens_at', 'desc').orderBy('p.id', 'desc').limit(500).execute();
  return rows.map((r) => toPoolView(r, now));
}

/**
 * A resident claims a voucher from a release. The claim joins the process's group-commit batch (see
 * claimBatcher.ts); the answer is the resident's own, as if the claim had had a transaction to itself.
 */
export async function claimVoucher(deps: AppDeps, ctx: RequestContext, poolId: number): Promise<{ voucher: VoucherView }> {
  authorize(ctx.actor, voucherPolicy, 'claim');
  const outcome = await claimBatcherFor(deps).claim(ctx, poolId);
  if (outcome.error) throw outcome.error;
  return { voucher: outcome.voucher! };
}

function selectVouchers(db: Queryable) {
  return db
    .selectFrom('tradein_vouchers as v')
    .innerJoin('tradein_programs as g', 'g.id', 'v.program_id')
    .innerJoin('tradein_categories as c', (j) => j.onRef('c.program_id', '=', 'v.program_id').onRef('c.category', '=', 'v.category'))
    .select([
      'v.id',
      'v.code',
      'v.program_id',
      'g.name as program_name',
      'v.category',
      'c.name as category_name',
      'v.pool_id',
      'v.rule_version_id',
      'v.status',
      'v.issued_at',
      'v.expires_at',
      'v.redeemed_at',
      'v.holder_user_id',
    ]);
}

type VoucherRow = Awaited<ReturnType<ReturnType<typeof selectVouchers>['executeTakeFirstOrThrow']>>;

/** A voucher past its expiry reads as expired even before the job has marked it. */
export function toVoucherView(r: VoucherRow, now = nowIso()): VoucherView {
  return {
    id: Number(r.id),
    code: formatVoucherCode(r.code),
    programId: Number(r.program_id),
    programName: r.program_name,
    category: r.category,
    categoryName: r.category_name,
    poolId: Number(r.pool_id),
    ruleVersionId: Number(r.rule_version_id),
    status: r.status === 'active' && r.expires_at <= now ? 'expired' : r.status,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    redeemedAt: r.redeemed_at,
  };
}

export async function myVouchers(deps: AppDeps, ctx: RequestContext): Promise<VoucherView[]> {
  authorize(ctx.actor, voucherPolicy, 'listOwn');
  const rows = await selectVouchers(deps.database.db)
    .where('v.holder_user_id', '=', ctx.actor.userId!)
    .orderBy('v.issued_at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => toVoucherView(r));
}

export function normalisedVoucherCode(input: string, path = 'code'): string {
  const parsed = parseVoucherCode(input);
  if (!parsed.ok) throw fieldError(path, parsed.reason === 'checksum' ? 'field.voucherCode.checksum' : 'field.voucherCode.format');
  return parsed.code;
}

/** A merchant types or scans a code at the till to see what it is good for before ringing up the sale. */
export async function lookupVoucher(deps: AppDeps, ctx: RequestContext, rawCode: string) {
  const db = deps.database.db;
  authorize(ctx.actor, voucherPolicy, 'lookup', { grants: await grantsOf(db, ctx.actor, 'tradein') });
  const code = normalisedVoucherCode(rawCode);
  const key = await voucherKeyOf(db, code);
  if (!key) throw notFound();
  const row = await selectVouchers(db)
    .leftJoin('users as u', 'u.id', 'v.holder_user_id')
    .select('u.mobile_mask')
    .where('v.holder_user_id', '=', key.holderUserId)
    .where('v.id', '=', key.voucherId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const { id: _id, ...view } = toVoucherView(row);
  return { ...view, holderMask: row.mobile_mask };
}

/** Several vouchers by id, in one query (the queue's polls of one turn, claimQueueReads.ts). */
export async function loadVoucherViews(db: Queryable, ids: readonly number[]): Promise<Map<number, VoucherView>> {
  if (ids.length === 0) return new Map();
  const rows = await selectVouchers(db)
    .where('v.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [Number(r.id), toVoucherView(r)]));
}

/** Marks every voucher past its expiry as expired; their quota goes back to the next release. */
export async function expireVouchers(deps: AppDeps, now = new Date()): Promise<number> {
  const result = await deps.database.db
    .updateTable('tradein_vouchers')
    .set({ status: 'expired', updated_at: now.toISOString() })
    .where('status', '=', 'active')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Creates today's scheduled releases of every active programme whose release time has come: one pool per
 * category with a daily quota, plus the quota of expired vouchers not yet returned. The release key
 * (programme:category:date) is unique, so several app processes running this at once create each release once,
 * and the returned quota is claimed by the same transaction that creates the pool.
 */
export async function releaseDailyPools(deps: AppDeps, now = new Date()): Promise<number> {
  const db = deps.database.db;
  const today = shanghaiDate(now);
  const programs = await db
    .selectFrom('tradein_programs')
    .select(['id', 'release_time', 'valid_from', 'valid_to'])
    .where('status', '=', 'active')
    .where('valid_from', '<=', today)
    .where('valid_to', '>=', today)
    .execute();
  let created = 0;
  for (const program of programs) {
    const opensAt = shanghaiInstant(today, program.release_time);
    if (now < opensAt) continue;
    const closesAt = shanghaiInstant(addDays(today, 1), program.release_time);
    const categories = await db
      .selectFrom('tradein_categories')
      .select(['category', 'daily_quota'])
      .where('program_id', '=', program.id)
      .where('daily_quota', '>', 0)
      .execute();
    for (const c of categories) {
      const releaseKey = `${program.id}:${c.category}:${today}`;
      // Another process releasing the same day's pool at the same moment takes the release key first: this
      // transaction then fails on it as a whole, and the pool is already there.
      const made = await inTransaction(deps.database, (tx) =>
        createScheduledPool(tx, Number(program.id), c.category, c.daily_quota, releaseKey, opensAt, closesAt),
      ).catch((err: unknown) => {
        if (isUniqueViolation(err)) return false;
        throw err;
      });
      if (made) created++;
    }
  }
  return created;
}

async function createScheduledPool(tx: Tx, programId: number, category: string, dailyQuota: number, releaseKey: string, opensAt: Date, closesAt: Date) {
  // The release key is unique in tradein_pool_releases (a unique key of the pools could not be, on Citus).
  if (await tx.selectFrom('tradein_pool_releases').select('pool_id').where('release_key', '=', releaseKey).executeTakeFirst()) return false;
  const inserted = await tx
    .insertInto('tradein_pools')
    .values({
      program_id: programId,
      category,
      quota: dailyQuota,
      issued: 0,
      returned_quota: 0,
      opens_at: opensAt.toISOString(),
      closes_at: closesAt.toISOString(),
      source: 'schedule',
      release_key: releaseKey,
      created_by: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const poolId = Number(inserted.id);
  await tx.insertInto('tradein_pool_releases').values({ release_key: releaseKey, pool_id: poolId }).execute();
  const returned = await tx
    .updateTable('tradein_vouchers')
    .set({ quota_returned_pool_id: poolId })
    .where('program_id', '=', programId)
    .where('category', '=', category)
    .where('status', 'in', ['expired', 'cancelled'])
    .where('quota_returned_pool_id', 'is', null)
    .executeTakeFirst();
  const n = Number(returned.numUpdatedRows);
  if (n > 0)
    await tx
      .updateTable('tradein_pools')
      .set((eb) => ({ quota: eb('quota', '+', n), returned_quota: n }))
      .where('id', '=', poolId)
      .execute();
  await appendAudit(tx, systemContext('tradein.daily-release'), {
    entity: 'tradein_pool',
    entityId: poolId,
    action: 'release',
    after: { programId, category, quota: dailyQuota + n, returnedQuota: n, releaseKey },
  });
  return true;
}
