import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { inTransaction } from '../../../db/database.js';
import { projectPolicy } from '../policies/project.js';
import { exportWorkbook } from './excel.js';
import { exportLabels } from './labels.js';
import { filterProjects, selectProjects, sortProjects } from './queries.js';
import type { ProjectFilters } from './schema.js';

/** The largest export: far above the library's size, so a filter is never silently cut. */
const MAX_EXPORT_ROWS = 50_000;

/** Any filtered list of the library as a spreadsheet (the same filters and sort as the list); the export is audited. */
export async function exportProjects(deps: AppDeps, ctx: RequestContext, f: ProjectFilters): Promise<{ filename: string; buffer: Buffer }> {
  const db = deps.database.db;
  authorize(ctx.actor, projectPolicy, 'listAll', { grants: await grantsOf(db, ctx.actor, 'renewal') });
  const rows = await sortProjects(filterProjects(selectProjects(db).where('p.status', '!=', 'draft'), f), f)
    .limit(MAX_EXPORT_ROWS)
    .execute();
  const items = await db
    .selectFrom('dictionary_items as i')
    .innerJoin('dictionaries as d', 'd.id', 'i.dictionary_id')
    .select(['i.code', 'i.label_zh', 'i.label_en'])
    .where('d.code', '=', 'industry')
    .execute();
  const labels = new Map(items.map((i) => [i.code, ctx.locale === 'zh-CN' ? i.label_zh : i.label_en]));
  const buffer = await exportWorkbook(rows, ctx.locale, (code) => labels.get(code) ?? code);
  await inTransaction(deps.database, (tx) => appendAudit(tx, ctx, { entity: 'renewal_project', action: 'export', after: { filters: f, rows: rows.length } }));
  return { filename: `${exportLabels(ctx.locale).sheet}.xlsx`, buffer };
}
