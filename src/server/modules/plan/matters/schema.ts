import { z } from 'zod';
import { listQuery } from '../../../http/schema.js';
import { MATTER_STATUSES, MATTER_URGENCIES } from './tables.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const raiseMatterBody = z
  .object({
    title: text(4, 100),
    description: text(10, 4000),
    urgency: z.enum(MATTER_URGENCIES),
    /** Evidence uploaded through POST /api/attachments by the same organisation. */
    attachmentIds: z.array(z.number().int().positive()).max(10).default([]),
  })
  .strict();
export type RaiseMatterInput = z.infer<typeof raiseMatterBody>;

export const answerBody = z.object({ answer: text(2, 4000) }).strict();
export const escalateBody = z.object({ note: text(2, 1000) }).strict();
export const closeBody = z.object({ note: z.string().trim().max(1000).optional() }).strict();
export const withdrawBody = z.object({ reason: text(2, 1000) }).strict();

export const MATTER_SORT_KEYS = ['raisedAt', 'dueAt', 'urgency', 'status', 'organization', 'title'] as const;
export type MatterSortKey = (typeof MATTER_SORT_KEYS)[number];

export const matterListQuery = listQuery(MATTER_SORT_KEYS).extend({
  status: z.enum(MATTER_STATUSES).optional(),
  urgency: z.enum(MATTER_URGENCIES).optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  /** Only the matters whose answer is owed and past its deadline (the office's overdue listing). */
  overdue: z.enum(['true', 'false']).optional(),
});
export type MatterListQuery = z.infer<typeof matterListQuery>;

const org = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const matterSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  urgency: z.enum(MATTER_URGENCIES),
  status: z.enum(MATTER_STATUSES),
  organization: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  raisedAt: z.string(),
  dueAt: z.string(),
  /** An answer is owed and the deadline has passed. */
  overdue: z.boolean(),
  escalatedTo: org,
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  demo: z.boolean(),
});
export type MatterView = z.infer<typeof matterSchema>;

export const matterDetailSchema = matterSchema.extend({
  description: z.string(),
  escalatedAt: z.string().nullable(),
  escalationNote: z.string().nullable(),
  answer: z.string().nullable(),
  answeredBy: org,
  closingNote: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  evidence: z.array(z.object({ id: z.number().int(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() })),
  /** What the caller may do now. */
  actions: z.array(z.string()),
  timeline: z.array(
    z.object({
      id: z.number().int(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
});
export type MatterDetailView = z.infer<typeof matterDetailSchema>;

/** The plan's text as the public announcements page shows it. */
export const publicPlanSchema = z
  .object({
    title: z.string(),
    docNumber: z.string(),
    issuer: z.string(),
    issuedOn: z.string(),
    preamble: z.string(),
    generalRequirements: z.string(),
    sections: z.array(z.object({ section: z.string(), number: z.string(), title: z.string(), text: z.string() })),
  })
  .nullable();
