import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { endSessionsOf, insertUser } from '../../platform/users/service.js';
import { merchantPolicy } from '../policies/merchant.js';
import { staffPolicy } from '../policies/staff.js';

/** Merchant staff accounts (role `merchant`) of the caller's own enterprise, created through the platform. */
export async function createStaff(
  deps: AppDeps,
  ctx: RequestContext,
  input: { username: string; displayName: string; password: string; mobile?: string | undefined },
) {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, merchantPolicy, 'manageStaff', { organization_id: orgId });
  const id = await inTransaction(deps.database, async (tx) => {
    const id = await insertUser(tx, deps, {
      username: input.username,
      displayName: input.displayName,
      role: 'merchant',
      organizationId: orgId,
      password: input.password,
      ...(input.mobile ? { mobile: input.mobile } : {}),
      mustChangePassword: true,
    });
    await appendAudit(tx, ctx, {
      entity: 'user',
      entityId: id,
      action: 'create',
      organizationId: orgId,
      after: { username: input.username, role: 'merchant' },
    });
    return id;
  });
  return { id, username: input.username, displayName: input.displayName, status: 'active' as const };
}

export async function listStaff(deps: AppDeps, ctx: RequestContext) {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, merchantPolicy, 'manageStaff', { organization_id: orgId });
  const rows = await deps.database.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'status'])
    .where('organization_id', '=', orgId)
    .where('role', '=', 'merchant')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), username: r.username, displayName: r.display_name, status: r.status }));
}

/**
 * Disables or re-enables a merchant staff account of the caller's own enterprise. Any other account — another
 * enterprise's staff, or a user of the same enterprise who is not merchant staff (the administrator) — is
 * answered 404, so an enterprise cannot probe for accounts it does not own. Disabling ends the account's
 * sessions in the same transaction, as the platform's account administration does, so a till that was signed in
 * stops working at once rather than at the session's idle time-out.
 */
export async function setStaffStatus(deps: AppDeps, ctx: RequestContext, id: number, status: 'active' | 'disabled') {
  const orgId = ctx.actor.organizationId ?? -1;
  authorize(ctx.actor, staffPolicy, 'setStatus', { organization_id: orgId });
  const action = status === 'disabled' ? 'disable' : 'enable';
  return inTransaction(deps.database, async (tx) => {
    const before = await tx
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'status', 'organization_id', 'role'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!before || before.role !== 'merchant' || Number(before.organization_id) !== orgId) throw notFound();
    if (before.status === status) throw invalidState(before.status);
    await tx.updateTable('users').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
    if (status === 'disabled') await endSessionsOf(tx, id, 'account_disabled');
    await appendAudit(tx, ctx, { entity: 'user', entityId: id, action, organizationId: orgId, before: { status: before.status }, after: { status } });
    return { id, username: before.username, displayName: before.display_name, status };
  });
}
