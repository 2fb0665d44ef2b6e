import { z } from 'zod';
import { BRAND_KINDS } from '../../../../shared/enums/renewalStandards.js';
import { shanghaiDate } from '../../../core/time.js';
import type { FieldIssue } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { brandPolicy } from '../policies/brand.js';
import { claimLabels } from './labels.js';
import type { ClaimSpec } from './model.js';
import { claimBodyBase, date, text } from './schema.js';
import { brandWorkflow } from './workflow.js';

export const brandBody = claimBodyBase
  .extend({
    kind: z.enum(BRAND_KINDS).describe('国潮 brand or 晋江优品 product'),
    name: text(200, 2),
    category: text(100),
    recognizedOn: date,
    recognizer: text(200, 2),
  })
  .strict();
export type BrandInput = z.infer<typeof brandBody>;

export const brandFields = { kind: z.enum(BRAND_KINDS), name: z.string(), category: z.string(), recognizedOn: z.string(), recognizer: z.string() };

async function checkBrand(_tx: Tx, input: BrandInput): Promise<FieldIssue[]> {
  return input.recognizedOn > shanghaiDate() ? [{ path: 'recognizedOn', reason: 'field.renewal.standards.dateInFuture' }] : [];
}

/** 国潮 brands and 晋江优品 products, confirmed by 市工信局 (renewal `manage`). */
export const brandSpec: ClaimSpec<'renewal_brands', BrandInput, Record<string, unknown>> = {
  model: 'brand',
  table: 'renewal_brands',
  workflow: brandWorkflow,
  policy: brandPolicy,
  domain: 'renewal',
  body: brandBody,
  columns: (i) => ({ kind: i.kind, name: i.name, category: i.category, recognized_on: i.recognizedOn, recognizer: i.recognizer }),
  view: (r) => ({ kind: r.kind, name: r.name, category: r.category, recognizedOn: r.recognized_on, recognizer: r.recognizer }),
  check: checkBrand,
  search: ['name', 'category', 'recognizer'],
  dateColumn: 'recognized_on',
  nameColumn: 'name',
  filters: { kind: 'kind' },
  sheet: { 'zh-CN': '品牌', en: 'Brands' },
  exportColumns: (ctx) => {
    const l = claimLabels(ctx.locale);
    return [
      { header: l.organization, width: 30, value: (r) => r.organization_name },
      { header: l.town, value: (r) => r.town_name },
      { header: l.kind, value: (r) => l.brandKind[r.kind] },
      { header: l.brandName, width: 30, value: (r) => r.name },
      { header: l.category, width: 20, value: (r) => r.category },
      { header: l.recognizedOn, value: (r) => r.recognized_on },
      { header: l.recognizer, width: 28, value: (r) => r.recognizer },
      { header: l.status, value: (r) => l.statusOf[r.status] },
      { header: l.confirmedAt, width: 22, value: (r) => r.confirmed_at },
    ];
  },
};
