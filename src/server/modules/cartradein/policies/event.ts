import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

export interface PromotionEventRecord {
  grants?: Grants;
  organization_id?: number;
}

/** Organisers: the office, 市商务局 (trade-in managers), towns and enterprises (not their till staff). */
const organiser = (a: Actor, r?: PromotionEventRecord) => isManager(a, grantsIn(r)) || a.role === 'town' || a.role === 'enterprise';
const ownOrManager = (a: Actor, r?: PromotionEventRecord) =>
  isManager(a, grantsIn(r)) || ((a.role === 'town' || a.role === 'enterprise') && (r?.organization_id === undefined || r.organization_id === a.organizationId));

/**
 * Promotion events: organisers register them as drafts, publish, change and cancel them and report their results,
 * each its own (managers any); officials, businesses and auditors see the published ones with results, and a draft
 * only its organiser, the managers and auditors; the public sees the calendar of published events without login.
 */
export const promotionEventPolicy = definePolicy<
  PromotionEventRecord,
  'calendar' | 'list' | 'read' | 'readDraft' | 'create' | 'update' | 'publish' | 'reportResults' | 'cancel'
>('cartradein_event', {
  calendar: () => true,
  list: hasRole('office', 'department', 'town', 'enterprise', 'merchant', 'auditor'),
  read: hasRole('office', 'department', 'town', 'enterprise', 'merchant', 'auditor'),
  readDraft: (a, r) => a.role === 'auditor' || ownOrManager(a, r),
  create: organiser,
  update: ownOrManager,
  publish: ownOrManager,
  reportResults: ownOrManager,
  cancel: ownOrManager,
});
