import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * The renewal overview (projects by sector, type, town and year, funding by source): the office supervises it, every
 * department reads it (市工信局 approves the projects, 市发改局 and 市财政局 fund them, the sector departments answer
 * for theirs), auditors check it. Towns and enterprises have their own lists.
 */
export const overviewPolicy = definePolicy<Record<string, never>, 'read' | 'export'>('renewal_overview', {
  read: hasRole('office', 'department', 'auditor'),
  export: hasRole('office', 'department', 'auditor'),
});
