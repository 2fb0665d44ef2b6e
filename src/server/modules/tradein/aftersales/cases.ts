import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { dialectOf, inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate } from '../../../http/pagination.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { reverseInTransaction } from '../redemptions/service.js';
import { afterSalesPolicy } from './policy.js';
import type { CaseDetailView, CaseView, ListCasesQuery, OpenCaseInput } from './schema.js';
import { afterSalesWorkflow } from './workflow.js';

const HOUR_MS = 3_600_000;
/**
 * A case with no answer `tradein.afterSalesResponseHours` after it was opened is overdue (the merchants' list flags
 * it, 市商务局 counts it): the instant before which an open case is late.
 */
async function responseDueBefore(deps: AppDeps): Promise<string> {
  return new Date(Date.now() - (await deps.parameters.get('tradein.afterSalesResponseHours')) * HOUR_MS).toISOString();
}
const MERCHANT_LINK = '/tradein/merchant/after-sales';
const RESIDENT_LINK = '/tradein/my/after-sales';

/** Hours between two instants, one decimal. */
export const hoursBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / (HOUR_MS / 10)) / 10;

function selectCases(db: Queryable) {
  return db
    .selectFrom('tradein_after_sales_cases as c')
    .innerJoin('tradein_redemptions as r', 'r.id', 'c.redemption_id')
    .innerJoin('tradein_products as p', 'p.id', 'r.product_id')
    .innerJoin('organizations as o', 'o.id', 'c.organization_id');
}
type CaseBase = ReturnType<typeof selectCases>;
const withColumns = (q: CaseBase) =>
  q
    .selectAll('c')
    .select([
      'r.program_id',
      'r.category',
      'r.serial_number',
      'r.price_fen',
      'r.subsidy_fen',
      'r.channel',
      'p.brand',
      'p.model',
      'o.name as organization_name',
    ]);
type CaseRow = Awaited<ReturnType<ReturnType<typeof withColumns>['executeTakeFirstOrThrow']>>;

function toView(c: CaseRow, dueBefore: string): CaseView {
  return {
    id: Number(c.id),
    redemptionId: Number(c.redemption_id),
    organizationId: Number(c.organization_id),
    organizationName: c.organization_name,
    merchantId: Number(c.merchant_id),
    kind: c.kind,
    topic: c.topic,
    description: c.description,
    status: c.status,
    programId: Number(c.program_id),
    category: c.category,
    product: `${c.brand} ${c.model}`,
    serialNumber: c.serial_number,
    price: Number(c.price_fen),
    subsidy: Number(c.subsidy_fen),
    channel: c.channel,
    openedAt: c.opened_at,
    respondedAt: c.responded_at,
    responseNote: c.response_note,
    responseHours: c.responded_at === null ? null : hoursBetween(c.opened_at, c.responded_at),
    overdue: c.status === 'open' && c.opened_at < dueBefore,
    resolvedAt: c.resolved_at,
    outcome: c.outcome,
    returned: c.kind === 'return' && c.status === 'resolved',
    rating: c.rating === null ? null : Number(c.rating),
    ratingComment: c.rating_comment,
    ratedAt: c.rated_at,
  };
}

async function loadCase(db: Queryable, id: number): Promise<CaseRow> {
  const row = await withColumns(selectCases(db).where('c.id', '=', id)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

const saleNotStanding = (status: string) =>
  new AppError(409, 'SALE_NOT_STANDING', 'error.SALE_NOT_STANDING', { status }, [{ path: 'redemptionId', reason: 'field.invalid' }]);

/**
 * A resident opens a return, repair or complaint on one of their own subsidised purchases. A return must come
 * within `tradein.returnWindowDays` of receipt (the delivery, or the sale for goods carried out of the store); goods
 * not yet delivered may always be returned (the resident refuses the delivery). One return per sale is open at a time.
 */
export async function openCase(deps: AppDeps, ctx: RequestContext, input: OpenCaseInput): Promise<CaseView> {
  authorize(ctx.actor, afterSalesPolicy, 'open');
  const id = await inTransaction(deps.database, async (tx) => {
    let sale = tx
      .selectFrom('tradein_redemptions')
      .select(['id', 'holder_user_id', 'organization_id', 'merchant_id', 'status', 'serial_number', 'created_at'])
      .where('id', '=', input.redemptionId);
    // Two returns opened at once on one sale wait for each other here (SQLite runs one writer at a time anyway).
    if (dialectOf(tx) === 'postgres') sale = sale.forUpdate();
    const r = await sale.executeTakeFirst();
    // Someone else's purchase is answered as no purchase at all.
    if (!r || Number(r.holder_user_id) !== ctx.actor.userId) throw notFound();
    const organizationId = Number(r.organization_id);
    authorize(ctx.actor, afterSalesPolicy, 'open', { holder_user_id: Number(r.holder_user_id), organization_id: organizationId }, input.redemptionId);
    if (r.status !== 'accepted' && r.status !== 'held') throw saleNotStanding(r.status);
    const now = nowIso();
    if (input.kind === 'return') {
      const f = await tx.selectFrom('tradein_fulfilments').select(['status', 'delivered_at']).where('redemption_id', '=', Number(r.id)).executeTakeFirst();
      if (f?.status !== 'awaiting_delivery') {
        const days = await deps.parameters.get('tradein.returnWindowDays');
        const lastDay = addDays(shanghaiDate(f?.delivered_at ?? r.created_at), days);
        if (shanghaiDate(now) > lastDay)
          throw new AppError(409, 'RETURN_WINDOW_CLOSED', 'error.RETURN_WINDOW_CLOSED', { lastDay, days }, [
            { path: 'kind', reason: 'field.tradein.afterSales.returnWindowClosed', params: { lastDay, days } },
          ]);
      }
      const pending = await tx
        .selectFrom('tradein_after_sales_cases')
        .select('id')
        .where('redemption_id', '=', Number(r.id))
        .where('kind', '=', 'return')
        .where('status', 'in', ['open', 'responded'])
        .executeTakeFirst();
      if (pending)
        throw new AppError(409, 'RETURN_ALREADY_OPEN', 'error.RETURN_ALREADY_OPEN', { caseId: Number(pending.id) }, [
          { path: 'kind', reason: 'field.tradein.afterSales.returnAlreadyOpen' },
        ]);
    }
    const row = await tx
      .insertInto('tradein_after_sales_cases')
      .values({
        redemption_id: Number(r.id),
        organization_id: organizationId,
        merchant_id: Number(r.merchant_id),
        holder_user_id: Number(r.holder_user_id),
        kind: input.kind,
        topic: input.topic,
        description: input.description,
        status: 'open',
        opened_at: now,
        responded_at: null,
        response_note: null,
        resolved_at: null,
        outcome: null,
        rating: null,
        rating_comment: null,
        rated_at: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const caseId = Number(row.id);
    await enter(tx, ctx, afterSalesWorkflow, {
      id: caseId,
      action: 'open',
      organizationId,
      params: { kind: input.kind, topic: input.topic, redemptionId: Number(r.id) },
      audit: { after: { redemptionId: Number(r.id), kind: input.kind, topic: input.topic } },
      notify: {
        organizationId,
        kind: 'tradein_after_sales_opened',
        params: { id: caseId, serial: r.serial_number },
        link: MERCHANT_LINK,
        dedupeKey: `tradein_after_sales_opened:${caseId}`,
      },
    });
    return caseId;
  });
  return toView(await loadCase(deps.database.db, id), await responseDueBefore(deps));
}

export async function listMyCases(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, afterSalesPolicy, 'listMine');
  const dueBefore = await responseDueBefore(deps);
  const base = selectCases(deps.database.db).where('c.holder_user_id', '=', ctx.actor.userId!);
  const page = await paginate(base, (qb) => withColumns(qb).orderBy('c.opened_at', 'desc').orderBy('c.id', 'desc'), q);
  return { ...page, items: page.items.map((c) => toView(c, dueBefore)) };
}

/** The merchant's cases (its own organisation's); supervisors see every merchant's, or one's. */
export async function listCases(deps: AppDeps, ctx: RequestContext, q: ListCasesQuery) {
  const db = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? (ctx.actor.organizationId ?? -1) : q.organizationId;
  authorize(ctx.actor, afterSalesPolicy, 'list', business ? { organization_id: orgId! } : { grants: await grantsOf(db, ctx.actor, 'tradein') });
  const dueBefore = await responseDueBefore(deps);
  let base = selectCases(db);
  if (orgId !== undefined) base = base.where('c.organization_id', '=', orgId);
  if (q.kind) base = base.where('c.kind', '=', q.kind);
  if (q.status) base = base.where('c.status', '=', q.status);
  if (q.topic) base = base.where('c.topic', '=', q.topic);
  if (q.overdue === 'true') base = base.where('c.status', '=', 'open').where('c.opened_at', '<', dueBefore);
  if (q.overdue === 'false') base = base.where((eb) => eb.or([eb('c.status', '!=', 'open'), eb('c.opened_at', '>=', dueBefore)]));
  if (q.q) {
    const pattern = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(${eb.ref('c.description')}) like lower(${pattern}) escape '\\'`,
        sql<boolean>`lower(${eb.ref('r.serial_number')}) like lower(${pattern}) escape '\\'`,
        sql<boolean>`lower(${eb.ref('p.model')}) like lower(${pattern}) escape '\\'`,
      ]),
    );
  }
  const order = q.order;
  const page = await paginate(base, (qb) => withColumns(qb).orderBy('c.opened_at', order).orderBy('c.id', order), q);
  return { ...page, items: page.items.map((c) => toView(c, dueBefore)) };
}

/** One case with its timeline: the resident who opened it, the merchant of the sale, supervisors. */
export async function getCase(deps: AppDeps, ctx: RequestContext, id: number): Promise<CaseDetailView> {
  const db = deps.database.db;
  const c = await loadCase(db, id);
  const record = { organization_id: Number(c.organization_id), holder_user_id: Number(c.holder_user_id) };
  // Not one's own case reads as no case (a resident or a merchant probing ids learns nothing).
  if (!afterSalesPolicy.can(ctx.actor, 'read', { ...record, grants: await grantsOf(db, ctx.actor, 'tradein') })) throw notFound();
  const timeline = (await timelineOf(db, afterSalesWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
  }));
  return { ...toView(c, await responseDueBefore(deps)), timeline };
}

export type AnswerStep = { action: 'respond'; note: string } | { action: 'resolve'; outcome: string } | { action: 'refuse'; reason: string };

const ANSWER_NOTICE = { respond: 'tradein_after_sales_responded', resolve: 'tradein_after_sales_resolved', refuse: 'tradein_after_sales_refused' } as const;

/**
 * The merchant of the sale answers a case: a first response, a resolution or a refusal (either of the last two
 * may come without a response first, and is then the response). A return resolved takes the goods back: the
 * subsidy is reversed in the same transaction (budget, voucher, fulfilment, claw-back), under the reversal's own
 * policy check.
 */
export async function answerCase(deps: AppDeps, ctx: RequestContext, id: number, step: AnswerStep): Promise<CaseDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const c = await tx.selectFrom('tradein_after_sales_cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c) throw notFound();
    const organizationId = Number(c.organization_id);
    if (!afterSalesPolicy.can(ctx.actor, 'read', { organization_id: organizationId, holder_user_id: Number(c.holder_user_id) })) throw notFound();
    authorize(ctx.actor, afterSalesPolicy, 'answer', { organization_id: organizationId }, id);
    const now = nowIso();
    const returned = step.action === 'resolve' && c.kind === 'return';
    const text = step.action === 'respond' ? step.note : step.action === 'resolve' ? step.outcome : step.reason;
    const set =
      step.action === 'respond' ? { responded_at: now, response_note: step.note } : { responded_at: c.responded_at ?? now, resolved_at: now, outcome: text };
    await move(tx, ctx, afterSalesWorkflow, {
      id,
      action: step.action,
      from: c.status,
      set,
      note: text,
      organizationId,
      params: returned ? { returned: true } : {},
      audit: { after: { ...set, ...(returned ? { returned: true } : {}) } },
      notify: (m) => ({
        userId: Number(c.holder_user_id),
        kind: ANSWER_NOTICE[step.action],
        params: { id },
        link: RESIDENT_LINK,
        dedupeKey: `${ANSWER_NOTICE[step.action]}:${m.timelineId}`,
      }),
    });
    if (returned) await reverseInTransaction(tx, deps, ctx, Number(c.redemption_id), `售后退货 #${id}: ${step.outcome}`.slice(0, 500));
  });
  return getCase(deps, ctx, id);
}

/** The resident rates a closed case once: 1–5 and a comment, on the case's timeline. */
export async function rateCase(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  input: { rating: number; comment?: string | undefined },
): Promise<CaseDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const c = await tx.selectFrom('tradein_after_sales_cases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c || Number(c.holder_user_id) !== ctx.actor.userId) throw notFound();
    authorize(ctx.actor, afterSalesPolicy, 'rate', { holder_user_id: Number(c.holder_user_id), organization_id: Number(c.organization_id) }, id);
    if (c.status !== 'resolved' && c.status !== 'refused') throw invalidState(c.status);
    const alreadyRated = () =>
      new AppError(409, 'ALREADY_RATED', 'error.ALREADY_RATED', {}, [{ path: 'rating', reason: 'field.tradein.afterSales.alreadyRated' }]);
    if (c.rated_at !== null) throw alreadyRated();
    const now = nowIso();
    const comment = input.comment ? input.comment : null;
    const rated = await tx
      .updateTable('tradein_after_sales_cases')
      .set({ rating: input.rating, rating_comment: comment, rated_at: now, updated_at: now })
      .where('id', '=', id)
      .where('rated_at', 'is', null)
      .executeTakeFirst();
    if (Number(rated.numUpdatedRows) !== 1) throw alreadyRated();
    await move(tx, ctx, afterSalesWorkflow, {
      id,
      action: 'rate',
      from: c.status,
      note: comment,
      organizationId: Number(c.organization_id),
      params: { rating: input.rating },
      audit: { after: { rating: input.rating, comment } },
    });
  });
  return getCase(deps, ctx, id);
}
