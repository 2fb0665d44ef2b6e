import type { AppDeps } from '../../../core/deps.js';
import type { Queryable } from '../../../db/database.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { translate } from '../../../core/messages.js';
import { workbookBuffer } from '../../../http/excel.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { addressedOrganizations } from './access.js';
import { noticePolicy } from './policy.js';
import type { PublicNoticeQuery, PublicNoticeView, ReaderView, ReadersQuery } from './schema.js';

async function noticeFor(deps: AppDeps, ctx: RequestContext, id: number) {
  authorize(ctx.actor, noticePolicy, 'readers');
  const n = await deps.database.db.selectFrom('notices').select(['id', 'title', 'audience']).where('id', '=', id).executeTakeFirst();
  if (!n) throw notFound();
  return { id: Number(n.id), title: n.title, audience: n.audience };
}

/** The organisations addressed with their confirmation (who, when), those not yet confirmed first. */
function readersOf(deps: AppDeps, n: Awaited<ReturnType<typeof noticeFor>>, confirmed: 'true' | 'false' | undefined) {
  let qb = addressedOrganizations(deps.database.db, n)
    .leftJoin('notice_reads as r', (j) => j.onRef('r.organization_id', '=', 'o.id').on('r.notice_id', '=', n.id))
    .leftJoin('users as u', 'u.id', 'r.user_id');
  if (confirmed === 'true') qb = qb.where('r.confirmed_at', 'is not', null);
  if (confirmed === 'false') qb = qb.where('r.confirmed_at', 'is', null);
  return qb;
}

const readerView = (r: { id: number; name: string; kind: string; confirmed_at: string | null; display_name: string | null }): ReaderView => ({
  organization: { id: Number(r.id), name: r.name, kind: r.kind },
  confirmedAt: r.confirmed_at,
  confirmedBy: r.display_name,
});

export async function listReaders(deps: AppDeps, ctx: RequestContext, id: number, q: ReadersQuery): Promise<Page<ReaderView>> {
  const n = await noticeFor(deps, ctx, id);
  const page = await paginate(
    readersOf(deps, n, q.confirmed),
    (qb) =>
      qb
        .select(['r.confirmed_at', 'u.display_name'])
        .orderBy('r.confirmed_at', (ob) => ob.asc().nullsFirst())
        .orderBy('o.id'),
    q,
  );
  return { ...page, items: page.items.map(readerView) };
}

/** The units that have not confirmed yet, as an Excel file to chase them with. */
export async function exportUnconfirmed(deps: AppDeps, ctx: RequestContext, id: number): Promise<{ title: string; buffer: Buffer }> {
  const n = await noticeFor(deps, ctx, id);
  const rows = await readersOf(deps, n, 'false').select(['r.confirmed_at', 'u.display_name']).orderBy('o.id').execute();
  const t = (key: 'notice.export.organization' | 'notice.export.kind' | 'notice.export.notice') => translate(ctx.locale, key);
  const buffer = await workbookBuffer({
    name: translate(ctx.locale, 'notice.export.sheet'),
    columns: [
      { header: t('notice.export.organization'), width: 36, value: (r) => r.name },
      {
        header: t('notice.export.kind'),
        width: 12,
        value: (r) => translate(ctx.locale, r.kind === 'town' ? 'notice.export.town' : 'notice.export.department'),
      },
      { header: t('notice.export.notice'), width: 48, value: () => n.title },
    ],
    rows,
  });
  return { title: n.title, buffer };
}

/** Published public notices, newest first, searchable: anyone, no sign-in. */
export async function listPublicNotices(deps: AppDeps, q: PublicNoticeQuery, db: Queryable = deps.database.db): Promise<Page<PublicNoticeView>> {
  let base = db.selectFrom('notices').where('status', '=', 'published').where('audience', '=', 'public');
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('title', 'like', like), eb('body', 'like', like)]));
  }
  const page = await paginate(
    base,
    (qb) => qb.select(['id', 'title', 'kind', 'body', 'published_at', 'is_demo']).orderBy('published_at', q.order).orderBy('id', q.order),
    q,
  );
  return {
    ...page,
    items: page.items.map((r) => ({ id: Number(r.id), title: r.title, kind: r.kind, body: r.body, publishedAt: r.published_at ?? '', demo: r.is_demo === 1 })),
  };
}
