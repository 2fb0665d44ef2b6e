import { sql } from 'kysely';
import type { MetricDefinition, MetricParams } from '../../core/metrics.js';
import type { Queryable } from '../../db/database.js';
import type { ProgramKind } from './tables.js';

/** 1 万元 = 10 000 元 = 1 000 000 fen. */
const FEN_PER_WAN_YUAN = 1_000_000;

/**
 * Subsidised sales of one programme kind in [from, to): redemptions that stand as accepted (reversed, rejected and
 * held ones do not count; one still under an open review does, until a reviewer decides otherwise), placed in a
 * town by the store of the sale.
 */
async function subsidised(db: Queryable, kind: ProgramKind, p: MetricParams): Promise<{ units: number; fen: number }> {
  let q = db
    .selectFrom('tradein_redemptions as r')
    .innerJoin('tradein_programs as g', 'g.id', 'r.program_id')
    .select([(eb) => eb.fn.countAll<number>().as('units'), sql<number>`coalesce(sum(r.subsidy_fen), 0)`.as('fen')])
    .where('g.kind', '=', kind)
    .where('r.status', '=', 'accepted')
    .where('r.created_at', '>=', new Date(p.from).toISOString())
    .where('r.created_at', '<', new Date(p.to).toISOString());
  if (p.townId !== undefined && p.townId !== null) {
    const townId = p.townId;
    q = q.where((eb) => eb.exists(eb.selectFrom('tradein_stores as s').select('s.id').whereRef('s.id', '=', 'r.store_id').where('s.town_id', '=', townId)));
  }
  const row = await q.executeTakeFirst();
  return { units: Number(row?.units ?? 0), fen: Number(row?.fen ?? 0) };
}

function metricsFor(kind: 'appliance' | 'digital', label: string): MetricDefinition[] {
  return [
    {
      name: `tradein.${kind}.subsidisedUnits`,
      description:
        `${label} sold with a trade-in subsidy (accepted redemptions) in the window, by the town of the store. ` +
        'Only subsidised sales are visible to the platform: against an indicator of all sales (e.g. 限上家电企业年销售量) it is a lower bound.',
      unit: '台',
      compute: async (db, p) => (await subsidised(db, kind, p)).units,
    },
    {
      name: `tradein.${kind}.subsidyAmount`,
      description: `Subsidy granted on ${label.toLowerCase()} (accepted redemptions) in the window, in 万元, by the town of the store.`,
      unit: '万元',
      compute: async (db, p) => (await subsidised(db, kind, p)).fen / FEN_PER_WAN_YUAN,
    },
  ];
}

/** The trade-in module's metrics for the plan's computed indicators. */
export const tradeinMetrics: MetricDefinition[] = [...metricsFor('appliance', 'Household appliances'), ...metricsFor('digital', 'Digital products')];
