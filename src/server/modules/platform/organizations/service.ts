import { sql, type ExpressionBuilder, type Updateable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { duplicate, fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { hashPassword } from '../../../core/crypto.js';
import { move, type WorkflowAction } from '../../../core/workflow.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { DatabaseSchema } from '../../../db/schema.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { maskMobile } from '../../../../shared/validators/mobile.js';
import type { OrganizationStatus } from '../../../../shared/roles.js';
import { appendAudit } from '../audit/auditTrail.js';
import { organizationPolicy, type OrganizationRecord } from '../policies/organization.js';
import type { EnterpriseRegistration, ListOrganizationsQuery, OrganizationView } from './schema.js';
import { organizationWorkflow } from './workflow.js';
import { guarded, refuseOrganizationLockout } from '../duties/guard.js';
import { accountsIdentifiedBy, recordUserIdentifiers } from '../users/identifiers.js';

const SORT_COLUMNS = {
  name: 'organizations.name',
  kind: 'organizations.kind',
  status: 'organizations.status',
  createdAt: 'organizations.created_at',
} as const;

function selectOrganizations(db: Queryable) {
  return db.selectFrom('organizations').leftJoin('organizations as town', 'town.id', 'organizations.town_id');
}

const viewColumns = [
  'organizations.id',
  'organizations.code',
  'organizations.name',
  'organizations.kind',
  'organizations.status',
  'organizations.division_code',
  'organizations.credit_code',
  'organizations.town_id',
  'town.name as town_name',
  'organizations.address',
  'organizations.contact_name',
  'organizations.contact_mobile_mask',
  'organizations.review_note',
  'organizations.reviewed_at',
  'organizations.created_at',
  'organizations.is_demo',
] as const;

type ViewRow = {
  id: number;
  code: string;
  name: string;
  kind: OrganizationView['kind'];
  status: OrganizationStatus;
  division_code: string | null;
  credit_code: string | null;
  town_id: number | null;
  town_name: string | null;
  address: string | null;
  contact_name: string | null;
  contact_mobile_mask: string | null;
  review_note: string | null;
  reviewed_at: string | null;
  created_at: string;
  is_demo: number;
};

function toView(r: ViewRow): OrganizationView {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    status: r.status,
    divisionCode: r.division_code,
    creditCode: r.credit_code,
    townId: r.town_id === null ? null : Number(r.town_id),
    townName: r.town_name,
    address: r.address,
    contactName: r.contact_name,
    contactMobile: r.contact_mobile_mask,
    reviewNote: r.review_note,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
    isDemo: r.is_demo === 1,
  };
}

type OrgEb = ExpressionBuilder<DatabaseSchema & { town: DatabaseSchema['organizations'] }, 'organizations' | 'town'>;

/** Filters and data scope shared by the list and the export. */
function filtered(db: Queryable, ctx: RequestContext, q: Partial<ListOrganizationsQuery>) {
  let query = selectOrganizations(db);
  const actor = ctx.actor;
  if (actor.role === 'town')
    query = query.where((eb: OrgEb) => eb.or([eb('organizations.kind', '!=', 'enterprise'), eb('organizations.town_id', '=', actor.townId)]));
  if (q.kind) query = query.where('organizations.kind', '=', q.kind);
  if (q.status) query = query.where('organizations.status', '=', q.status);
  if (q.townId) query = query.where('organizations.town_id', '=', q.townId);
  if (q.q) {
    const pattern = likePattern(q.q);
    query = query.where((eb: OrgEb) =>
      eb.or([
        sql<boolean>`${eb.ref('organizations.name')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('organizations.credit_code')} like ${pattern.toUpperCase()} escape '\\'`,
      ]),
    );
  }
  return query;
}

export async function listOrganizations(deps: AppDeps, ctx: RequestContext, q: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
  authorize(ctx.actor, organizationPolicy, 'list');
  const sortColumn = SORT_COLUMNS[q.sort ?? 'createdAt'];
  const page = await paginate(
    filtered(deps.database.db, ctx, q),
    (qb) => qb.select(viewColumns).orderBy(sortColumn, q.order).orderBy('organizations.id', q.order),
    q,
  );
  return { ...page, items: page.items.map((r) => toView(r as ViewRow)) };
}

export async function exportOrganizations(deps: AppDeps, ctx: RequestContext, q: Partial<ListOrganizationsQuery>): Promise<OrganizationView[]> {
  authorize(ctx.actor, organizationPolicy, 'export');
  const rows = await filtered(deps.database.db, ctx, q).select(viewColumns).orderBy('organizations.kind').orderBy('organizations.id').execute();
  return rows.map((r) => toView(r as ViewRow));
}

async function loadRecord(db: Queryable, id: number) {
  const row = await selectOrganizations(db).select(viewColumns).where('organizations.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row as ViewRow;
}

export async function getOrganization(deps: AppDeps, ctx: RequestContext, id: number): Promise<OrganizationView> {
  const row = await loadRecord(deps.database.db, id);
  authorize(ctx.actor, organizationPolicy, 'read', row as OrganizationRecord, id);
  return toView(row);
}

export async function listTowns(deps: AppDeps): Promise<{ id: number; name: string; divisionCode: string | null }[]> {
  const rows = await deps.database.db.selectFrom('organizations').select(['id', 'name', 'division_code']).where('kind', '=', 'town').orderBy('code').execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, divisionCode: r.division_code }));
}

/** An enterprise registers itself and its first account; it waits for its town or the office to approve it. */
export async function registerEnterprise(deps: AppDeps, ctx: RequestContext, input: EnterpriseRegistration): Promise<OrganizationView> {
  const passwordHash = await hashPassword(input.password);
  const id = await inTransaction(deps.database, async (tx) => {
    const town = await tx.selectFrom('organizations').select('id').where('id', '=', input.townId).where('kind', '=', 'town').executeTakeFirst();
    if (!town) throw fieldError('townId', 'field.town.unknown');
    if (await tx.selectFrom('organizations').select('id').where('credit_code', '=', input.creditCode).executeTakeFirst())
      throw duplicate('creditCode', ctx.locale === 'en' ? 'Unified social credit code' : '统一社会信用代码');
    if ((await accountsIdentifiedBy(tx, [{ kind: 'username', value: input.username }])).length)
      throw duplicate('username', ctx.locale === 'en' ? 'Username' : '用户名');
    const now = nowIso();
    const org = await tx
      .insertInto('organizations')
      .values({
        code: `ent-${input.creditCode}`,
        name: input.name,
        kind: 'enterprise',
        status: 'pending',
        division_code: input.creditCode.slice(2, 8),
        credit_code: input.creditCode,
        town_id: input.townId,
        address: input.address,
        contact_name: input.contactName,
        contact_mobile_enc: deps.sealer.seal(input.contactMobile),
        contact_mobile_mask: maskMobile(input.contactMobile),
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orgId = Number(org.id);
    const user = await tx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.contactName,
        role: 'enterprise',
        organization_id: orgId,
        password_hash: passwordHash,
        status: 'active',
        must_change_password: 0,
        locale: ctx.locale,
        mobile_enc: null,
        mobile_hash: null,
        mobile_mask: null,
        id_number_enc: null,
        id_number_hash: null,
        id_number_mask: null,
        last_login_at: null,
        password_changed_at: now,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordUserIdentifiers(tx, [{ userId: Number(user.id), username: input.username, mobileHash: null, idNumberHash: null }]);
    const actorCtx = { ...ctx, actor: { ...ctx.actor, userId: Number(user.id), username: input.username, role: 'enterprise' as const, organizationId: orgId } };
    await appendAudit(tx, actorCtx, {
      entity: 'organization',
      entityId: orgId,
      action: 'registerEnterprise',
      after: { name: input.name, creditCode: input.creditCode, townId: input.townId, status: 'pending', username: input.username },
    });
    return orgId;
  });
  return toView(await loadRecord(deps.database.db, id));
}

type StatusChange = WorkflowAction<typeof organizationWorkflow>;

/** Which rule of the organisation policy allows each change. */
const POLICY_ACTION: Record<StatusChange, 'review' | 'suspend'> = { approve: 'review', reject: 'review', suspend: 'suspend', resume: 'suspend' };

/** Approve or reject a registration, suspend or resume an organisation. */
export async function changeOrganizationStatus(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  change: StatusChange,
  note: string | undefined,
): Promise<OrganizationView> {
  await guarded(
    inTransaction(deps.database, async (tx) => {
      const before = await loadRecord(tx, id);
      authorize(ctx.actor, organizationPolicy, POLICY_ACTION[change], before as OrganizationRecord, id);
      // Never one's own organisation, never the one holding the last active holder of a duty or of the office role.
      if (change === 'suspend') await refuseOrganizationLockout(tx, ctx, id);
      const now = nowIso();
      const { to } = await move(tx, ctx, organizationWorkflow, {
        id,
        action: change,
        from: before.status,
        set: { review_note: note ?? null, reviewed_by: ctx.actor.userId, reviewed_at: now, updated_at: now },
        note: note ?? null,
        organizationId: id,
        audit: { after: { note: note ?? null } },
      });
      // A suspended or rejected organisation's accounts stop working at once, not at their sessions' time-out.
      if (to === 'suspended' || to === 'rejected') {
        await tx
          .updateTable('sessions')
          .set({ ended_at: now, end_reason: 'organization_' + to })
          .where('ended_at', 'is', null)
          .where('user_id', 'in', tx.selectFrom('users').select('users.id').where('users.organization_id', '=', id))
          .execute();
      }
    }),
  );
  return toView(await loadRecord(deps.database.db, id));
}

export async function updateOrganization(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  input: { address?: string | undefined; contactName?: string | undefined; contactMobile?: string | undefined },
): Promise<OrganizationView> {
  await inTransaction(deps.database, async (tx) => {
    const before = await loadRecord(tx, id);
    authorize(ctx.actor, organizationPolicy, 'update', before as OrganizationRecord, id);
    const set: Updateable<DatabaseSchema['organizations']> = { updated_at: nowIso() };
    if (input.address !== undefined) set.address = input.address;
    if (input.contactName !== undefined) set.contact_name = input.contactName;
    if (input.contactMobile !== undefined) {
      set.contact_mobile_enc = deps.sealer.seal(input.contactMobile);
      set.contact_mobile_mask = maskMobile(input.contactMobile);
    }
    await tx.updateTable('organizations').set(set).where('id', '=', id).execute();
    await appendAudit(tx, ctx, {
      entity: 'organization',
      entityId: id,
      action: 'update',
      organizationId: id,
      before: { address: before.address, contactName: before.contact_name, contactMobile: before.contact_mobile_mask },
      after: { address: set.address, contactName: set.contact_name, contactMobile: set.contact_mobile_mask },
    });
  });
  return toView(await loadRecord(deps.database.db, id));
}
