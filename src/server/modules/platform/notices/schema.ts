import { z } from 'zod';
import { listQuery, pageQuery } from '../../../http/schema.js';
import { NOTICE_AUDIENCES, NOTICE_KINDS, NOTICE_STATUSES } from './tables.js';

export const noticeBody = z
  .object({
    title: z.string().trim().min(4).max(120),
    kind: z.enum(NOTICE_KINDS),
    body: z.string().trim().min(10).max(20000),
    audience: z.enum(NOTICE_AUDIENCES),
    /** The organisations addressed when `audience` is `units` (departments and towns); ignored otherwise. */
    organizationIds: z.array(z.number().int().positive()).max(100).default([]),
  })
  .strict();
export type NoticeInput = z.infer<typeof noticeBody>;

export const withdrawNoticeBody = z.object({ reason: z.string().trim().min(2).max(1000) }).strict();

export const NOTICE_SORT_KEYS = ['publishedAt', 'createdAt', 'title', 'status'] as const;
export type NoticeSortKey = (typeof NOTICE_SORT_KEYS)[number];

export const noticeListQuery = listQuery(NOTICE_SORT_KEYS).extend({
  status: z.enum(NOTICE_STATUSES).optional(),
  kind: z.enum(NOTICE_KINDS).optional(),
  audience: z.enum(NOTICE_AUDIENCES).optional(),
  /** A unit's notices it has (true) or has not (false) confirmed. */
  confirmed: z.enum(['true', 'false']).optional(),
});
export type NoticeListQuery = z.infer<typeof noticeListQuery>;

export const publicNoticeQuery = listQuery(['publishedAt'] as const).pick({ page: true, pageSize: true, q: true, order: true });
export type PublicNoticeQuery = z.infer<typeof publicNoticeQuery>;

export const readersQuery = pageQuery.extend({ confirmed: z.enum(['true', 'false']).optional() });
export type ReadersQuery = z.infer<typeof readersQuery>;

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const noticeSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(NOTICE_KINDS),
  audience: z.enum(NOTICE_AUDIENCES),
  status: z.enum(NOTICE_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  /** For a unit addressed: when its confirmation was given (null: not yet); null for everyone else. */
  confirmedAt: z.string().nullable(),
  /** The caller's organisation is asked to confirm it. */
  awaitsMyConfirmation: z.boolean(),
  demo: z.boolean(),
});
export type NoticeView = z.infer<typeof noticeSchema>;

export const noticeDetailSchema = noticeSchema.extend({
  body: z.string(),
  recipients: z.array(orgRef),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  /** For the office: how many units are addressed and how many have confirmed. */
  confirmations: z.object({ addressed: z.number().int(), confirmed: z.number().int() }).nullable(),
  actions: z.array(z.string()),
  timeline: z.array(z.object({ id: z.number().int(), action: z.string(), toStatus: z.string(), note: z.string().nullable(), at: z.string() })),
});
export type NoticeDetailView = z.infer<typeof noticeDetailSchema>;

export const readerSchema = z.object({
  organization: orgRef.extend({ kind: z.string() }),
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
});
export type ReaderView = z.infer<typeof readerSchema>;

export const publicNoticeSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(NOTICE_KINDS),
  body: z.string(),
  publishedAt: z.string(),
  demo: z.boolean(),
});
export type PublicNoticeView = z.infer<typeof publicNoticeSchema>;
