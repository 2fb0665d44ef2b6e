import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { windowDates, type MetricParams } from '../../../core/metrics.js';
import type { Queryable } from '../../../db/database.js';
import type { DatabaseSchema } from '../../../db/schema.js';
import { addDays, addYears } from '../../../../shared/dates.js';
import type { EventSlot, LedgerDefinition, LedgerMetric, RuleCondition } from '../../../../shared/ledgers/definition.js';
import { slotOf } from '../definition/slots.js';
import type { LoadedKind } from '../kinds/current.js';
import type { LedgerAssetTable, LedgerEventTable } from '../tables.js';

type Tables = DatabaseSchema & { a: LedgerAssetTable; e: LedgerEventTable; any_asset: LedgerAssetTable };
type AssetEb = ExpressionBuilder<Tables, 'a'>;
type Scalar = string | number;

/**
 * The last day a date field may hold for `years` to have passed by `onDate`: the inverse of addYears, which moves
 * 29 February to 28 February, so the day after the plain subtraction can still qualify (2024-02-29 + 15 years is
 * 2039-02-28).
 */
export function ageCutoff(onDate: string, years: number): string {
  const cutoff = addYears(onDate, -years);
  const next = addDays(cutoff, 1);
  return addYears(next, years) <= onDate ? next : cutoff;
}

/**
 * One `where` condition as SQL on the field's slot, meaning what `conditionHolds` (shared/ledgers/rules.ts) means
 * on values: an empty value (null, or '' in a text slot) meets `empty`, `ne` and `notIn` and nothing else. Values
 * take the slot's class so PostgreSQL compares like with like; a number that is not one matches nothing.
 */
function conditionSql(eb: AssetEb, def: LedgerDefinition, c: RuleCondition, onDate: string): Expression<SqlBool> {
  const slot = slotOf(def, c.field);
  const col = eb.ref(`a.${slot}`);
  const numeric = slot.startsWith('n');
  const filled = numeric ? eb(col, 'is not', null) : eb.and([eb(col, 'is not', null), eb(col, '!=', '')]);
  const empty = eb.not(filled);
  const typed = (v: Scalar): Scalar | null => {
    if (!numeric) return String(v);
    const n = typeof v === 'number' ? v : v.trim() === '' ? NaN : Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const nothing = eb.lit(false);
  switch (c.op) {
    case 'ageAtLeast':
      return eb.and([filled, eb(col, '<=', ageCutoff(onDate, c.years))]);
    case 'empty':
      return empty;
    case 'notEmpty':
      return filled;
    case 'in':
    case 'notIn': {
      const values = c.values.map(typed).filter((v): v is Scalar => v !== null);
      const member = values.length ? eb.and([filled, eb(col, 'in', values)]) : nothing;
      return c.op === 'in' ? member : eb.not(member);
    }
    default: {
      const v = typed(c.value);
      const holds = v === null ? nothing : eb.and([filled, eb(col, c.op === 'eq' || c.op === 'ne' ? '=' : OPERATORS[c.op], v)]);
      return c.op === 'ne' ? eb.not(holds) : holds;
    }
  }
}

const OPERATORS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** Whether the asset was in service on `day` (common rule of the module). */
function inServiceOn(eb: AssetEb, day: string): Expression<SqlBool> {
  return eb.and([
    eb.or([eb('a.in_service_from', 'is', null), eb('a.in_service_from', '<=', day)]),
    eb.or([eb('a.ended_on', 'is', null), eb('a.ended_on', '>', day)]),
  ]);
}

// The event queries join the asset; what they ask of it reads only `a`, which Kysely's types cannot narrow to.
const onAsset = (eb: ExpressionBuilder<Tables, 'a' | 'e'>) => eb as unknown as AssetEb;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * One figure of a ledger kind over a window, in one query: flows (`events`, `eventSum`, `addedSum`) count or sum
 * events that occurred in the window (`addedSum`: over the assets they brought into service — added, or new in a
 * replacement, as an electric bus bought to replace a diesel one is new equipment bought); levels (`inService`, `old`, `sum`, `share`) read the assets as they stood on
 * its last day. `params.townId` keeps one town's assets and events; the metric's `where` keeps assets meeting it
 * (ageAtLeast judged on the window's last day); `scale` divides into the plan's unit. A ledger nobody has entered
 * an asset into yet has no figure (null), so an indicator shows "no data" rather than a fall to 0; share is null
 * when nothing is in service.
 */
export async function computeLedgerMetric(db: Queryable, kind: LoadedKind, metric: LedgerMetric, params: MetricParams): Promise<number | null> {
  const { first, last } = windowDates(params);
  const def = kind.definition;
  const measure = metric.measure;
  const townId = params.townId ?? null;
  const where = (eb: AssetEb) => eb.and(metric.where.map((c) => conditionSql(eb, def, c, last)));
  const anyAsset = (eb: AssetEb) =>
    eb.exists(eb.selectFrom('ledger_assets as any_asset').select('any_asset.id').where('any_asset.kind_id', '=', kind.id)).as('anyAsset');

  let value: number | null;
  let hasAssets: boolean;
  const eventsAlone = ((measure.kind === 'events' && !measure.oldOnly) || measure.kind === 'eventSum') && metric.where.length === 0;
  if (eventsAlone) {
    // No condition on the assets: the events answer alone, without a join to every asset they belong to
    // (bench/ledgers: 500,000 cameras, 75,000 events).
    let q = db.selectFrom('ledger_events as e').where('e.kind_id', '=', kind.id).where('e.occurred_on', '>=', first).where('e.occurred_on', '<=', last);
    if (townId !== null) q = q.where('e.town_id', '=', townId);
    const anyOfKind = (eb: ExpressionBuilder<Tables, 'e'>) =>
      eb.exists(eb.selectFrom('ledger_assets as any_asset').select('any_asset.id').where('any_asset.kind_id', '=', kind.id)).as('anyAsset');
    if (measure.kind === 'events') {
      const row = await q
        .where('e.effect', 'in', measure.effects)
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), anyOfKind(eb)])
        .executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.n), Boolean(row.anyAsset)];
    } else {
      const type = def.events.find((t) => t.code === measure.event);
      const slot = type?.fields.find((f) => f.key === measure.field)?.slot as EventSlot | undefined;
      if (!type || !slot) return null;
      const row = await q
        .where('e.effect', '=', type.effect)
        .where('e.event_type', '=', type.code)
        .select((eb) => [eb.fn.sum<number | string | null>(`e.${slot}`).as('s'), anyOfKind(eb)])
        .executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.s), Boolean(row.anyAsset)];
    }
  } else if (measure.kind === 'events' || measure.kind === 'eventSum' || measure.kind === 'addedSum') {
    let q = db
      .selectFrom('ledger_events as e')
      // addedSum reads the asset that entered service: the added one, or the one a replacement brought in.
      .innerJoin('ledger_assets as a', (j) =>
        measure.kind === 'addedSum'
          ? j.on((eb) =>
              eb.or([
                eb.and([eb('e.effect', '=', 'added'), eb('a.id', '=', eb.ref('e.asset_id'))]),
                eb.and([eb('e.effect', '=', 'replaced'), eb('a.id', '=', eb.ref('e.replacement_id'))]),
              ]),
            )
          : j.onRef('a.id', '=', 'e.asset_id'),
      )
      .where('e.kind_id', '=', kind.id)
      .where('e.occurred_on', '>=', first)
      .where('e.occurred_on', '<=', last)
      .where((eb) => where(onAsset(eb)));
    if (townId !== null) q = q.where('e.town_id', '=', townId);
    if (measure.kind === 'events') {
      q = q.where('e.effect', 'in', measure.effects);
      if (measure.oldOnly) q = q.whereRef('a.old_from', '<=', 'e.occurred_on');
      const row = await q.select((eb) => [eb.fn.countAll<number | string>().as('n'), anyAsset(onAsset(eb))]).executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.n), Boolean(row.anyAsset)];
    } else if (measure.kind === 'eventSum') {
      const type = def.events.find((t) => t.code === measure.event);
      const slot = type?.fields.find((f) => f.key === measure.field)?.slot as EventSlot | undefined;
      if (!type || !slot) return null;
      q = q.where('e.effect', '=', type.effect).where('e.event_type', '=', type.code);
      const row = await q.select((eb) => [eb.fn.sum<number | string | null>(`e.${slot}`).as('s'), anyAsset(onAsset(eb))]).executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.s), Boolean(row.anyAsset)];
    } else {
      const slot = slotOf(def, measure.field);
      q = q.where('e.effect', 'in', ['added', 'replaced']);
      const row = await q.select((eb) => [eb.fn.sum<number | string | null>(`a.${slot}`).as('s'), anyAsset(onAsset(eb))]).executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.s), Boolean(row.anyAsset)];
    }
  } else {
    let q = db
      .selectFrom('ledger_assets as a')
      .where('a.kind_id', '=', kind.id)
      .where((eb) => inServiceOn(eb, last))
      .where(where);
    if (townId !== null) q = q.where('a.town_id', '=', townId);
    if (measure.kind === 'inService' || measure.kind === 'old') {
      if (measure.kind === 'old') q = q.where('a.old_from', '<=', last);
      const row = await q.select((eb) => [eb.fn.countAll<number | string>().as('n'), anyAsset(eb)]).executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.n), Boolean(row.anyAsset)];
    } else if (measure.kind === 'sum') {
      const slot = slotOf(def, measure.field);
      const row = await q.select((eb) => [eb.fn.sum<number | string | null>(`a.${slot}`).as('s'), anyAsset(eb)]).executeTakeFirstOrThrow();
      [value, hasAssets] = [num(row.s), Boolean(row.anyAsset)];
    } else {
      const matches = { op: 'in', field: measure.field, values: measure.values } as const;
      const row = await q
        .select((eb) => [
          eb.fn.countAll<number | string>().as('n'),
          eb.fn
            .sum<number | string | null>(
              eb
                .case()
                .when(conditionSql(eb, def, matches, last))
                .then(1)
                .else(0)
                .end(),
            )
            .as('hits'),
          anyAsset(eb),
        ])
        .executeTakeFirstOrThrow();
      hasAssets = Boolean(row.anyAsset);
      value = num(row.n) === 0 ? null : (100 * num(row.hits)) / num(row.n);
    }
  }
  if (!hasAssets || value === null) return null;
  return metric.scale ? value / metric.scale : value;
}
