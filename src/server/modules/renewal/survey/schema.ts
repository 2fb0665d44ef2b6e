import { z } from 'zod';
import { listQuery, pageOf, positiveId } from '../../../http/schema.js';
import { SURVEY_RESPONSE_STATUSES, SURVEY_ROUND_STATUSES } from '../../../../shared/enums/renewalSurvey.js';
import { zCreditCode } from '../../../../shared/zodFields.js';

const date = z.iso.date();
const count = z.number().int().min(0).max(100_000);

export const roundBody = z
  .object({
    year: z.number().int().min(2000).max(2100).describe('The survey year (调查年度); one round per year, a 2023 baseline round may be entered'),
    deadline: date.describe('The date enterprises should answer by (Asia/Shanghai)'),
  })
  .strict();
export type RoundInput = z.infer<typeof roundBody>;

export const roundView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  status: z.enum(SURVEY_ROUND_STATUSES),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  registerSize: z.number().int(),
  checked: z.number().int(),
  isDemo: z.boolean(),
});
export type RoundView = z.infer<typeof roundView>;

export const registerBody = z
  .object({
    creditCode: zCreditCode().describe('18-character 统一社会信用代码 with its check character'),
    name: z.string().trim().min(2).max(100),
    townId: positiveId,
    industry: z.string().trim().min(1).max(60).describe('An `industry` dictionary code'),
  })
  .strict();
export type RegisterInput = z.infer<typeof registerBody>;

export const copyBody = z.object({ fromRoundId: positiveId }).strict();

export const registerQuery = listQuery(['name', 'town', 'status'] as const).extend({
  townId: positiveId.optional(),
  status: z
    .enum([...SURVEY_RESPONSE_STATUSES, 'none', 'answered'])
    .optional()
    .describe('The response status; `none` for no response yet, `answered` for any response'),
});
export type RegisterQuery = z.infer<typeof registerQuery>;

export const responseAnswers = z
  .object({
    hasRdTools: z.boolean().describe('Digital R&D and design tools in use'),
    rdTools: z.array(z.string().trim().min(1).max(40)).max(20).describe('`renewal_digital_rd_tool` codes; at least one when hasRdTools, none otherwise'),
    keyProcesses: count.describe('Number of key processes (关键工序)'),
    cncProcesses: count.describe('How many of them are numerically controlled (数控化); never more than keyProcesses'),
    transformed: z.boolean().describe('Digital transformation (数字化改造) done'),
    transformationNote: z.string().trim().max(500).optional().describe('A short description; required when transformed'),
    app5gCount: count.describe('5G+工业互联网 applications'),
    app5gNames: z.string().trim().max(500).optional().describe('Their names; required when app5gCount > 0'),
  })
  .strict();
export type ResponseAnswers = z.infer<typeof responseAnswers>;

export const reasonBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

const answersView = z.object({
  hasRdTools: z.boolean(),
  rdTools: z.array(z.string()),
  keyProcesses: z.number().int(),
  cncProcesses: z.number().int(),
  transformed: z.boolean(),
  transformationNote: z.string().nullable(),
  app5gCount: z.number().int(),
  app5gNames: z.string().nullable(),
});

export const responseView = z.object({
  id: z.number().int(),
  status: z.enum(SURVEY_RESPONSE_STATUSES),
  answers: answersView,
  onBehalf: z.boolean(),
  returnReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
  actions: z.array(z.enum(['edit', 'submit', 'check', 'return'])),
});
export type ResponseView = z.infer<typeof responseView>;

export const registerRowView = z.object({
  id: z.number().int(),
  roundId: z.number().int(),
  year: z.number().int(),
  roundStatus: z.enum(SURVEY_ROUND_STATUSES),
  deadline: z.string(),
  creditCode: z.string(),
  name: z.string(),
  townId: z.number().int(),
  townName: z.string(),
  industry: z.string(),
  organizationId: z.number().int().nullable(),
  hasAccount: z.boolean(),
  isDemo: z.boolean(),
  response: responseView.nullable(),
});
export type RegisterRowView = z.infer<typeof registerRowView>;
export const registerPage = pageOf(registerRowView);

export const importResultView = z.object({
  status: z.enum(['succeeded', 'failed']),
  totalRows: z.number().int(),
  importedRows: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type ImportResultView = z.infer<typeof importResultView>;

/** One group's figures: every rate with the response rate it stands on. Rates in %, change in 百分点. */
export const figuresView = z.object({
  key: z.string(),
  label: z.string(),
  registerSize: z.number().int(),
  submitted: z.number().int(),
  checked: z.number().int(),
  responseRate: z.number().nullable(),
  rdToolRate: z.number().nullable(),
  cncRate: z.number().nullable(),
  cncChange: z.number().nullable().describe('CNC rate minus the 2023 round’s for the same group, 百分点; null without a 2023 figure'),
  transformationCoverage: z.number().nullable().describe('Done ÷ checked respondents'),
  transformationLowerBound: z.number().nullable().describe('Done ÷ register size: the floor if every non-respondent has not'),
  apps5g: z.number().int(),
});
export type FiguresView = z.infer<typeof figuresView>;

export const resultsView = z.object({
  round: roundView,
  baselineYear: z.number().int().nullable(),
  city: figuresView,
  byTown: z.array(figuresView),
  byIndustry: z.array(figuresView),
});
export type ResultsView = z.infer<typeof resultsView>;

export const mineView = z.object({ rows: z.array(registerRowView) });
