import type { OrganizationView, UserView } from '../../api/types';

/**
 * What the menu and buttons offer, mirroring the server's policies (src/server/modules/platform/policies). The
 * server decides; these only keep the UI from offering what would be refused.
 */
const inOwnTown = (user: UserView, org: OrganizationView) =>
  user.role === 'town' && (org.id === user.organization.townId || org.townId === user.organization.townId);

export function canReview(user: UserView, org: OrganizationView): boolean {
  return user.role === 'office' || (inOwnTown(user, org) && org.kind === 'enterprise');
}

export function canSuspend(user: UserView, org: OrganizationView): boolean {
  if (org.id === user.organization.id) return false;
  return user.role === 'admin' || (inOwnTown(user, org) && org.kind === 'enterprise');
}

export function canUpdateOrganization(user: UserView, org: OrganizationView): boolean {
  if (user.role === 'office' || user.role === 'admin') return true;
  if (inOwnTown(user, org)) return true;
  return (user.role === 'enterprise' || user.role === 'merchant' || user.role === 'recycler') && org.id === user.organization.id;
}

export const canManageAccounts = (user: UserView) => user.role === 'admin';
