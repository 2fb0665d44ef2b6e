import { definePolicy } from '../../../../core/policy.js';
import { isOffice, ownOrganization, readsAllReports, takesPartInReporting } from './common.js';

export interface ReportRecord {
  id: number;
  /** The organisation that owes the report (a department, or a town for its breakdown). */
  organizationId: number;
}

/**
 * One organisation's report for one indicator and period. The office and auditors read all of them; a department
 * or town reads, fills in and submits only its own; only the office accepts or returns. Lists and exports are
 * scoped by the service to what the actor may read.
 */
export const planReportPolicy = definePolicy<ReportRecord, 'list' | 'read' | 'save' | 'submit' | 'accept' | 'return' | 'export' | 'template'>('plan_report', {
  list: takesPartInReporting,
  read: (a, r) => readsAllReports(a) || ownOrganization(a, r?.organizationId),
  save: (a, r) => ownOrganization(a, r?.organizationId),
  submit: (a, r) => ownOrganization(a, r?.organizationId),
  accept: isOffice,
  return: isOffice,
  export: takesPartInReporting,
  template: (a) => ownOrganization(a, undefined),
});
