import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { authorize } from '../../../core/policy.js';
import { endOfShanghaiDate, shanghaiDate, shanghaiYear, yearBounds } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { EVENT_EFFECTS, ledgerMetricName, type EventEffect } from '../../../../shared/ledgers/definition.js';
import { loadKind, type LoadedKind } from '../kinds/current.js';
import { kindCounts } from '../kinds/list.js';
import { computeLedgerMetric } from '../metrics/compute.js';
import { assetPolicy } from '../policies/asset.js';
import { organizationNames } from './detail.js';
import type { OverviewView } from './schema.js';
import { labelOf } from './store.js';

/** The plan runs from 2024; the trend starts there. */
const FIRST_YEAR = 2024;

/** Assets in service on `day` (and, with `oldOnly`, old then), by town. */
function inServiceOn(db: Queryable, kind: LoadedKind, day: string, townId: number | null) {
  let q = db
    .selectFrom('ledger_assets')
    .where('kind_id', '=', kind.id)
    .where((eb) => eb.or([eb('in_service_from', 'is', null), eb('in_service_from', '<=', day)]))
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', day)]));
  if (townId !== null) q = q.where('town_id', '=', townId);
  return q;
}

/**
 * A ledger's renewal at a glance: in service and old today, renewed this year, the events of each year since
 * 2024 by effect with the old assets at each year's end, the towns' parts, and the kind's plan figures this year
 * to date. Grouped queries, a few per page whatever the ledger's size.
 */
export async function kindOverview(deps: AppDeps, ctx: RequestContext, kindId: number, q: { townId?: number | undefined }): Promise<OverviewView> {
  const db = deps.database.db;
  const kind = await loadKind(db, kindId);
  const townId = ctx.actor.role === 'town' ? (ctx.actor.organizationId ?? -1) : (q.townId ?? null);
  authorize(ctx.actor, assetPolicy, 'read', ctx.actor.role === 'town' ? { kind: kind.record, townId } : { kind: kind.record });
  const today = shanghaiDate();
  const year = shanghaiYear();
  const counts = (await kindCounts(db, [kind.id], townId)).get(kind.id)!;

  const yearOf = sql<string>`substr(${sql.ref('occurred_on')}, 1, 4)`;
  let events = db
    .selectFrom('ledger_events')
    .select((eb) => [yearOf.as('year'), 'effect', eb.fn.countAll<number>().as('n')])
    .where('kind_id', '=', kind.id)
    .where('occurred_on', '>=', `${FIRST_YEAR}-01-01`)
    .where('occurred_on', '<=', today);
  if (townId !== null) events = events.where('town_id', '=', townId);
  const eventRows = await events.groupBy([yearOf, 'effect']).execute();

  const byYear: OverviewView['byYear'] = [];
  for (let y = FIRST_YEAR; y <= year; y++) {
    const end = y === year ? today : `${y}-12-31`;
    const old = await inServiceOn(db, kind, end, townId)
      .where('old_from', '<=', end)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const of = (effect: EventEffect) => Number(eventRows.find((r) => Number(r.year) === y && r.effect === effect)?.n ?? 0);
    byYear.push({
      year: y,
      ...(Object.fromEntries(EVENT_EFFECTS.map((e) => [e, of(e)])) as Record<EventEffect, number>),
      oldAtEnd: Number(old.n),
    });
  }

  const towns = await inServiceOn(db, kind, today, townId)
    .select((eb) => [
      'town_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('old_from', 'is not', null), eb('old_from', '<=', today)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('old'),
    ])
    .groupBy('town_id')
    .execute();
  const names = await organizationNames(
    db,
    towns.map((t) => (t.town_id === null ? null : Number(t.town_id))),
  );
  const byTown = towns
    .map((t) => {
      const id = t.town_id === null ? null : Number(t.town_id);
      return { townId: id, townName: id === null ? null : (names.get(id) ?? null), inService: Number(t.n), old: Number(t.old ?? 0) };
    })
    .sort((a, b) => b.inService - a.inService || (a.townId ?? 0) - (b.townId ?? 0));

  const window = { from: yearBounds(year).from.toISOString(), to: endOfShanghaiDate(today).toISOString(), ...(townId !== null ? { townId } : {}) };
  const metrics = await Promise.all(
    kind.definition.metrics.map(async (m) => ({
      name: ledgerMetricName(kind.code, m.code),
      label: labelOf(m.label, ctx.locale),
      unit: m.unit,
      value: await computeLedgerMetric(db, kind, m, window),
    })),
  );

  return {
    inService: counts.assets,
    old: counts.old,
    oldShare: counts.assets ? Math.round((counts.old / counts.assets) * 10000) / 10000 : null,
    renewedThisYear: counts.renewedThisYear,
    byYear,
    byTown,
    metrics,
  };
}
