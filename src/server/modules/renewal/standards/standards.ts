import { z } from 'zod';
import {
  normaliseStandardNumber,
  PUBLISHED_STAGES,
  STANDARD_LEVELS,
  STANDARD_NUMBER_PATTERNS,
  STANDARD_ROLES,
  STANDARD_STAGES,
} from '../../../../shared/enums/renewalStandards.js';
import { AppError, type FieldIssue } from '../../../core/errors.js';
import { standardPolicy } from '../policies/standard.js';
import type { ClaimSpec } from './model.js';
import { claimBodyBase, date, text } from './schema.js';
import { standardWorkflow } from './workflow.js';
import { claimLabels } from './labels.js';

export const standardBody = claimBodyBase
  .extend({
    title: text(200, 2),
    number: text(60, 3).describe('GB/T 12345—2024, QB/T 1234—2020, T/CNLIC 0001—2024, DB35/T …, Q/…; checked loosely by level'),
    level: z.enum(STANDARD_LEVELS),
    role: z.enum(STANDARD_ROLES),
    stage: z.enum(STANDARD_STAGES).describe('立项, 征求意见, 报批, 发布, 实施, 废止'),
    approvedOn: date.nullable().optional(),
    publishedOn: date.nullable().optional(),
    implementedOn: date.nullable().optional(),
    body: text(200, 2).describe('The standards body (标准化技术委员会, the association)'),
  })
  .strict();
export type StandardInput = z.infer<typeof standardBody>;

export const standardFields = {
  title: z.string(),
  number: z.string(),
  numberKey: z.string(),
  level: z.enum(STANDARD_LEVELS),
  role: z.enum(STANDARD_ROLES),
  stage: z.enum(STANDARD_STAGES),
  approvedOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  implementedOn: z.string().nullable(),
  body: z.string(),
};

async function checkStandard(
  tx: Parameters<ClaimSpec<'renewal_standards', StandardInput, unknown>['check']>[0],
  input: StandardInput,
  organizationId: number,
  id: number | null,
) {
  const issues: FieldIssue[] = [];
  const key = normaliseStandardNumber(input.number);
  if (!STANDARD_NUMBER_PATTERNS[input.level].test(key)) issues.push({ path: 'number', reason: 'field.renewal.standards.numberForLevel' });
  const published = (PUBLISHED_STAGES as readonly string[]).includes(input.stage);
  if (published && !input.publishedOn) issues.push({ path: 'publishedOn', reason: 'field.renewal.standards.publishedOnRequired' });
  if (input.stage === 'approved' && !input.approvedOn) issues.push({ path: 'approvedOn', reason: 'field.renewal.standards.approvedOnRequired' });
  if (input.approvedOn && input.publishedOn && input.publishedOn < input.approvedOn)
    issues.push({ path: 'publishedOn', reason: 'field.renewal.standards.publishedBeforeApproved' });
  if (input.publishedOn && input.implementedOn && input.implementedOn < input.publishedOn)
    issues.push({ path: 'implementedOn', reason: 'field.renewal.standards.implementedBeforePublished' });
  if (issues.length) return issues;
  // The organisation records its part in a standard once; another organisation's part in it is its own row.
  let q = tx.selectFrom('renewal_standards').select('id').where('organization_id', '=', organizationId).where('number_key', '=', key);
  if (id !== null) q = q.where('id', '!=', id);
  if (await q.executeTakeFirst())
    throw new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field: 'number' }, [{ path: 'number', reason: 'field.renewal.standards.standardTaken' }]);
  return issues;
}

/** Standards organisations lead or join, confirmed by 市市场监管局 (renewal_standards). */
export const standardSpec: ClaimSpec<'renewal_standards', StandardInput, Record<string, unknown>> = {
  model: 'standard',
  table: 'renewal_standards',
  workflow: standardWorkflow,
  policy: standardPolicy,
  domain: 'renewal_standards',
  body: standardBody,
  columns: (i) => ({
    title: i.title,
    number: i.number,
    number_key: normaliseStandardNumber(i.number),
    level: i.level,
    role: i.role,
    stage: i.stage,
    approved_on: i.approvedOn ?? null,
    published_on: i.publishedOn ?? null,
    implemented_on: i.implementedOn ?? null,
    body: i.body,
  }),
  view: (r) => ({
    title: r.title,
    number: r.number,
    numberKey: r.number_key,
    level: r.level,
    role: r.role,
    stage: r.stage,
    approvedOn: r.approved_on,
    publishedOn: r.published_on,
    implementedOn: r.implemented_on,
    body: r.body,
  }),
  check: checkStandard,
  search: ['title', 'number', 'body'],
  dateColumn: 'published_on',
  nameColumn: 'title',
  filters: { level: 'level', role: 'role', stage: 'stage' },
  sheet: { 'zh-CN': '标准', en: 'Standards' },
  exportColumns: (ctx) => {
    const l = claimLabels(ctx.locale);
    return [
      { header: l.organization, width: 30, value: (r) => r.organization_name },
      { header: l.town, value: (r) => r.town_name },
      { header: l.title, width: 40, value: (r) => r.title },
      { header: l.number, width: 24, value: (r) => r.number },
      { header: l.level, value: (r) => l.standardLevel[r.level] },
      { header: l.role, value: (r) => l.roleOf[r.role] },
      { header: l.stage, value: (r) => l.stageOf[r.stage] },
      { header: l.approvedOn, value: (r) => r.approved_on },
      { header: l.publishedOn, value: (r) => r.published_on },
      { header: l.implementedOn, value: (r) => r.implemented_on },
      { header: l.body, width: 30, value: (r) => r.body },
      { header: l.status, value: (r) => l.statusOf[r.status] },
      { header: l.confirmedAt, width: 22, value: (r) => r.confirmed_at },
    ];
  },
};
