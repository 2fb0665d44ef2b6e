import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate, shanghaiYear } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import type { Page } from '../../../http/pagination.js';
import type { EventEffect } from '../../../../shared/ledgers/definition.js';
import { kindPolicy } from '../policies/kind.js';
import { listKinds, type LoadedKind } from './current.js';
import type { KindListQuery, KindSummary } from './schema.js';
import { kindAbilities, named, organizationNames } from './views.js';

/** The effects that count as renewal of an asset already in the ledger (an `added` one is a new asset). */
export const RENEWAL_EFFECTS: readonly EventEffect[] = ['upgraded', 'replaced', 'retrofitted', 'scrapped'];

export interface KindCounts {
  assets: number;
  old: number;
  renewedThisYear: number;
}

/**
 * In service and old today, renewed this Shanghai year, for some kinds (a town: its own assets and events): one
 * grouped query per figure, whatever the number of kinds.
 */
export async function kindCounts(db: Queryable, kindIds: readonly number[], townId: number | null): Promise<Map<number, KindCounts>> {
  const out = new Map<number, KindCounts>(kindIds.map((id) => [id, { assets: 0, old: 0, renewedThisYear: 0 }]));
  if (!kindIds.length) return out;
  const today = shanghaiDate();
  const year = shanghaiYear();
  const inService = () => {
    let q = db
      .selectFrom('ledger_assets')
      .select((eb) => ['kind_id', eb.fn.countAll<number>().as('n')])
      .where('kind_id', 'in', kindIds)
      .where((eb) => eb.or([eb('in_service_from', 'is', null), eb('in_service_from', '<=', today)]))
      .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]));
    if (townId !== null) q = q.where('town_id', '=', townId);
    return q.groupBy('kind_id');
  };
  let renewed = db
    .selectFrom('ledger_events')
    .select((eb) => ['kind_id', eb.fn.countAll<number>().as('n')])
    .where('kind_id', 'in', kindIds)
    .where('effect', 'in', RENEWAL_EFFECTS)
    .where('occurred_on', '>=', `${year}-01-01`)
    .where('occurred_on', '<=', `${year}-12-31`);
  if (townId !== null) renewed = renewed.where('town_id', '=', townId);
  const [assets, old, events] = await Promise.all([
    inService().execute(),
    inService().where('old_from', '<=', today).execute(),
    renewed.groupBy('kind_id').execute(),
  ]);
  for (const r of assets) out.get(Number(r.kind_id))!.assets = Number(r.n);
  for (const r of old) out.get(Number(r.kind_id))!.old = Number(r.n);
  for (const r of events) out.get(Number(r.kind_id))!.renewedThisYear = Number(r.n);
  return out;
}

const collator = new Intl.Collator('en', { numeric: true });
// The plan's order (A1-T4 before A1-T10), then kinds the plan does not name, by code.
const byPlan = (a: LoadedKind, b: LoadedKind) =>
  collator.compare(a.definition.planRefs[0] ?? '~', b.definition.planRefs[0] ?? '~') || collator.compare(a.code, b.code);

/**
 * The kinds the caller may read (a town: those open to towns), searched by code or name, in the plan's order. Kinds
 * are few (tens), so they are filtered and paged here, where the names in the definitions are.
 */
export async function listKindSummaries(deps: AppDeps, ctx: RequestContext, q: KindListQuery): Promise<Page<KindSummary>> {
  authorize(ctx.actor, kindPolicy, 'list');
  const db = deps.database.db;
  const needle = q.q?.toLowerCase();
  const matching = (await listKinds(db))
    .filter((k) => kindPolicy.can(ctx.actor, 'read', k.record))
    .filter((k) => !needle || [k.code, k.definition.name.zh, k.definition.name.en].some((s) => s.toLowerCase().includes(needle)))
    .sort(byPlan);
  const page = matching.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const townId = ctx.actor.role === 'town' ? ctx.actor.organizationId : null;
  const [counts, names] = await Promise.all([
    kindCounts(
      db,
      page.map((k) => k.id),
      townId,
    ),
    organizationNames(
      db,
      page.map((k) => k.keeperOrganizationId),
    ),
  ]);
  return {
    items: page.map((k) => ({
      id: k.id,
      code: k.code,
      name: k.definition.name,
      keeper: named(names, k.keeperOrganizationId),
      version: k.version,
      shipped: k.shipped,
      townAccess: k.definition.townAccess,
      planRefs: k.definition.planRefs,
      ...counts.get(k.id)!,
      ...kindAbilities(ctx.actor, k),
    })),
    total: matching.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
