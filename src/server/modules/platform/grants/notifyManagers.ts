import type { Queryable } from '../../../db/database.js';
import { notify, type NewNotification } from '../notifications/service.js';
import { grantedOrganizations } from './service.js';

/**
 * Tells the office and every department granted management of a domain — who can act when a programme is about
 * to end or a calendar is missing. Each organisation is told once per `dedupeKey` (jobs run daily and on several
 * processes); returns how many organisations were told now.
 */
export async function notifyManagers(db: Queryable, domain: string, notification: Omit<NewNotification, 'userId' | 'organizationId'>): Promise<number> {
  const offices = await db.selectFrom('organizations').select('id').where('kind', '=', 'office').where('status', '=', 'active').execute();
  const managers = await grantedOrganizations(db, domain, 'manage');
  const organizations = [...new Set([...offices.map((o) => Number(o.id)), ...managers])].sort((a, b) => a - b);
  let told = 0;
  for (const organizationId of organizations)
    if (await notify(db, { ...notification, organizationId, dedupeKey: `${notification.dedupeKey}:${organizationId}` })) told++;
  return told;
}
