import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { daysBetween, shanghaiDate } from '../../../core/time.js';
import { paginate, type Page } from '../../../http/pagination.js';
import { openAttachment } from '../../platform/attachments/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { carApplicationPolicy } from '../policies/application.js';
import type { CarApplicationSummary, CarApplicationView, ListCarApplicationsQuery } from './schema.js';
import { loadCarApplicationView, PAYMENT_PENDING, REVIEW_PENDING, SUMMARY_COLUMNS, summaryBase, toSummary, type SummaryRow } from './views.js';

/** Reading applications: one, the lists, the overdue steps, an evidence file. */

export async function getCarApplication(deps: AppDeps, ctx: RequestContext, id: number): Promise<CarApplicationView> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'cartradein');
  const a = await db.selectFrom('cartradein_applications').select(['applicant_user_id']).where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  authorize(ctx.actor, carApplicationPolicy, 'read', { grants, applicant_user_id: Number(a.applicant_user_id) }, id);
  return loadCarApplicationView(db, ctx, id, grants);
}

const SORT = { id: 'a.id', submittedAt: 'a.submitted_at', reviewDueOn: 'a.review_due_on', amountFen: 'a.amount_fen' } as const;

export async function listCarApplications(deps: AppDeps, ctx: RequestContext, q: ListCarApplicationsQuery): Promise<Page<CarApplicationSummary>> {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'cartradein');
  authorize(ctx.actor, carApplicationPolicy, 'list', { grants });
  let base = summaryBase(db);
  // A resident's list is their own applications, whatever the filters say.
  if (ctx.actor.role === 'resident') base = base.where('a.applicant_user_id', '=', ctx.actor.userId ?? -1);
  if (q.status) base = base.where('a.status', '=', q.status);
  if (q.programId) base = base.where('a.program_id', '=', q.programId);
  if (q.kind) base = base.where('a.kind', '=', q.kind);
  if (q.eligible) base = base.where('a.eligible', '=', q.eligible === 'true' ? 1 : 0);
  if (q.townId === 'unknown') base = base.where('a.town_id', 'is', null);
  else if (q.townId) base = base.where('a.town_id', '=', q.townId);
  if (q.q) {
    const term = q.q.toUpperCase();
    base = base.where((eb) => eb.or([eb('a.old_vin', '=', term), eb('a.new_vin', '=', term), eb('a.old_plate', '=', term.replace(/[\s·.]/g, ''))]));
  }
  const page = await paginate(
    base,
    (qb) =>
      qb
        .select(SUMMARY_COLUMNS)
        .orderBy(SORT[q.sort ?? 'id'], q.order)
        .orderBy('a.id', q.order),
    q,
  );
  return { ...page, items: page.items.map((r) => toSummary(r as SummaryRow)) };
}

/** Steps past their last day: reviews 市商务局 has not decided, payments 市财政局 has not made. Most overdue first. */
export async function listOverdueCarApplications(deps: AppDeps, ctx: RequestContext, asOf: string = shanghaiDate()) {
  const db = deps.database.db;
  authorize(ctx.actor, carApplicationPolicy, 'listOverdue', { grants: await grantsOf(db, ctx.actor, 'cartradein') });
  const review = await summaryBase(db).select(SUMMARY_COLUMNS).where('a.status', 'in', REVIEW_PENDING).where('a.review_due_on', '<', asOf).execute();
  const payment = await summaryBase(db)
    .select(SUMMARY_COLUMNS)
    .where('a.status', 'in', PAYMENT_PENDING)
    .where('a.payment_due_on', 'is not', null)
    .where('a.payment_due_on', '<', asOf)
    .execute();
  const items = [
    ...review.map((r) => ({ step: 'review' as const, dueOn: r.review_due_on, application: toSummary(r as SummaryRow) })),
    ...payment.map((r) => ({ step: 'payment' as const, dueOn: r.payment_due_on!, application: toSummary(r as SummaryRow) })),
  ].map((i) => ({ ...i, daysOverdue: daysBetween(i.dueOn, asOf) }));
  return items.sort((x, y) => y.daysOverdue - x.daysOverdue || x.application.id - y.application.id);
}

/** An evidence file, for whoever may read the application (reviewers cannot read residents' uploads otherwise). Audited as attachment/viewed. */
export async function readCarApplicationEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download = false) {
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'cartradein');
  const a = await db.selectFrom('cartradein_applications').select(['applicant_user_id']).where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound();
  authorize(ctx.actor, carApplicationPolicy, 'read', { grants, applicant_user_id: Number(a.applicant_user_id) }, id);
  const cited = await db
    .selectFrom('cartradein_application_evidence')
    .select('kind')
    .where('applicant_user_id', '=', Number(a.applicant_user_id))
    .where('application_id', '=', id)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!cited) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'cartradein_application', id, kind: cited.kind }, download });
}
