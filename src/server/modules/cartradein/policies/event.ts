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
 * Promotion events: organisers register them and report their results, each its own (managers any); officials,
 * businesses and auditors see the full list with results; the public sees the calendar without login.
 */
export const promotionEventPolicy = definePolicy<PromotionEventRecord, 'calendar' | 'list' | 'read' | 'create' | 'update' | 'reportResults' | 'cancel'>(
  'cartradein_event',
  {
    calendar: () => true,
    list: hasRole('office', 'department', 'town', 'enterprise', 'merchant', 'auditor'),
    read: hasRole('office', 'department', 'town', 'enterprise', 'merchant', 'auditor'),
    create: organiser,
    update: ownOrManager,
    reportResults: ownOrManager,
    cancel: ownOrManager,
  },
);
