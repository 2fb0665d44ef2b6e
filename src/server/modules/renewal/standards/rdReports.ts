import { z } from 'zod';
import { fenToDecimal } from '../../../../shared/money.js';
import { AppError, type FieldIssue } from '../../../core/errors.js';
import { shanghaiYear } from '../../../core/time.js';
import type { Tx } from '../../../db/database.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import { rdReportPolicy } from '../policies/rdReport.js';
import { claimLabels } from './labels.js';
import type { ClaimSpec } from './model.js';
import { claimBodyBase, fen, text } from './schema.js';
import { rdReportWorkflow } from './workflow.js';

export const rdReportBody = claimBodyBase
  .extend({
    year: z.number().int().min(2015).max(2100),
    rdFen: fen.describe('R&D spending of the year, in fen'),
    revenueFen: z.number().int().min(0).max(1_000_000_000_000_000).describe('Revenue of the year, in fen (for the intensity); up to 10万亿元'),
    rdStaff: z.number().int().min(0).max(1_000_000),
    industry: text(60).describe('`industry` dictionary code'),
  })
  .strict();
export type RdReportInput = z.infer<typeof rdReportBody>;

export const rdReportFields = {
  year: z.number().int(),
  rdFen: z.number().int(),
  revenueFen: z.number().int(),
  rdStaff: z.number().int(),
  industry: z.string(),
  /** R&D spending ÷ revenue, %, two decimals; null without revenue. */
  intensityPercent: z.number().nullable(),
};

export const intensity = (rd: number, revenue: number) => (revenue > 0 ? Math.round((rd / revenue) * 10_000) / 100 : null);

async function checkRdReport(tx: Tx, input: RdReportInput, organizationId: number, id: number | null) {
  const issues: FieldIssue[] = [];
  if (!(await isCodeOffered(tx, 'industry', input.industry))) issues.push({ path: 'industry', reason: 'field.renewal.standards.codeNotOffered' });
  // A year is reported once it has begun (the spending of the running year so far, or a finished year's).
  if (input.year > shanghaiYear()) issues.push({ path: 'year', reason: 'field.renewal.standards.yearInFuture' });
  if (input.rdFen > input.revenueFen && input.revenueFen > 0) issues.push({ path: 'rdFen', reason: 'field.renewal.standards.rdOverRevenue' });
  if (issues.length) return issues;
  let q = tx.selectFrom('renewal_rd_reports').select('id').where('organization_id', '=', organizationId).where('year', '=', input.year);
  if (id !== null) q = q.where('id', '!=', id);
  if (await q.executeTakeFirst())
    throw new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field: 'year' }, [
      { path: 'year', reason: 'field.renewal.standards.rdYearTaken', params: { year: input.year } },
    ]);
  return issues;
}

/** Yearly R&D investment reports, confirmed by 市科技局 (renewal_rd `manage`). */
export const rdReportSpec: ClaimSpec<'renewal_rd_reports', RdReportInput, Record<string, unknown>> = {
  model: 'rd',
  table: 'renewal_rd_reports',
  workflow: rdReportWorkflow,
  policy: rdReportPolicy,
  domain: 'renewal_rd',
  body: rdReportBody,
  columns: (i) => ({ year: i.year, rd_fen: i.rdFen, revenue_fen: i.revenueFen, rd_staff: i.rdStaff, industry: i.industry }),
  view: (r) => ({
    year: Number(r.year),
    rdFen: Number(r.rd_fen),
    revenueFen: Number(r.revenue_fen),
    rdStaff: Number(r.rd_staff),
    industry: r.industry,
    intensityPercent: intensity(Number(r.rd_fen), Number(r.revenue_fen)),
  }),
  check: checkRdReport,
  search: [],
  dateColumn: 'year',
  nameColumn: 'rd_fen',
  filters: { industry: 'industry' },
  sheet: { 'zh-CN': '研发投入', en: 'R&D investment' },
  exportColumns: (ctx, label) => {
    const l = claimLabels(ctx.locale);
    return [
      { header: l.organization, width: 30, value: (r) => r.organization_name },
      { header: l.town, value: (r) => r.town_name },
      { header: l.year, value: (r) => Number(r.year) },
      { header: l.industry, width: 20, value: (r) => label('industry', r.industry) },
      { header: l.rdYuan, width: 18, value: (r) => Number(fenToDecimal(Number(r.rd_fen))) },
      { header: l.revenueYuan, width: 18, value: (r) => Number(fenToDecimal(Number(r.revenue_fen))) },
      { header: l.intensity, value: (r) => intensity(Number(r.rd_fen), Number(r.revenue_fen)) },
      { header: l.rdStaff, value: (r) => Number(r.rd_staff) },
      { header: l.status, value: (r) => l.statusOf[r.status] },
      { header: l.confirmedAt, width: 22, value: (r) => r.confirmed_at },
    ];
  },
};
