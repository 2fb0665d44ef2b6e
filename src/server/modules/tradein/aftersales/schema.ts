import { z } from 'zod';
import { AFTER_SALES_KINDS, AFTER_SALES_STATUSES, AFTER_SALES_TOPICS, MERCHANT_STATUSES, SALE_CHANNELS } from '../../../../shared/enums/tradein.js';
import { listQuery, pageQuery } from '../../../http/schema.js';

export { AFTER_SALES_KINDS, AFTER_SALES_STATUSES, AFTER_SALES_TOPICS };

const text = (max: number) => z.string().trim().min(2).max(max);

export const openCaseBody = z
  .object({
    redemptionId: z.number().int().positive().describe('The subsidised purchase (one of my redemptions)'),
    kind: z.enum(AFTER_SALES_KINDS),
    topic: z.enum(AFTER_SALES_TOPICS),
    description: text(1000),
  })
  .strict();
export type OpenCaseInput = z.infer<typeof openCaseBody>;

export const respondBody = z.object({ note: text(1000).describe('The merchant’s first answer, shown to the resident') }).strict();
export const resolveBody = z.object({ outcome: text(1000).describe('What was done (for a return: the goods taken back; the subsidy is reversed)') }).strict();
export const refuseBody = z.object({ reason: text(1000) }).strict();
export const rateBody = z.object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(500).optional() }).strict();

const timelineItem = z.object({
  at: z.string(),
  action: z.string(),
  from: z.enum(AFTER_SALES_STATUSES).nullable(),
  to: z.enum(AFTER_SALES_STATUSES),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
});

export const caseView = z.object({
  id: z.number().int(),
  redemptionId: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  merchantId: z.number().int(),
  kind: z.enum(AFTER_SALES_KINDS),
  topic: z.enum(AFTER_SALES_TOPICS),
  description: z.string(),
  status: z.enum(AFTER_SALES_STATUSES),
  /** The purchase: programme and category, product, price and channel. */
  programId: z.number().int(),
  category: z.string(),
  product: z.string(),
  serialNumber: z.string(),
  price: z.number().int().describe('fen'),
  subsidy: z.number().int().describe('fen'),
  channel: z.enum(SALE_CHANNELS),
  openedAt: z.string(),
  respondedAt: z.string().nullable(),
  responseNote: z.string().nullable(),
  /** Hours from opening to the merchant's first answer (one decimal), null while unanswered. */
  responseHours: z.number().nullable(),
  /** Open with no answer for more than 48 hours. */
  overdue: z.boolean(),
  resolvedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  /** A return resolved: the goods went back and the subsidy was reversed. */
  returned: z.boolean(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
});
export type CaseView = z.infer<typeof caseView>;

export const caseDetailView = caseView.extend({ timeline: z.array(timelineItem) });
export type CaseDetailView = z.infer<typeof caseDetailView>;

export const CASE_SORTS = ['openedAt'] as const;
export const listCasesQuery = listQuery(CASE_SORTS).extend({
  kind: z.enum(AFTER_SALES_KINDS).optional(),
  status: z.enum(AFTER_SALES_STATUSES).optional(),
  topic: z.enum(AFTER_SALES_TOPICS).optional(),
  overdue: z.enum(['true', 'false']).optional().describe('Only cases open with no answer for more than 48 hours'),
  organizationId: z.coerce.number().int().positive().optional().describe('Supervisors: one merchant’s cases'),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;
export const myCasesQuery = pageQuery;

const isoDate = z.iso.date();

export const SERVICE_SORTS = [
  'name',
  'sales',
  'onlineShare',
  'returns',
  'repairs',
  'complaints',
  'complaintRate',
  'medianResponseHours',
  'avgResponseHours',
  'unanswered',
  'avgRating',
] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];
export const serviceQuery = listQuery(SERVICE_SORTS).extend({
  from: isoDate.optional().describe('First day of the window (Asia/Shanghai); default 1 January this year'),
  to: isoDate.optional().describe('Last day of the window (Asia/Shanghai, inclusive); default 31 December this year'),
});
export type ServiceQuery = z.infer<typeof serviceQuery>;
export const serviceExportQuery = serviceQuery.omit({ page: true, pageSize: true });
export type ServiceExportQuery = z.infer<typeof serviceExportQuery>;

export const merchantServiceRow = z.object({
  organizationId: z.number().int(),
  name: z.string(),
  enrolments: z.array(z.object({ id: z.number().int(), programId: z.number().int(), programName: z.string(), status: z.enum(MERCHANT_STATUSES) })),
  /** Subsidised sales that stand (accepted redemptions) made in the window. */
  sales: z.number().int(),
  onlineSales: z.number().int(),
  /** Online sales ÷ sales, %, one decimal; null without sales. */
  onlineShare: z.number().nullable(),
  returns: z.number().int(),
  repairs: z.number().int(),
  complaints: z.number().int(),
  /** Complaints opened in the window per 1,000 sales made in it (‰, one decimal); null without sales. */
  complaintRate: z.number().nullable(),
  medianResponseHours: z.number().nullable(),
  avgResponseHours: z.number().nullable(),
  /** Cases opened in the window still without an answer. */
  unanswered: z.number().int(),
  avgRating: z.number().nullable(),
  ratings: z.number().int(),
});
export type MerchantServiceRow = z.infer<typeof merchantServiceRow>;
export const merchantServicePage = z.object({
  items: z.array(merchantServiceRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  from: z.string(),
  to: z.string(),
});
export type MerchantServicePage = z.infer<typeof merchantServicePage>;
