import { definePolicy, signedIn } from '../../../core/policy.js';

export interface NotificationRecord {
  user_id: number | null;
  organization_id: number | null;
}

/** A notification is read by the user it names, or by any member of the organisation it names. */
export const notificationPolicy = definePolicy<NotificationRecord, 'list' | 'markRead'>('notification', {
  list: signedIn,
  markRead: (a, r) => signedIn(a) && (!r || r.user_id === a.userId || (r.user_id === null && r.organization_id === a.organizationId)),
});
