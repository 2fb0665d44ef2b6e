import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import { shanghaiDate } from '../../../core/time.js';
import { likePattern, type Page } from '../../../http/pagination.js';
import type { PublicShowroomsQuery, PublicShowroomView } from './schema.js';
import { showroomBase } from './service.js';

/**
 * The residents' finder of showrooms and sample rooms (no sign-in), beside the store finder and by its rule: a
 * showroom is listed while it is open, its business is active, and it takes part in a programme that is active and
 * not yet over in which the business is approved (a pending or suspended enrolment does not put it on the map).
 * Only those programmes are shown with it; nothing else of the business or the enrolment is public.
 */

export async function findShowrooms(deps: AppDeps, query: PublicShowroomsQuery): Promise<Page<PublicShowroomView>> {
  const db = deps.database.db;
  const today = shanghaiDate();
  let base = showroomBase(db)
    .where('s.status', '=', 'open')
    .where('o.status', '=', 'active')
    .where((eb) => {
      let running = eb
        .selectFrom('tradein_showroom_programs as sp')
        .innerJoin('tradein_programs as g', 'g.id', 'sp.program_id')
        .innerJoin('tradein_merchants as m', 'm.program_id', 'g.id')
        .select('sp.program_id')
        .whereRef('sp.showroom_id', '=', 's.id')
        .whereRef('m.organization_id', '=', 's.organization_id')
        .where('m.status', '=', 'approved')
        .where('g.status', '=', 'active')
        .where('g.valid_to', '>=', today);
      if (query.programId) running = running.where('g.id', '=', query.programId);
      return eb.exists(running);
    });
  if (query.kind) base = base.where('s.kind', '=', query.kind);
  if (query.channel) base = base.where('s.channel', '=', query.channel);
  if (query.townId) base = base.where('s.town_id', '=', query.townId);
  if (query.q) {
    const pattern = likePattern(query.q);
    base = base.where((eb) =>
      eb.or([sql<boolean>`${eb.ref('s.name')} like ${pattern} escape '\\'`, sql<boolean>`${eb.ref('o.name')} like ${pattern} escape '\\'`]),
    );
  }
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      's.id',
      's.name',
      's.kind',
      's.channel',
      's.town_id',
      't.name as town_name',
      's.address',
      's.url',
      's.opening_hours',
      's.description',
      'o.name as organization_name',
    ])
    // Places to visit first, then the online ones; by town, then name.
    .orderBy('s.channel')
    .orderBy('t.name')
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const programs = ids.length
    ? await db
        .selectFrom('tradein_showrooms as s')
        .where('s.id', 'in', ids)
        .innerJoin('tradein_showroom_programs as sp', 'sp.showroom_id', 's.id')
        .innerJoin('tradein_programs as g', 'g.id', 'sp.program_id')
        .innerJoin('tradein_merchants as m', (j) => j.onRef('m.program_id', '=', 'g.id').onRef('m.organization_id', '=', 's.organization_id'))
        .where('m.status', '=', 'approved')
        .where('g.status', '=', 'active')
        .where('g.valid_to', '>=', today)
        .select(['s.id as showroom_id', 'g.id', 'g.name', 'g.kind'])
        .orderBy('g.valid_from')
        .orderBy('g.id')
        .execute()
    : [];
  return {
    total: Number(count?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      kind: r.kind,
      channel: r.channel,
      townId: r.town_id === null ? null : Number(r.town_id),
      townName: r.town_name,
      address: r.address,
      url: r.url,
      openingHours: r.opening_hours,
      description: r.description,
      organizationName: r.organization_name,
      programs: programs.filter((p) => Number(p.showroom_id) === Number(r.id)).map((p) => ({ id: Number(p.id), name: p.name, kind: p.kind })),
    })),
  };
}
