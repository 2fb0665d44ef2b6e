import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError, invalidState, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { promotionEventPolicy } from '../policies/event.js';
import { loadEvent } from './queries.js';
import type { CancelEventInput, EventDetailView, EventInput, EventResultsInput } from './schema.js';
import { EDITABLE_STATUSES, promotionEventWorkflow } from './workflow.js';

/**
 * The dates in order, the town a town (of the division list), the merchants active enterprises, and a type the
 * office still offers (its `event_type` dictionary; an event keeps a type disabled after it took it): all issues at once.
 */
async function checkReferences(db: Queryable, input: EventInput, typeBefore: string | null = null) {
  const issues: FieldIssue[] = [];
  if (input.type !== typeBefore && !(await isCodeOffered(db, 'event_type', input.type)))
    issues.push({ path: 'type', reason: 'field.cartradein.eventTypeDisabled' });
  if (input.endsOn < input.startsOn) issues.push({ path: 'endsOn', reason: 'field.cartradein.windowOrder' });
  const town = await db.selectFrom('organizations').select('kind').where('id', '=', input.townId).executeTakeFirst();
  if (!town || town.kind !== 'town') issues.push({ path: 'townId', reason: 'field.town.unknown' });
  const ids = [...new Set(input.merchantIds)];
  if (ids.length) {
    const ok = new Set(
      (await db.selectFrom('organizations').select('id').where('id', 'in', ids).where('kind', '=', 'enterprise').where('status', '=', 'active').execute()).map(
        (r) => Number(r.id),
      ),
    );
    input.merchantIds.forEach((m, i) => {
      if (!ok.has(m)) issues.push({ path: `merchantIds.${i}`, reason: 'field.cartradein.notAnEnterprise' });
    });
  }
  if (issues.length) throw new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, issues);
}

async function writeMerchants(tx: Tx, eventId: number, merchantIds: number[]) {
  await tx.deleteFrom('cartradein_event_merchants').where('event_id', '=', eventId).execute();
  const ids = [...new Set(merchantIds)];
  if (ids.length)
    await tx
      .insertInto('cartradein_event_merchants')
      .values(ids.map((organization_id) => ({ event_id: eventId, organization_id })))
      .execute();
}

const details = (input: EventInput) => ({
  type: input.type,
  title: input.title,
  description: input.description ?? null,
  starts_on: input.startsOn,
  ends_on: input.endsOn,
  town_id: input.townId,
  place: input.place,
});

/** A new event is a draft of the caller's organisation: nobody else sees it until it is published. */
export async function createPromotionEvent(deps: AppDeps, ctx: RequestContext, input: EventInput): Promise<EventDetailView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, promotionEventPolicy, 'create', { grants: await grantsOf(tx, ctx.actor, 'cartradein') });
    const organizationId = ctx.actor.organizationId;
    if (organizationId === null) throw fieldError('organizationId', 'field.organization.unknown');
    await checkReferences(tx, input);
    const now = nowIso();
    const row = await tx
      .insertInto('cartradein_events')
      .values({
        ...details(input),
        organization_id: organizationId,
        status: 'draft',
        visitors: null,
        sales_fen: null,
        subsidies_redeemed_fen: null,
        subsidies_redeemed_count: null,
        results_reported_at: null,
        published_at: null,
        cancelled_at: null,
        cancel_reason: null,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await writeMerchants(tx, id, input.merchantIds);
    await enter(tx, ctx, promotionEventWorkflow, { id, action: 'create', organizationId, audit: { after: input } });
    return id;
  });
  return loadEvent(deps.database.db, ctx, id);
}

type ChangeAction = 'update' | 'publish' | 'reportResults' | 'cancel';

async function loadForChange(tx: Tx, ctx: RequestContext, id: number, action: ChangeAction) {
  const e = await tx.selectFrom('cartradein_events').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) throw notFound();
  authorize(ctx.actor, promotionEventPolicy, action, { grants: await grantsOf(tx, ctx.actor, 'cartradein'), organization_id: Number(e.organization_id) }, id);
  return e;
}

/** Details change in draft and after publication (audited with before and after); a cancelled event stays as it was. */
export async function updatePromotionEvent(deps: AppDeps, ctx: RequestContext, id: number, input: EventInput): Promise<EventDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForChange(tx, ctx, id, 'update');
    if (!(EDITABLE_STATUSES as readonly string[]).includes(before.status)) throw invalidState(before.status);
    await checkReferences(tx, input, before.type);
    const merchantsBefore = (await tx.selectFrom('cartradein_event_merchants').select('organization_id').where('event_id', '=', id).execute()).map((m) =>
      Number(m.organization_id),
    );
    // Guarded by the status read, so an update racing a cancellation cannot rewrite the cancelled record.
    const res = await tx
      .updateTable('cartradein_events')
      .set({ ...details(input), updated_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', before.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw invalidState(before.status);
    await writeMerchants(tx, id, input.merchantIds);
    await appendAudit(tx, ctx, {
      entity: promotionEventWorkflow.kind,
      entityId: id,
      action: 'update',
      organizationId: Number(before.organization_id),
      before: { ...before, merchantIds: merchantsBefore },
      after: input,
    });
  });
  return loadEvent(deps.database.db, ctx, id);
}

/** Publishing puts the event on the public calendar and, once it has started, into the plan's counts. */
export async function publishPromotionEvent(deps: AppDeps, ctx: RequestContext, id: number): Promise<EventDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const e = await loadForChange(tx, ctx, id, 'publish');
    const now = nowIso();
    await move(tx, ctx, promotionEventWorkflow, {
      id,
      action: 'publish',
      from: e.status,
      set: { published_at: now, updated_at: now },
      organizationId: Number(e.organization_id),
    });
  });
  return loadEvent(deps.database.db, ctx, id);
}

/** Results are reported once the event has started (and may be corrected later); the event then counts as held. */
export async function reportPromotionEventResults(deps: AppDeps, ctx: RequestContext, id: number, input: EventResultsInput): Promise<EventDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForChange(tx, ctx, id, 'reportResults');
    if (before.status === 'published' && before.starts_on > shanghaiDate())
      throw new AppError(409, 'EVENT_NOT_STARTED', 'error.EVENT_NOT_STARTED', { startsOn: before.starts_on });
    const now = nowIso();
    await move(tx, ctx, promotionEventWorkflow, {
      id,
      action: 'reportResults',
      from: before.status,
      set: {
        visitors: input.visitors,
        sales_fen: input.salesFen,
        subsidies_redeemed_fen: input.subsidiesRedeemedFen,
        subsidies_redeemed_count: input.subsidiesRedeemedCount,
        results_reported_at: now,
        updated_at: now,
      },
      organizationId: Number(before.organization_id),
      params: { ...input },
      audit: {
        before: { visitors: before.visitors, salesFen: before.sales_fen, subsidiesRedeemedFen: before.subsidies_redeemed_fen },
        after: input,
      },
    });
  });
  return loadEvent(deps.database.db, ctx, id);
}

/** Cancelling takes a reason, kept on the event and its timeline; the event leaves the calendar and the plan's counts. */
export async function cancelPromotionEvent(deps: AppDeps, ctx: RequestContext, id: number, input: CancelEventInput): Promise<EventDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadForChange(tx, ctx, id, 'cancel');
    const now = nowIso();
    await move(tx, ctx, promotionEventWorkflow, {
      id,
      action: 'cancel',
      from: before.status,
      set: { cancelled_at: now, cancel_reason: input.reason, updated_at: now },
      organizationId: Number(before.organization_id),
      note: input.reason,
      audit: { after: { reason: input.reason } },
    });
  });
  return loadEvent(deps.database.db, ctx, id);
}
