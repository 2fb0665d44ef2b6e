import { z } from 'zod';
import { RECYCLING_SITE_KINDS, RECYCLING_SITE_STATUSES } from '../../../../shared/enums/recycling.js';
import { listQuery, pageOf, positiveId } from '../../../http/schema.js';
import { CHECKLIST_ANSWERS } from './checklist.js';
import { INSPECTION_RESULTS, RECTIFICATION_STATUSES } from './tables.js';

const date = z.iso.date();
const localised = z.object({ 'zh-CN': z.string(), en: z.string() });
const photos = z.array(positiveId).max(12).default([]).describe('Attachment ids uploaded through POST /api/attachments (12 at most)');

export const checklistView = z.object({
  version: z.number().int(),
  since: z.string(),
  items: z.array(z.object({ code: z.string(), label: localised, hint: localised })),
});

export const inspectionInput = z
  .object({
    siteId: positiveId,
    inspectedOn: date.optional().describe('The day of the visit (Asia/Shanghai); default today, never in the future'),
    checklistVersion: z.number().int().positive().describe('The checklist version answered (GET /api/recycling/inspections/checklist)'),
    answers: z
      .array(
        z
          .object({
            item: z.string().min(1).max(60),
            answer: z.enum(CHECKLIST_ANSWERS).describe('ok 合格, not_ok 不合格, n_a 不适用'),
            note: z.string().trim().max(500).optional(),
          })
          .strict(),
      )
      .max(100)
      .describe('One answer per checklist item'),
    findings: z.string().trim().max(4000).default(''),
    photos,
    result: z.enum(INSPECTION_RESULTS).describe('pass 合格, rectify 限期整改 (needs rectifyBy), ban 取缔 (the site is banned)'),
    rectifyBy: date.optional().describe('Only for rectify: the date by which it must be rectified, after the inspection date'),
  })
  .strict();
export type InspectionInput = z.infer<typeof inspectionInput>;

export const submitRectificationBody = z.object({ note: z.string().trim().min(2).max(2000).describe('What was done'), photos }).strict();
export type SubmitRectificationInput = z.infer<typeof submitRectificationBody>;
export const acceptRectificationBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const rejectRectificationBody = z
  .object({ reason: z.string().trim().min(2).max(500).describe('Why it is not accepted; shown to the operator') })
  .strict();

const timelineEntry = z.object({
  at: z.string(),
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
});

export const RECTIFICATION_ACTIONS = ['submit', 'accept', 'reject'] as const;

export const rectificationView = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  siteId: z.number().int(),
  siteName: z.string(),
  siteCode: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  inspectorOrganizationId: z.number().int(),
  inspectorOrganizationName: z.string(),
  dueOn: z.string(),
  status: z.enum(RECTIFICATION_STATUSES).describe('open → submitted → closed, or back to open when rejected'),
  overdue: z.boolean().describe('Due date passed and not closed'),
  submittedNote: z.string().nullable(),
  submittedPhotos: z.array(z.number().int()),
  submittedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  actions: z.array(z.enum(RECTIFICATION_ACTIONS)).describe('What the caller may do now'),
});
export type RectificationView = z.infer<typeof rectificationView>;

export const inspectionView = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  siteName: z.string(),
  siteCode: z.string(),
  siteStatus: z.enum(RECYCLING_SITE_STATUSES),
  townId: z.number().int(),
  townName: z.string(),
  inspectorOrganizationId: z.number().int(),
  inspectorOrganizationName: z.string(),
  inspectedOn: z.string(),
  result: z.enum(INSPECTION_RESULTS),
  rectifyBy: z.string().nullable(),
  notOkCount: z.number().int().describe('Checklist items answered not_ok'),
  rectificationStatus: z.enum(RECTIFICATION_STATUSES).nullable(),
  createdAt: z.string(),
});
export type InspectionView = z.infer<typeof inspectionView>;

export const inspectionDetailView = inspectionView.extend({
  checklistVersion: z.number().int(),
  answers: z.array(z.object({ item: z.string(), label: localised, answer: z.enum(CHECKLIST_ANSWERS), note: z.string().nullable() })),
  findings: z.string(),
  photos: z.array(z.number().int()),
  rectification: rectificationView.extend({ timeline: z.array(timelineEntry) }).nullable(),
});
export type InspectionDetailView = z.infer<typeof inspectionDetailView>;

export const INSPECTION_SORTS = ['inspectedOn', 'site', 'town', 'result', 'rectifyBy'] as const;
export const listInspectionsQuery = listQuery(INSPECTION_SORTS).extend({
  siteId: positiveId.optional(),
  townId: positiveId.optional(),
  result: z.enum(INSPECTION_RESULTS).optional(),
  from: date.optional().describe('Inspected on or after'),
  to: date.optional().describe('Inspected on or before'),
  inspectorOrganizationId: positiveId.optional().describe('The inspecting unit'),
});
export type ListInspectionsQuery = z.infer<typeof listInspectionsQuery>;
export const inspectionPage = pageOf(inspectionView);

export const RECTIFICATION_FILTERS = ['overdue', 'open', 'submitted', 'closed', 'all'] as const;
export const listRectificationsQuery = listQuery(['dueOn', 'site'] as const).extend({
  state: z.enum(RECTIFICATION_FILTERS).default('overdue').describe('overdue: due date passed and not closed'),
  townId: positiveId.optional(),
});
export type ListRectificationsQuery = z.infer<typeof listRectificationsQuery>;
export const rectificationPage = pageOf(rectificationView);
export const rectificationCounts = z.object({
  open: z.number().int(),
  submitted: z.number().int(),
  overdue: z.number().int(),
  closed: z.number().int(),
});

export const siteOptionsQuery = z.object({ q: z.string().trim().max(100).optional().describe('Part of the site’s name, code or address') });
export const siteOptions = z.array(
  z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(RECYCLING_SITE_KINDS),
    address: z.string(),
    townName: z.string(),
    status: z.enum(RECYCLING_SITE_STATUSES),
  }),
);

export const photoParams = z.object({ id: positiveId, attachmentId: positiveId });
