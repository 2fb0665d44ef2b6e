import { z } from 'zod';
import { listQuery } from '../../../http/schema.js';
import { ALERT_COLOURS, ORDER_STATUSES, ORDER_SUBJECTS } from './tables.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.coerce.number().int().positive();

/** What the office fills in to raise an order; `issue` sends it to the unit at once (the dashboard's one click). */
export const raiseOrderBody = z.object({
  planId: z.number().int().positive(),
  subject: z.enum(ORDER_SUBJECTS),
  subjectId: z.number().int().positive(),
  organizationId: z.number().int().positive(),
  matter: z.string().trim().min(2).max(500),
  requirement: z.string().trim().min(2).max(2000),
  deadlineDate: day,
  issue: z.boolean().optional(),
});
export type RaiseOrderInput = z.infer<typeof raiseOrderBody>;

export const noteBody = z.object({ note: z.string().trim().max(1000).nullish() }).nullish();

/** The unit's report of what it did, with its evidence (uploaded through POST /api/attachments by the same unit). */
export const feedbackBody = z.object({
  feedback: z.string().trim().min(2).max(4000),
  attachmentIds: z.array(z.number().int().positive()).max(10).optional(),
});
export type FeedbackInput = z.infer<typeof feedbackBody>;

export const returnOrderBody = z.object({ reason: z.string().trim().min(2).max(1000) });

export const orderFilters = z.object({
  planId: id.optional(),
  status: z.enum(ORDER_STATUSES).optional(),
  organizationId: id.optional(),
  subject: z.enum(ORDER_SUBJECTS).optional(),
  subjectId: id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** The colour of the order's alert today. */
  colour: z.enum(ALERT_COLOURS).optional(),
  open: z.enum(['true', 'false']).optional(),
});
export type OrderFilters = z.infer<typeof orderFilters>;

export const ORDER_SORT_KEYS = ['deadline', 'raisedAt', 'status', 'organization', 'updatedAt'] as const;
export type OrderSortKey = (typeof ORDER_SORT_KEYS)[number];

/** Paging, sorting and a search over the matter, the subject and the unit's name. */
export const orderListQuery = orderFilters.extend(listQuery(ORDER_SORT_KEYS).shape);
export type OrderListQuery = z.infer<typeof orderListQuery>;
export const orderExportQuery = orderFilters.extend(listQuery(ORDER_SORT_KEYS).pick({ sort: true, order: true, q: true }).shape);
export type OrderExportQuery = z.infer<typeof orderExportQuery>;

export const evidenceSchema = z.object({ id: z.number().int(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() });

export const orderSchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  subject: z.enum(ORDER_SUBJECTS),
  subjectId: z.number().int(),
  subjectTitle: z.string(),
  organization: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  matter: z.string(),
  requirement: z.string(),
  deadlineDate: z.string(),
  status: z.enum(ORDER_STATUSES),
  /** The unit still owes something and the deadline has passed. */
  overdue: z.boolean(),
  /** Today's alert colour, if any. */
  colour: z.enum(ALERT_COLOURS).nullable(),
  feedback: z.string().nullable(),
  returnReason: z.string().nullable(),
  reviewNote: z.string().nullable(),
  returnCount: z.number().int(),
  issuedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  fedBackAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  evidence: z.array(evidenceSchema),
});
export type OrderView = z.infer<typeof orderSchema>;

export const orderEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  actorRole: z.string().nullable(),
  at: z.string(),
});
export const orderDetailSchema = orderSchema.extend({
  events: z.array(orderEventSchema),
  /** What the caller may do now. */
  actions: z.array(z.string()),
});
export type OrderDetailView = z.infer<typeof orderDetailSchema>;

export const alertQuery = z.object({
  planId: id.optional(),
  /** Only the caller's own unit's alerts (the workspace). */
  mine: z.enum(['true', 'false']).optional(),
  subject: z.enum(['indicator', 'order']).optional(),
});

export const alertSchema = z.object({
  subject: z.enum(['indicator', 'order']),
  subjectId: z.number().int(),
  colour: z.enum(ALERT_COLOURS),
  title: z.string(),
  organizationId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The reason in the caller's language. */
  message: z.string(),
});
export const alertsSchema = z.object({ day: z.string().nullable(), items: z.array(alertSchema) });
export type AlertView = z.infer<typeof alertSchema>;
export type AlertsView = z.infer<typeof alertsSchema>;

export const refreshBody = z.object({ planId: z.number().int().positive().optional() }).nullish();
export const refreshSchema = z.object({ day: z.string(), red: z.number().int(), yellow: z.number().int(), blue: z.number().int(), notified: z.number().int() });
