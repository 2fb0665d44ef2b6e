import type { Actor } from '../../core/context.js';
import type { Queryable } from '../../db/database.js';
import { NO_GRANTS, type TradeinGrants } from './policies/common.js';

/** The trade-in grants of the actor's organisation (only department accounts can hold one). */
export async function grantsOf(db: Queryable, actor: Actor): Promise<TradeinGrants> {
  if (actor.role !== 'department' || actor.organizationId === null) return NO_GRANTS;
  const rows = await db.selectFrom('tradein_managers').select('capability').where('organization_id', '=', actor.organizationId).execute();
  return { manage: rows.some((r) => r.capability === 'manage'), confirmPayment: rows.some((r) => r.capability === 'confirm_payment') };
}
