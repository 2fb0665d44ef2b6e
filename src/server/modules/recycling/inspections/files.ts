import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { translate } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { workbookBuffer } from '../../../http/excel.js';
import { openAttachment, type OpenedFile } from '../../platform/attachments/service.js';
import { inspectionPolicy } from '../policies/inspection.js';
import { filteredInspections, loadInspection, orderedInspections } from './queries.js';
import type { ListInspectionsQuery } from './schema.js';
import type { InspectionResult } from './tables.js';

/**
 * Opens a photo of an inspection or of its rectification report for whoever may read the inspection (the photo
 * was uploaded by someone else's unit, so the attachment policy alone would refuse them). Audited as viewed.
 */
export async function readInspectionPhoto(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download = false): Promise<OpenedFile> {
  const detail = await loadInspection(deps.database.db, ctx, id);
  const cited = [...detail.photos, ...(detail.rectification?.submittedPhotos ?? [])];
  if (!cited.includes(attachmentId)) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'recycling_inspection', id }, download });
}

/** Excel rows cap: an export is for a filtered list, not a dump of the database. */
const MAX_EXPORT_ROWS = 20_000;

export async function exportInspections(deps: AppDeps, ctx: RequestContext, q: ListInspectionsQuery): Promise<{ filename: string; buffer: Buffer }> {
  authorize(ctx.actor, inspectionPolicy, 'export');
  const rows = await orderedInspections(filteredInspections(deps.database.db, ctx.actor, q), q)
    .limit(MAX_EXPORT_ROWS)
    .execute();
  const zh = ctx.locale === 'zh-CN';
  const result = (r: InspectionResult) => translate(ctx.locale, `recycling.inspection.result.${r}`);
  const buffer = await workbookBuffer({
    name: zh ? '检查记录' : 'Inspections',
    columns: [
      { header: zh ? '检查日期' : 'Inspected on', width: 12, value: (r) => r.inspected_on },
      { header: zh ? '网点编号' : 'Site code', width: 16, value: (r) => r.site_code },
      { header: zh ? '网点名称' : 'Site', width: 30, value: (r) => r.site_name },
      { header: zh ? '镇街' : 'Town', width: 14, value: (r) => r.town_name },
      { header: zh ? '检查单位' : 'Inspecting unit', width: 20, value: (r) => r.inspector_name },
      { header: zh ? '结论' : 'Result', width: 12, value: (r) => result(r.result) },
      { header: zh ? '整改期限' : 'Rectify by', width: 12, value: (r) => r.rectify_by },
      { header: zh ? '整改状态' : 'Rectification', width: 12, value: (r) => r.rectification_status },
      { header: zh ? '检查表版本' : 'Checklist version', width: 10, value: (r) => r.checklist_version },
      {
        header: zh ? '不合格项数' : 'Items not OK',
        width: 10,
        value: (r) => (JSON.parse(r.answers_json) as { answer: string }[]).filter((a) => a.answer === 'not_ok').length,
      },
      { header: zh ? '检查发现' : 'Findings', width: 50, value: (r) => r.findings },
    ],
    rows,
  });
  return { filename: `${zh ? '回收网点检查记录' : 'recycling-inspections'}.xlsx`, buffer };
}
