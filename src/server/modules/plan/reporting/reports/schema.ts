import { z } from 'zod';
import { listQuery } from '../../../../http/schema.js';
import { REPORT_STATUSES } from '../tables.js';

const value = z.number().finite().nullable();

/** What a unit fills in; every field is optional so a draft can be saved bit by bit. */
export const saveReportBody = z.object({
  value: value.optional(),
  baselineValue: value.optional(),
  narrative: z.string().trim().max(4000).nullable().optional(),
  /** Evidence files uploaded through POST /api/attachments by the same organisation; replaces the list. */
  attachmentIds: z.array(z.number().int().positive()).max(10).optional(),
});
export type SaveReportInput = z.infer<typeof saveReportBody>;

export const returnReportBody = z.object({ reason: z.string().trim().min(2).max(1000) });

export const reportFilters = z.object({
  planId: z.coerce.number().int().positive().optional(),
  periodId: z.coerce.number().int().positive().optional(),
  period: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  indicatorId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  role: z.enum(['lead', 'co', 'town']).optional(),
  late: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;

/** The columns the list sorts by (`sort`), each in either `order`; without `sort`, latest period first in plan order. */
export const REPORT_SORT_KEYS = ['period', 'indicator', 'organization', 'value', 'status', 'submittedAt'] as const;
export type ReportSortKey = (typeof REPORT_SORT_KEYS)[number];

/** Paging and sorting as every list takes them (no free-text search: the filters name what to find). */
const listParams = listQuery(REPORT_SORT_KEYS).pick({ page: true, pageSize: true, sort: true, order: true });

/** The export takes the list's filters and its order, so the file lists what the screen shows, in the same order. */
export const reportExportQuery = reportFilters.extend(listQuery(REPORT_SORT_KEYS).pick({ sort: true, order: true }).shape);
export type ReportExportQuery = z.infer<typeof reportExportQuery>;

export const reportListQuery = reportFilters.extend({
  ...listParams.shape,
});
export type ReportListQuery = z.infer<typeof reportListQuery>;

export const evidenceSchema = z.object({ id: z.number().int(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() });

export const reportSchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  periodId: z.number().int(),
  period: z.string(),
  deadlineDate: z.string(),
  indicator: z.object({ id: z.number().int(), code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), kind: z.string() }),
  organization: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  role: z.enum(['lead', 'co', 'town']),
  status: z.enum(REPORT_STATUSES),
  value: z.number().nullable(),
  baselineValue: z.number().nullable(),
  /** The lead must report the baseline-year value with this report (once per indicator). */
  needsBaseline: z.boolean(),
  baselineYear: z.number().int().nullable(),
  narrative: z.string().nullable(),
  late: z.boolean(),
  /** Not handed in and the deadline has passed. */
  overdue: z.boolean(),
  firstSubmittedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submissionCount: z.number().int(),
  returnedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  updatedAt: z.string(),
  evidence: z.array(evidenceSchema),
});
export type ReportView = z.infer<typeof reportSchema>;

export const reportEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: z.string(),
  toStatus: z.string(),
  value: z.number().nullable(),
  reason: z.string().nullable(),
  actorUserId: z.number().int().nullable(),
  at: z.string(),
});
export const reportDetailSchema = reportSchema.extend({ events: z.array(reportEventSchema) });
export type ReportDetailView = z.infer<typeof reportDetailSchema>;
