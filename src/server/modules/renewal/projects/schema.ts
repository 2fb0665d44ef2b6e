import { z } from 'zod';
import {
  PROJECT_ORIGINS,
  PROJECT_SECTORS,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  RECOGNITION_KINDS,
  RECOGNITION_LEVELS,
  SKIPPABLE_PROJECT_STEPS,
} from '../../../../shared/enums/renewalProjects.js';
import { listQuery } from '../../../http/schema.js';

const date = z.iso.date();
/** Up to 1000亿元, in fen: far above any project, far below what an integer column holds. */
const fen = z.number().int().min(0).max(10_000_000_000_000);
const dictCode = z.string().trim().min(1).max(60);

const oldEquipment = z
  .object({
    name: z.string().trim().min(1).max(100),
    count: z.number().int().min(1).max(100_000),
    yearsInService: z.number().int().min(0).max(100),
    isMachineTool: z.boolean().default(false),
  })
  .strict();

const newEquipment = z
  .object({
    equipmentCode: dictCode.nullable().optional().describe('`renewal_advanced_equipment` dictionary code; omitted for equipment outside the lists'),
    name: z.string().trim().min(1).max(100),
    count: z.number().int().min(1).max(100_000),
    amountFen: fen.nullable().optional(),
    isFirstSet: z.boolean().default(false).describe('首台套: the first (set of) major technical equipment'),
  })
  .strict();

export const projectBody = z
  .object({
    name: z.string().trim().min(2).max(200),
    townId: z.number().int().positive(),
    sector: z.enum(PROJECT_SECTORS),
    industry: dictCode.describe('`industry` dictionary code'),
    type: z.enum(PROJECT_TYPES),
    plannedInvestmentFen: fen,
    plannedEquipmentFen: fen.describe('The equipment share of the planned investment, in fen (≤ the planned investment)'),
    addsLand: z.boolean(),
    energySavedTce: z.number().min(0).max(10_000_000).nullable().optional(),
    emissionsReducedT: z.number().min(0).max(100_000_000).nullable().optional(),
    plannedStart: date,
    plannedEnd: date,
    description: z.string().trim().max(2000).nullable().optional(),
    oldEquipment: z.array(oldEquipment).max(100).default([]),
    newEquipment: z.array(newEquipment).max(100).default([]),
  })
  .strict();
export type ProjectInput = z.infer<typeof projectBody>;

export const reasonBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export const noteBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const startBody = z.object({ startedOn: date }).strict();
export const completeBody = z
  .object({
    completedOn: date,
    actualInvestmentFen: fen,
    actualEquipmentFen: fen,
    evidence: z.array(z.number().int().positive()).min(1).max(20).describe('Attachment ids: acceptance report, invoices, photos'),
  })
  .strict();
export type CompleteInput = z.infer<typeof completeBody>;

export const PROJECT_SORTS = ['createdAt', 'name', 'plannedInvestment', 'actualInvestment', 'year', 'status'] as const;
export const projectListQuery = listQuery(PROJECT_SORTS).extend({
  status: z.enum(PROJECT_STATUSES).optional(),
  sector: z.enum(PROJECT_SECTORS).optional(),
  type: z.enum(PROJECT_TYPES).optional(),
  townId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;
/** The export takes the list's filters and sort, not its paging. */
export const projectExportQuery = projectListQuery.omit({ page: true, pageSize: true });
export type ProjectFilters = z.infer<typeof projectExportQuery>;

const timelineItem = z.object({
  at: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorRole: z.string().nullable(),
  note: z.string().nullable(),
  reasons: z.array(z.string()),
});

export const projectView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  sector: z.enum(PROJECT_SECTORS),
  industry: z.string(),
  type: z.enum(PROJECT_TYPES),
  status: z.enum(PROJECT_STATUSES),
  origin: z.enum(PROJECT_ORIGINS),
  year: z.number().int(),
  plannedInvestmentFen: z.number().int(),
  plannedEquipmentFen: z.number().int(),
  actualInvestmentFen: z.number().int().nullable(),
  actualEquipmentFen: z.number().int().nullable(),
  addsLand: z.boolean(),
  simplified: z.boolean(),
  skippedStep: z.enum(SKIPPABLE_PROJECT_STEPS).nullable(),
  energySavedTce: z.number().nullable(),
  emissionsReducedT: z.number().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnedFrom: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the reader may do now (submit, townPass, approve, start, complete, edit…). */
  actions: z.array(z.string()),
});
export type ProjectView = z.infer<typeof projectView>;

export const projectDetailView = projectView.extend({
  description: z.string().nullable(),
  oldEquipment: z.array(
    z.object({
      name: z.string(),
      count: z.number().int(),
      yearsInService: z.number().int(),
      isMachineTool: z.boolean(),
      /** A machine tool in service longer than the configured years (二(一)1). */
      overAge: z.boolean(),
    }),
  ),
  newEquipment: z.array(
    z.object({
      equipmentCode: z.string().nullable(),
      name: z.string(),
      count: z.number().int(),
      amountFen: z.number().int().nullable(),
      isFirstSet: z.boolean(),
    }),
  ),
  evidence: z.array(z.object({ id: z.number().int(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() })),
  /** The configured machine-tool age the flags were computed with. */
  oldMachineToolYears: z.number().int(),
  timeline: z.array(timelineItem),
});
export type ProjectDetail = z.infer<typeof projectDetailView>;

export const evidenceParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

// Recognitions (智能制造示范工厂/优秀场景).
export const recognitionBody = z
  .object({
    kind: z.enum(RECOGNITION_KINDS),
    level: z.enum(RECOGNITION_LEVELS),
    title: z.string().trim().min(2).max(200),
    recognizedOn: date,
    projectId: z.number().int().positive().nullable().optional().describe('The project recognised; omitted for an enterprise'),
    organizationId: z.number().int().positive().optional().describe('The enterprise, when no project is named'),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();
export type RecognitionInput = z.infer<typeof recognitionBody>;

export const recognitionListQuery = listQuery(['recognizedOn', 'level'] as const).extend({
  kind: z.enum(RECOGNITION_KINDS).optional(),
  level: z.enum(RECOGNITION_LEVELS).optional(),
  townId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type RecognitionListQuery = z.infer<typeof recognitionListQuery>;

export const recognitionView = z.object({
  id: z.number().int(),
  kind: z.enum(RECOGNITION_KINDS),
  level: z.enum(RECOGNITION_LEVELS),
  title: z.string(),
  recognizedOn: z.string(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  projectId: z.number().int().nullable(),
  projectCode: z.string().nullable(),
  projectName: z.string().nullable(),
  townId: z.number().int(),
  townName: z.string(),
  note: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type RecognitionView = z.infer<typeof recognitionView>;

// Imports of a department's existing project list.
export const importJobView = z.object({
  id: z.number().int(),
  filename: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.string(), message: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;
