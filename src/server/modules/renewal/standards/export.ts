import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction } from '../../../db/database.js';
import { workbookBuffer } from '../../../http/excel.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import type { AnyClaimSpec, ClaimRow } from './model.js';
import { filterClaims, selectClaims, sortClaims } from './queries.js';
import type { ClaimListQuery } from './schema.js';
import { recordOf } from './service.js';

/** Far above any list of the part, so a filter is never silently cut. */
const MAX_EXPORT_ROWS = 50_000;

/** Labels of dictionary codes in the caller's language (the export writes labels, not codes). */
async function dictionaryLabels(deps: AppDeps, ctx: RequestContext) {
  const items = await deps.database.db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['d.code as dictionary', 'i.code', 'i.label_zh', 'i.label_en'])
    .execute();
  const map = new Map(items.map((i) => [`${i.dictionary}:${i.code}`, ctx.locale === 'zh-CN' ? i.label_zh : i.label_en]));
  return (dictionary: string, code: string) => map.get(`${dictionary}:${code}`) ?? code;
}

/** A model's filtered list (the list's filters and sort, submitted records and on) as a spreadsheet; audited. */
export async function exportClaims(deps: AppDeps, ctx: RequestContext, spec: AnyClaimSpec, f: ClaimListQuery & Record<string, unknown>) {
  const db = deps.database.db;
  authorize(ctx.actor, spec.policy, 'export', await recordOf(db, ctx, spec));
  const rows = (await sortClaims(filterClaims(selectClaims(db, spec).where('c.status', '!=', 'draft'), spec, f), spec, f)
    .limit(MAX_EXPORT_ROWS)
    .execute()) as ClaimRow[];
  const columns = spec.exportColumns(ctx, await dictionaryLabels(deps, ctx));
  const name = spec.sheet[ctx.locale === 'zh-CN' ? 'zh-CN' : 'en'];
  const buffer = await workbookBuffer({ name, columns, rows });
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, {
      entity: spec.workflow.kind,
      action: 'export',
      after: { filters: { ...f, page: undefined, pageSize: undefined }, rows: rows.length },
    }),
  );
  return { filename: `${name}.xlsx`, buffer };
}
