import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, duplicate, fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { move, type WorkflowAction } from '../../../core/workflow.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { maskBankAccount } from '../../../../shared/validators/bankAccount.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { merchantPolicy } from '../policies/merchant.js';
import type { MerchantStatus } from '../tables.js';
import type { ApplyInput, MerchantView } from './schema.js';
import { merchantWorkflow } from './workflow.js';

/** Merchants' enrolments in programmes: applying and 市商务局's review (the public store finder is storeFinder.ts). */

async function loadMerchantRows(db: Queryable, where: { id?: number; organizationId?: number; status?: MerchantStatus; programId?: number }) {
  let q = db
    .selectFrom('tradein_merchants as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .innerJoin('tradein_programs as g', 'g.id', 'm.program_id')
    .select([
      'm.id',
      'm.organization_id',
      'o.name as organization_name',
      'm.program_id',
      'g.name as program_name',
      'm.status',
      'm.bank_name',
      'm.account_name',
      'm.bank_account_mask',
      'm.review_note',
      'm.reviewed_at',
      'm.created_at',
    ]);
  if (where.id !== undefined) q = q.where('m.id', '=', where.id);
  if (where.organizationId !== undefined) q = q.where('m.organization_id', '=', where.organizationId);
  if (where.status !== undefined) q = q.where('m.status', '=', where.status);
  if (where.programId !== undefined) q = q.where('m.program_id', '=', where.programId);
  const rows = await q.orderBy('m.id').limit(1000).execute();
  const ids = rows.map((r) => Number(r.id));
  const cats = ids.length ? await db.selectFrom('tradein_merchant_categories').selectAll().where('merchant_id', 'in', ids).orderBy('category').execute() : [];
  const stores = ids.length
    ? await db
        .selectFrom('tradein_stores as s')
        .innerJoin('organizations as t', 't.id', 's.town_id')
        .select(['s.id', 's.merchant_id', 's.name', 's.town_id', 't.name as town_name', 's.address'])
        .where('s.merchant_id', 'in', ids)
        .orderBy('s.id')
        .execute()
    : [];
  return rows.map((r): MerchantView => ({
    id: Number(r.id),
    organizationId: Number(r.organization_id),
    organizationName: r.organization_name,
    programId: Number(r.program_id),
    programName: r.program_name,
    status: r.status,
    categories: cats.filter((c) => Number(c.merchant_id) === Number(r.id)).map((c) => c.category),
    stores: stores
      .filter((s) => Number(s.merchant_id) === Number(r.id))
      .map((s) => ({ id: Number(s.id), name: s.name, townId: Number(s.town_id), townName: s.town_name, address: s.address })),
    bankName: r.bank_name,
    accountName: r.account_name,
    bankAccount: r.bank_account_mask,
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
  }));
}

async function loadMerchant(db: Queryable, id: number): Promise<MerchantView> {
  const [m] = await loadMerchantRows(db, { id });
  if (!m) throw notFound();
  return m;
}

/** An active enterprise applies to take part in a programme with its stores, categories and bank account. */
export async function applyAsMerchant(deps: AppDeps, ctx: RequestContext, input: ApplyInput): Promise<MerchantView> {
  const orgId = ctx.actor.organizationId;
  authorize(ctx.actor, merchantPolicy, 'apply', orgId === null ? {} : { organization_id: orgId });
  const id = await inTransaction(deps.database, async (tx) => {
    const org = await tx.selectFrom('organizations').select(['status', 'kind']).where('id', '=', orgId!).executeTakeFirstOrThrow();
    if (org.kind !== 'enterprise' || org.status !== 'active') throw new AppError(403, 'ORGANIZATION_INACTIVE', 'error.ORGANIZATION_INACTIVE');
    const program = await tx.selectFrom('tradein_programs').select(['status']).where('id', '=', input.programId).executeTakeFirst();
    if (!program || program.status === 'draft') throw fieldError('programId', 'field.invalid');
    if (program.status === 'closed') throw invalidState('closed');
    const known = new Set(
      (await tx.selectFrom('tradein_categories').select('category').where('program_id', '=', input.programId).execute()).map((c) => c.category),
    );
    const categories = [...new Set(input.categories)];
    categories.forEach((c, i) => {
      if (!known.has(c)) throw fieldError(`categories.${i}`, 'field.tradein.categoryUnknown');
    });
    const towns = new Set(
      (
        await tx
          .selectFrom('organizations')
          .select('id')
          .where('kind', '=', 'town')
          .where(
            'id',
            'in',
            input.stores.map((s) => s.townId),
          )
          .execute()
      ).map((t) => Number(t.id)),
    );
    input.stores.forEach((s, i) => {
      if (!towns.has(s.townId)) throw fieldError(`stores.${i}.townId`, 'field.town.unknown');
    });
    const existing = await tx
      .selectFrom('tradein_merchants')
      .select(['id', 'status'])
      .where('organization_id', '=', orgId!)
      .where('program_id', '=', input.programId)
      .executeTakeFirst();
    if (existing && existing.status !== 'rejected') throw duplicate('programId', 'programId');
    const now = nowIso();
    const bank = {
      bank_name: input.bankName,
      account_name: input.accountName,
      bank_account_enc: deps.sealer.seal(input.bankAccount),
      bank_account_hash: deps.sealer.lookup(input.bankAccount),
      bank_account_mask: maskBankAccount(input.bankAccount),
    };
    let merchantId: number;
    if (existing) {
      // A rejected application is corrected and sent again.
      merchantId = Number(existing.id);
      await tx
        .updateTable('tradein_merchants')
        .set({ ...bank, status: 'pending', review_note: null, reviewed_by: null, reviewed_at: null, applied_by: ctx.actor.userId, updated_at: now })
        .where('id', '=', merchantId)
        .execute();
      await tx.deleteFrom('tradein_merchant_categories').where('merchant_id', '=', merchantId).execute();
      await tx.deleteFrom('tradein_stores').where('merchant_id', '=', merchantId).execute();
    } else {
      const row = await tx
        .insertInto('tradein_merchants')
        .values({
          organization_id: orgId!,
          program_id: input.programId,
          status: 'pending',
          ...bank,
          review_note: null,
          reviewed_by: null,
          reviewed_at: null,
          applied_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      merchantId = Number(row.id);
    }
    await tx
      .insertInto('tradein_merchant_categories')
      .values(categories.map((category) => ({ merchant_id: merchantId, category })))
      .execute();
    await tx
      .insertInto('tradein_stores')
      .values(input.stores.map((s) => ({ merchant_id: merchantId, name: s.name, town_id: s.townId, address: s.address })))
      .execute();
    await appendAudit(tx, ctx, {
      entity: 'tradein_merchant',
      entityId: merchantId,
      action: 'apply',
      after: { programId: input.programId, categories, stores: input.stores, bankName: input.bankName, bankAccount: bank.bank_account_mask },
    });
    return merchantId;
  });
  return loadMerchant(deps.database.db, id);
}

export async function listMerchants(deps: AppDeps, ctx: RequestContext, q: { status?: MerchantStatus | undefined; programId?: number | undefined }) {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'tradein');
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  authorize(ctx.actor, merchantPolicy, 'list', business ? { organization_id: ctx.actor.organizationId ?? -1 } : { grants });
  return loadMerchantRows(db, {
    ...(business ? { organizationId: ctx.actor.organizationId! } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.programId ? { programId: q.programId } : {}),
  });
}

export async function getMerchant(deps: AppDeps, ctx: RequestContext, id: number) {
  const db = deps.database.db;
  const m = await loadMerchant(db, id);
  authorize(ctx.actor, merchantPolicy, 'read', { grants: await grantsOf(db, ctx.actor, 'tradein'), organization_id: m.organizationId }, id);
  return m;
}

/** Which rule of the merchant policy allows each step. */
const POLICY_ACTION: Record<WorkflowAction<typeof merchantWorkflow>, 'review' | 'suspend' | 'resume'> = {
  approve: 'review',
  reject: 'review',
  suspend: 'suspend',
  resume: 'resume',
};

/** 市商务局 reviews applications and suspends or resumes enrolled merchants. */
export async function reviewMerchant(deps: AppDeps, ctx: RequestContext, id: number, step: WorkflowAction<typeof merchantWorkflow>, note: string | undefined) {
  await inTransaction(deps.database, async (tx) => {
    const m = await tx.selectFrom('tradein_merchants').select(['status', 'organization_id']).where('id', '=', id).executeTakeFirst();
    if (!m) throw notFound();
    authorize(
      ctx.actor,
      merchantPolicy,
      POLICY_ACTION[step],
      { grants: await grantsOf(tx, ctx.actor, 'tradein'), organization_id: Number(m.organization_id) },
      id,
    );
    const now = nowIso();
    await move(tx, ctx, merchantWorkflow, {
      id,
      action: step,
      from: m.status,
      set: { review_note: note ?? null, reviewed_by: ctx.actor.userId, reviewed_at: now, updated_at: now },
      note: note ?? null,
      organizationId: Number(m.organization_id),
      audit: { after: { note } },
    });
  });
  return loadMerchant(deps.database.db, id);
}

/** The approved enrolment of an organisation that covers a programme's category, if any. */
export async function enrolmentFor(db: Queryable, organizationId: number, programId: number, category: string) {
  return db
    .selectFrom('tradein_merchants as m')
    .innerJoin('tradein_merchant_categories as c', 'c.merchant_id', 'm.id')
    .select(['m.id', 'm.status'])
    .where('m.organization_id', '=', organizationId)
    .where('m.program_id', '=', programId)
    .where('c.category', '=', category)
    .executeTakeFirst();
}
