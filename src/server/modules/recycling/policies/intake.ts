import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

/** What the rules look at; absent: "some record" (the route's check before the service loads it). */
export interface IntakeRecord {
  grants?: Grants;
  /** The recycler whose record or invoice it is (for a new record: the site's operator). */
  recyclerOrganizationId?: number | null;
}

const recycler = hasRole('recycler');
/** The recycler the record belongs to: the operator of the site it was taken in at. */
const own = (a: Actor, r?: IntakeRecord) =>
  recycler(a) &&
  a.organizationId !== null &&
  (r?.recyclerOrganizationId === undefined || (r.recyclerOrganizationId !== null && r.recyclerOrganizationId === a.organizationId));
/** 市商务局 (recycling `manage`), the office and auditors read every recycler's records and invoices. */
const overseer = (a: Actor, r?: IntakeRecord) => isManager(a, grantsIn(r)) || a.role === 'auditor';

/**
 * Intake records and reverse invoices: a recycler records what its operating sites take in, voids its own
 * mistakes, lists and exports its own invoices for filing; 市商务局, the office and auditors read and export all.
 */
export const intakePolicy = definePolicy<IntakeRecord, 'record' | 'list' | 'read' | 'void' | 'listInvoices' | 'exportInvoices'>('recycling_intake', {
  record: own,
  list: (a, r) => own(a, r) || overseer(a, r),
  read: (a, r) => own(a, r) || overseer(a, r),
  void: own,
  listInvoices: (a, r) => own(a, r) || overseer(a, r),
  exportInvoices: (a, r) => own(a, r) || overseer(a, r),
});
