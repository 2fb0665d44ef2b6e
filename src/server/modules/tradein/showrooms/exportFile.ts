import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { translate, type MessageKey } from '../../../core/messages.js';
import { shanghaiDate } from '../../../core/time.js';
import { workbookBuffer } from '../../../http/excel.js';
import type { ExportShowroomsQuery, ShowroomView } from './schema.js';
import { scopedShowrooms, toViews } from './service.js';

/** More than an official can read in one sheet; the first cell says when rows were left out. */
export const SHOWROOM_EXPORT_MAX_ROWS = 10_000;

/** The supervisors' Excel of the showrooms as filtered on the page, labels in the caller's language. */
export async function exportShowrooms(deps: AppDeps, ctx: RequestContext, q: ExportShowroomsQuery): Promise<{ filename: string; buffer: Buffer }> {
  const { db, base, sorted } = await scopedShowrooms(deps, ctx, q, 'export');
  const total = Number(
    (
      await base
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const rows = await toViews(db, await sorted(base).limit(SHOWROOM_EXPORT_MAX_ROWS).execute());
  const tr = (key: MessageKey, params?: Record<string, unknown>) => translate(ctx.locale, key, params);
  const label = (key: string) => tr(`tradein.showroom.export.${key}` as MessageKey);
  const columns: { header: string; width?: number; value: (r: ShowroomView) => string | number | null }[] = [
    { header: label('id'), width: 8, value: (r) => r.id },
    { header: label('organization'), width: 30, value: (r) => r.organizationName },
    { header: label('name'), width: 30, value: (r) => r.name },
    { header: label('kind'), width: 18, value: (r) => tr(`tradein.showroom.kind.${r.kind}`) },
    { header: label('channel'), value: (r) => tr(`tradein.showroom.channel.${r.channel}`) },
    { header: label('town'), width: 14, value: (r) => r.townName },
    { header: label('address'), width: 36, value: (r) => r.address },
    { header: label('url'), width: 36, value: (r) => r.url },
    { header: label('hours'), width: 22, value: (r) => r.openingHours },
    { header: label('programs'), width: 40, value: (r) => r.programs.map((p) => p.name).join('；') },
    { header: label('status'), value: (r) => tr(`tradein.showroom.status.${r.status}`) },
    { header: label('updatedAt'), width: 12, value: (r) => shanghaiDate(r.updatedAt) },
  ];
  if (total > rows.length) columns[0]!.header = `${columns[0]!.header} (${tr('tradein.showroom.export.truncated', { total, max: SHOWROOM_EXPORT_MAX_ROWS })})`;
  const buffer = await workbookBuffer({ name: tr('tradein.showroom.export.sheet'), columns, rows });
  return { filename: tr('tradein.showroom.export.filename', { date: shanghaiDate() }), buffer };
}
