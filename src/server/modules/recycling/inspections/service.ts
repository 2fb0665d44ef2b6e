import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, fieldError, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern } from '../../../http/pagination.js';
import { sql } from 'kysely';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { inspectionPolicy } from '../policies/inspection.js';
import { recyclingSiteWorkflow } from '../sites/workflow.js';
import { currentChecklist } from './checklist.js';
import { loadInspection } from './queries.js';
import type { InspectionDetailView, InspectionInput, SubmitRectificationInput } from './schema.js';
import { rectificationWorkflow } from './workflow.js';

const link = (inspectionId: number) => `/recycling/inspections?open=${inspectionId}`;

/** Photos must be the caller's own uploads: nobody cites another person's file as what they saw. */
async function checkPhotos(db: Queryable, ctx: RequestContext, photos: readonly number[], path: string): Promise<FieldIssue[]> {
  const ids = [...new Set(photos)];
  if (!ids.length) return [];
  const own = new Set(
    (
      await db
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', ids)
        .where('uploaded_by', '=', ctx.actor.userId ?? -1)
        .execute()
    ).map((r) => Number(r.id)),
  );
  return photos.flatMap((p, i) => (own.has(p) ? [] : [{ path: `${path}.${i}`, reason: 'field.recycling.attachmentUnknown' as const }]));
}

/** The answers against the current checklist: every item once, none unknown, a failed item explained. */
function checkAnswers(input: InspectionInput): FieldIssue[] {
  const checklist = currentChecklist();
  if (input.checklistVersion !== checklist.version)
    return [{ path: 'checklistVersion', reason: 'field.recycling.checklistVersion', params: { version: checklist.version } }];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  input.answers.forEach((a, i) => {
    if (!checklist.items.some((c) => c.code === a.item)) issues.push({ path: `answers.${i}.item`, reason: 'field.recycling.checklistItemUnknown' });
    else if (seen.has(a.item)) issues.push({ path: `answers.${i}.item`, reason: 'field.recycling.checklistItemTwice' });
    if (a.answer === 'not_ok' && !a.note) issues.push({ path: `answers.${i}.note`, reason: 'field.recycling.notOkNeedsNote' });
    seen.add(a.item);
  });
  for (const c of checklist.items)
    if (!seen.has(c.code)) issues.push({ path: 'answers', reason: 'field.recycling.checklistItemMissing', params: { item: c.label['zh-CN'] } });
  return issues;
}

function checkDates(input: InspectionInput, inspectedOn: string, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (inspectedOn > today) issues.push({ path: 'inspectedOn', reason: 'field.recycling.inspectedInFuture' });
  if (input.result === 'rectify') {
    if (!input.rectifyBy) issues.push({ path: 'rectifyBy', reason: 'field.recycling.rectifyByRequired' });
    else if (input.rectifyBy <= inspectedOn)
      issues.push({ path: 'rectifyBy', reason: 'field.recycling.rectifyByAfterInspection', params: { date: inspectedOn } });
  } else if (input.rectifyBy) issues.push({ path: 'rectifyBy', reason: 'field.recycling.rectifyByOnlyForRectify' });
  return issues;
}

async function siteForInspection(tx: Tx, siteId: number) {
  const site = await tx
    .selectFrom('recycling_sites')
    .select(['id', 'name', 'status', 'town_id', 'operator_organization_id'])
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site) throw fieldError('siteId', 'field.recycling.siteUnknown');
  return site;
}

/**
 * Records an inspection done at the site. A "rectify" result opens the site's rectification; a "ban" bans the
 * site (取缔) in the same transaction, which takes it off the public lists. A banned site is not inspected again.
 */
export async function recordInspection(deps: AppDeps, ctx: RequestContext, input: InspectionInput): Promise<InspectionDetailView> {
  const id = await inTransaction(deps.database, async (tx) => {
    const site = await siteForInspection(tx, input.siteId);
    const townId = Number(site.town_id);
    authorize(ctx.actor, inspectionPolicy, 'inspect', { townId }, input.siteId);
    const inspector = ctx.actor.organizationId;
    if (inspector === null) throw fieldError('siteId', 'field.organization.unknown');
    if (site.status === 'banned') throw new AppError(409, 'SITE_BANNED', 'error.recycling.siteBannedInspection');
    const today = shanghaiDate();
    const inspectedOn = input.inspectedOn ?? today;
    const issues = [...checkAnswers(input), ...checkDates(input, inspectedOn, today), ...(await checkPhotos(tx, ctx, input.photos, 'photos'))];
    if (issues.length) throw badRequest(issues);

    const now = nowIso();
    const answers = input.answers.map((a) => ({ item: a.item, answer: a.answer, note: a.note ?? null }));
    const row = await tx
      .insertInto('recycling_inspections')
      .values({
        site_id: input.siteId,
        town_id: townId,
        inspector_organization_id: inspector,
        inspector_user_id: ctx.actor.userId,
        inspected_on: inspectedOn,
        checklist_version: input.checklistVersion,
        answers_json: JSON.stringify(answers),
        findings: input.findings,
        photos_json: JSON.stringify(input.photos),
        result: input.result,
        rectify_by: input.result === 'rectify' ? (input.rectifyBy ?? null) : null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const inspectionId = Number(row.id);
    await appendAudit(tx, ctx, {
      entity: 'recycling_inspection',
      entityId: inspectionId,
      action: 'record',
      organizationId: inspector,
      after: {
        siteId: input.siteId,
        inspectedOn,
        checklistVersion: input.checklistVersion,
        answers,
        findings: input.findings,
        photos: input.photos,
        result: input.result,
        rectifyBy: input.rectifyBy ?? null,
      },
    });

    if (input.result === 'rectify') {
      const rect = await tx
        .insertInto('recycling_rectifications')
        .values({
          inspection_id: inspectionId,
          site_id: input.siteId,
          town_id: townId,
          inspector_organization_id: inspector,
          due_on: input.rectifyBy!,
          status: 'open',
          submitted_photos_json: '[]',
          submitted_note: null,
          submitted_by: null,
          submitted_at: null,
          verified_by: null,
          verified_at: null,
          reject_reason: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rectId = Number(rect.id);
      const params = { site: site.name, date: input.rectifyBy! };
      const told = [site.operator_organization_id, townId].filter((o): o is number => o !== null && Number(o) !== inspector).map(Number);
      await enter(tx, ctx, rectificationWorkflow, {
        id: rectId,
        action: 'open',
        organizationId: inspector,
        note: input.findings || null,
        params: { inspectionId, dueOn: input.rectifyBy },
        audit: { after: { inspectionId, siteId: input.siteId, dueOn: input.rectifyBy } },
        notify: told.map((organizationId) => ({
          organizationId,
          kind: 'recycling_rectification_opened',
          params,
          link: link(inspectionId),
          dedupeKey: `recycling-rectification-opened:${rectId}:${organizationId}`,
        })),
      });
    }
    if (input.result === 'ban') {
      const told = [site.operator_organization_id, townId].filter((o): o is number => o !== null && Number(o) !== inspector).map(Number);
      await move(tx, ctx, recyclingSiteWorkflow, {
        id: input.siteId,
        action: 'ban',
        from: site.status,
        set: { status_since: inspectedOn },
        note: input.findings || null,
        params: { inspectionId },
        organizationId: townId,
        notify: told.map((organizationId) => ({
          organizationId,
          kind: 'recycling_site_banned',
          params: { site: site.name },
          link: link(inspectionId),
          dedupeKey: `recycling-site-banned:${input.siteId}:${organizationId}`,
        })),
      });
    }
    return inspectionId;
  });
  return loadInspection(deps.database.db, ctx, id);
}

export async function getInspection(deps: AppDeps, ctx: RequestContext, id: number): Promise<InspectionDetailView> {
  authorize(ctx.actor, inspectionPolicy, 'read');
  return loadInspection(deps.database.db, ctx, id);
}

async function loadRectification(tx: Tx, ctx: RequestContext, id: number, action: 'submitRectification' | 'verifyRectification') {
  const r = await tx
    .selectFrom('recycling_rectifications as r')
    .innerJoin('recycling_sites as s', 's.id', 'r.site_id')
    .selectAll('r')
    .select(['s.name as site_name', 's.operator_organization_id'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!r) throw notFound();
  const record = {
    grants: await grantsOf(tx, ctx.actor, 'recycling'),
    townId: Number(r.town_id),
    operatorOrganizationId: r.operator_organization_id === null ? null : Number(r.operator_organization_id),
    inspectorOrganizationId: Number(r.inspector_organization_id),
  };
  authorize(ctx.actor, inspectionPolicy, action, record, id);
  return r;
}

/** The operator or the town reports what was done; the inspector's unit is told to verify it. */
export async function submitRectification(deps: AppDeps, ctx: RequestContext, id: number, input: SubmitRectificationInput): Promise<InspectionDetailView> {
  const inspectionId = await inTransaction(deps.database, async (tx) => {
    const r = await loadRectification(tx, ctx, id, 'submitRectification');
    const issues = await checkPhotos(tx, ctx, input.photos, 'photos');
    if (issues.length) throw badRequest(issues);
    const now = nowIso();
    await move(tx, ctx, rectificationWorkflow, {
      id,
      action: 'submit',
      from: r.status,
      set: {
        submitted_note: input.note,
        submitted_photos_json: JSON.stringify(input.photos),
        submitted_by: ctx.actor.userId,
        submitted_at: now,
        updated_at: now,
      },
      note: input.note,
      organizationId: Number(r.inspector_organization_id),
      audit: { after: { note: input.note, photos: input.photos } },
      notify: (m) => ({
        organizationId: Number(r.inspector_organization_id),
        kind: 'recycling_rectification_submitted',
        params: { site: r.site_name },
        link: link(Number(r.inspection_id)),
        dedupeKey: `recycling-rectification-submitted:${m.timelineId}`,
      }),
    });
    return Number(r.inspection_id);
  });
  return loadInspection(deps.database.db, ctx, inspectionId);
}

export async function acceptRectification(deps: AppDeps, ctx: RequestContext, id: number, note: string | undefined): Promise<InspectionDetailView> {
  const inspectionId = await inTransaction(deps.database, async (tx) => {
    const r = await loadRectification(tx, ctx, id, 'verifyRectification');
    const now = nowIso();
    await move(tx, ctx, rectificationWorkflow, {
      id,
      action: 'accept',
      from: r.status,
      set: { verified_by: ctx.actor.userId, verified_at: now, reject_reason: null, updated_at: now },
      note: note ?? null,
      organizationId: Number(r.inspector_organization_id),
    });
    return Number(r.inspection_id);
  });
  return loadInspection(deps.database.db, ctx, inspectionId);
}

/** Not accepted: open again with the reason, the due date unchanged; the operator and the town are told why. */
export async function rejectRectification(deps: AppDeps, ctx: RequestContext, id: number, reason: string): Promise<InspectionDetailView> {
  const inspectionId = await inTransaction(deps.database, async (tx) => {
    const r = await loadRectification(tx, ctx, id, 'verifyRectification');
    await move(tx, ctx, rectificationWorkflow, {
      id,
      action: 'reject',
      from: r.status,
      set: { reject_reason: reason, updated_at: nowIso() },
      note: reason,
      reasons: [reason],
      organizationId: Number(r.inspector_organization_id),
      audit: { after: { reason } },
      notify: (m) =>
        [r.operator_organization_id, r.town_id]
          .filter((o): o is number => o !== null)
          .map((o) => ({
            organizationId: Number(o),
            kind: 'recycling_rectification_rejected',
            params: { site: r.site_name, reason },
            link: link(Number(r.inspection_id)),
            dedupeKey: `recycling-rectification-rejected:${m.timelineId}:${o}`,
          })),
    });
    return Number(r.inspection_id);
  });
  return loadInspection(deps.database.db, ctx, inspectionId);
}

/** Sites the caller may inspect, by name, code or address (a town: its own); banned ones are left out. */
export async function inspectableSites(deps: AppDeps, ctx: RequestContext, q: { q?: string | undefined }) {
  authorize(ctx.actor, inspectionPolicy, 'inspect');
  let base = deps.database.db
    .selectFrom('recycling_sites as s')
    .innerJoin('organizations as t', 't.id', 's.town_id')
    .select(['s.id', 's.code', 's.name', 's.kind', 's.address', 's.status', 't.name as town_name'])
    .where('s.status', '!=', 'banned');
  if (ctx.actor.role === 'town') base = base.where('s.town_id', '=', ctx.actor.organizationId ?? -1);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('s.name')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('s.code')} like ${p} escape '\\'`,
        sql<boolean>`${eb.ref('s.address')} like ${p} escape '\\'`,
      ]),
    );
  }
  const rows = await base.orderBy('s.name').orderBy('s.id').limit(20).execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, kind: r.kind, address: r.address, status: r.status, townName: r.town_name }));
}
