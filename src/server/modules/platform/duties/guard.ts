import type { RequestContext } from '../../../core/context.js';
import { AppError, fieldError } from '../../../core/errors.js';
import { dialectOf, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { OrganizationKind, Role } from '../../../../shared/roles.js';
import { DUTY_LOCK_KEY, GUARDED_ROLES, TRIGGER_MESSAGES, dutyOf, isDutyRole, isGuardedRole } from './duties.js';

/**
 * The services' side of 三员分立 and of "no lock-out": checks made inside the caller's transaction, after taking the
 * duty lock, so that what they count is what the commit will leave. The database triggers (migrations.ts) refuse the
 * same things again for any path that skips these.
 */

/** Waits for every other transaction that may take a holder away (PostgreSQL; SQLite writes one at a time). */
export async function lockDuties(tx: Tx): Promise<void> {
  if (dialectOf(tx) !== 'postgres') return;
  await tx.selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.val(DUTY_LOCK_KEY)]).as('locked')).execute();
}

/** A duty role lives only in the office organisation: the three administrators are the city's, not a bureau's. */
export function checkDutyFitsOrganization(role: Role, kind: OrganizationKind): void {
  if (isDutyRole(role) && kind !== 'office') throw fieldError('role', 'field.role.dutyOutsideOffice');
}

/** Moving an account from one duty to another is refused: a duty changes hands by a new account. */
export function checkRoleChange(from: Role, to: Role): void {
  if (isDutyRole(from) && isDutyRole(to) && from !== to) throw fieldError('role', 'field.role.secondDuty');
}

/** Records the duty an account's role carries (none for other roles), in the same transaction as the role. */
export async function assignDuty(tx: Queryable, userId: number, role: Role, assignedBy: number | null): Promise<void> {
  const duty = dutyOf(role);
  if (!duty) return;
  const held = await tx.selectFrom('administrator_duties').select('duty').where('user_id', '=', userId).executeTakeFirst();
  if (held && held.duty !== duty) throw fieldError('role', 'field.role.secondDuty');
  if (held) return;
  await tx.insertInto('administrator_duties').values({ user_id: userId, duty, assigned_at: nowIso(), assigned_by: assignedBy }).execute();
}

/** Before an account leaves its duty role (the trigger refuses a role change while the row says otherwise). */
export async function releaseDuty(tx: Queryable, userId: number): Promise<void> {
  await tx.deleteFrom('administrator_duties').where('user_id', '=', userId).execute();
}

/** Active holders of a role: active accounts in active organisations, but for one account or one organisation. */
async function activeHolders(tx: Queryable, role: Role, except: { userId?: number; organizationId?: number }): Promise<number> {
  let q = tx
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('u.role', '=', role)
    .where('u.status', '=', 'active')
    .where('o.status', '=', 'active');
  if (except.userId !== undefined) q = q.where('u.id', '<>', except.userId);
  if (except.organizationId !== undefined) q = q.where('o.id', '<>', except.organizationId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export const lastHolder = (role: Role) => new AppError(409, 'DUTY_LAST_HOLDER', 'error.DUTY_LAST_HOLDER', { role });
export const selfLockout = () => new AppError(409, 'USER_SELF_LOCKOUT', 'error.USER_SELF_LOCKOUT');

/**
 * Refuses to take the account out of the guarded role it holds (disable, demote, delete) when it is the last
 * active holder of it. Call after lockDuties, before the change.
 */
export async function refuseLosingHolder(tx: Tx, user: { id: number; role: Role; status: string; organization_id: number }): Promise<void> {
  if (!isGuardedRole(user.role) || user.status !== 'active') return;
  const org = await tx.selectFrom('organizations').select('status').where('id', '=', user.organization_id).executeTakeFirst();
  if (org?.status !== 'active') return;
  if ((await activeHolders(tx, user.role, { userId: user.id })) === 0) throw lastHolder(user.role);
}

/**
 * A suspension ends every session of the organisation's accounts and refuses their sign-in: suspending one's own
 * organisation, or the one holding the last active holder of a duty or of the office role, would lock the city
 * out of its own platform.
 */
export async function refuseOrganizationLockout(tx: Tx, ctx: RequestContext, organizationId: number): Promise<void> {
  if (ctx.actor.organizationId === organizationId) throw new AppError(409, 'ORGANIZATION_SELF_SUSPEND', 'error.ORGANIZATION_SELF_SUSPEND');
  await lockDuties(tx);
  const here = await tx
    .selectFrom('users')
    .select('role')
    .distinct()
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'active')
    .where('role', 'in', GUARDED_ROLES)
    .execute();
  for (const { role } of here)
    if ((await activeHolders(tx, role, { organizationId })) === 0)
      throw new AppError(409, 'ORGANIZATION_LAST_ADMINISTRATORS', 'error.ORGANIZATION_LAST_ADMINISTRATORS', { role });
}

/** A trigger's refusal (a race past the checks above, or SQL by hand) as the API error the check would give. */
export function fromTrigger(e: unknown): unknown {
  const text = e instanceof Error ? e.message : String(e);
  if (text.includes(TRIGGER_MESSAGES.lastHolder)) return new AppError(409, 'DUTY_LAST_HOLDER', 'error.DUTY_LAST_HOLDER', { role: '' });
  if (text.includes(TRIGGER_MESSAGES.secondDuty) || text.includes(TRIGGER_MESSAGES.mismatch)) return fieldError('role', 'field.role.secondDuty');
  if (text.includes(TRIGGER_MESSAGES.outsideOffice)) return fieldError('role', 'field.role.dutyOutsideOffice');
  return e;
}

/** Runs a guarded write and answers a trigger's refusal as the API error. */
export async function guarded<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw fromTrigger(e);
  }
}
