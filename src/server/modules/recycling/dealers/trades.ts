import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { AppError, badRequest, fieldError, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { dealerPolicy } from '../policies/dealer.js';
import { dealerRecord, NOBODY } from './queries.js';
import type { ExportTradesQuery, ListTradesQuery, TradeInput, TradeView } from './schema.js';

const duplicateTrade = () =>
  new AppError(409, 'DEALER_TRADE_DUPLICATE', 'error.DEALER_TRADE_DUPLICATE', {}, [{ path: 'vin', reason: 'field.recycling.dealerTradeDuplicateVin' }]);

/** The used-car fields go with a used car only; an export names its country and no destination region. */
function tradeIssues(input: TradeInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.tradedOn > today) issues.push({ path: 'tradedOn', reason: 'field.recycling.tradeInFuture' });
  if (input.kind === 'cars') {
    if (!input.vin) issues.push({ path: 'vin', reason: 'field.recycling.tradeCarRequired' });
    if (!input.plateRegionFrom) issues.push({ path: 'plateRegionFrom', reason: 'field.recycling.tradeCarRequired' });
    if (input.export) {
      if (!input.exportCountry) issues.push({ path: 'exportCountry', reason: 'field.recycling.tradeExportCountry' });
      if (input.plateRegionTo) issues.push({ path: 'plateRegionTo', reason: 'field.recycling.tradeExportNoRegion' });
    } else {
      if (!input.plateRegionTo) issues.push({ path: 'plateRegionTo', reason: 'field.recycling.tradeRegionToRequired' });
      if (input.exportCountry) issues.push({ path: 'exportCountry', reason: 'field.recycling.tradeCarOnly' });
    }
  } else {
    for (const f of ['vin', 'plateRegionFrom', 'plateRegionTo', 'exportCountry'] as const)
      if (input[f]) issues.push({ path: f, reason: 'field.recycling.tradeCarOnly' });
    if (input.export) issues.push({ path: 'export', reason: 'field.recycling.tradeCarOnly' });
  }
  return issues;
}

/**
 * A trade recorded by the dealer's own accounts (or 市商务局). A used car moving to another region is recorded
 * and counted as a transfer, never refused (全面取消二手车限迁); one sold for export carries the 二手车转让代出口
 * flag and its destination. The same VIN twice on one day at one dealer is a duplicate (409), held by a unique
 * index so that two submissions at once cannot both pass.
 */
export async function recordTrade(deps: AppDeps, ctx: RequestContext, input: TradeInput): Promise<TradeView> {
  const id = await inTransaction(deps.database, async (tx) => {
    const dealer = await tx.selectFrom('recycling_dealers').selectAll().where('id', '=', input.dealerId).executeTakeFirst();
    if (!dealer) throw fieldError('dealerId', 'field.recycling.dealerUnknown');
    const record = dealerRecord(await grantsOf(tx, ctx.actor, 'recycling'), dealer);
    authorize(ctx.actor, dealerPolicy, 'recordTrade', { ...record, active: true }, input.dealerId);
    if (dealer.status !== 'active') throw new AppError(409, 'DEALER_NOT_ACTIVE', 'error.DEALER_NOT_ACTIVE', { status: dealer.status });
    const issues = tradeIssues(input, shanghaiDate());
    const kinds = await tx.selectFrom('recycling_dealer_kinds').select('kind').where('dealer_id', '=', input.dealerId).execute();
    if (!kinds.some((k) => k.kind === input.kind)) issues.push({ path: 'kind', reason: 'field.recycling.dealerKindNotTraded' });
    if (issues.length) throw badRequest(issues);
    const car = input.kind === 'cars';
    const cross = car && !input.export && input.plateRegionFrom !== input.plateRegionTo;
    const row = await tx
      .insertInto('recycling_dealer_trades')
      .values({
        dealer_id: input.dealerId,
        kind: input.kind,
        traded_on: input.tradedOn,
        description: input.description,
        amount_fen: input.amountFen,
        vin: car ? input.vin! : null,
        plate_region_from: car ? input.plateRegionFrom! : null,
        plate_region_to: car && !input.export ? input.plateRegionTo! : null,
        cross_region: cross ? 1 : 0,
        is_export: car && input.export ? 1 : 0,
        export_country: car && input.export ? input.exportCountry! : null,
        recorded_by: ctx.actor.userId,
        recorded_by_organization_id: ctx.actor.organizationId,
        is_demo: 0,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw duplicateTrade();
        throw err;
      });
    const tradeId = Number(row.id);
    await appendAudit(tx, ctx, {
      entity: 'recycling_dealer_trade',
      entityId: tradeId,
      action: 'record',
      organizationId: dealer.organization_id === null ? null : Number(dealer.organization_id),
      after: { ...input, crossRegion: cross },
    });
    return tradeId;
  });
  const [view] = (await tradeRows(deps.database.db).where('tr.id', '=', id).execute()).map(toTradeView);
  return view!;
}

function tradeRows(db: Queryable) {
  return db
    .selectFrom('recycling_dealer_trades as tr')
    .innerJoin('recycling_dealers as d', 'd.id', 'tr.dealer_id')
    .leftJoin('organizations as ro', 'ro.id', 'tr.recorded_by_organization_id')
    .selectAll('tr')
    .select(['d.name as dealer_name', 'ro.name as recorder_unit']);
}
type TradeRow = Awaited<ReturnType<ReturnType<typeof tradeRows>['execute']>>[number];

function toTradeView(r: TradeRow): TradeView {
  return {
    id: Number(r.id),
    dealerId: Number(r.dealer_id),
    dealerName: r.dealer_name,
    kind: r.kind,
    tradedOn: r.traded_on,
    description: r.description,
    amountFen: Number(r.amount_fen),
    vin: r.vin,
    plateRegionFrom: r.plate_region_from,
    plateRegionTo: r.plate_region_to,
    crossRegion: Number(r.cross_region) === 1,
    export: Number(r.is_export) === 1,
    exportCountry: r.export_country,
    recordedByUnit: r.recorder_unit,
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
  };
}

function visibleTrades(db: Queryable, actor: Actor, q: ExportTradesQuery) {
  let base = tradeRows(db);
  if (!dealerPolicy.can(actor, 'listAll'))
    base =
      actor.role === 'town'
        ? base.where('d.town_id', '=', actor.organizationId ?? NOBODY)
        : base.where('d.organization_id', '=', actor.organizationId ?? NOBODY);
  if (q.dealerId) base = base.where('tr.dealer_id', '=', q.dealerId);
  if (q.kind) base = base.where('tr.kind', '=', q.kind);
  if (q.from) base = base.where('tr.traded_on', '>=', q.from);
  if (q.to) base = base.where('tr.traded_on', '<=', q.to);
  if (q.crossRegion) base = base.where('tr.cross_region', '=', Number(q.crossRegion));
  if (q.export) base = base.where('tr.is_export', '=', Number(q.export));
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([sql<boolean>`${eb.ref('tr.vin')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('tr.description')} like ${p} escape '\\'`]),
    );
  }
  return base;
}

/** Trades, newest first: officials and auditors all of them, a town its town's dealers', a dealer its own. */
export async function listTrades(deps: AppDeps, ctx: RequestContext, q: ListTradesQuery): Promise<Page<TradeView>> {
  authorize(ctx.actor, dealerPolicy, 'list');
  const page = await paginate(visibleTrades(deps.database.db, ctx.actor, q), (b) => b.orderBy('tr.traded_on', 'desc').orderBy('tr.id', 'desc'), q);
  return { ...page, items: page.items.map(toTradeView) };
}

/** The rows of the Excel export (a filtered list, capped). */
export async function exportTrades(deps: AppDeps, ctx: RequestContext, q: ExportTradesQuery): Promise<TradeView[]> {
  authorize(ctx.actor, dealerPolicy, 'list');
  const rows = await visibleTrades(deps.database.db, ctx.actor, q).orderBy('tr.traded_on', 'desc').orderBy('tr.id', 'desc').limit(20_000).execute();
  return rows.map(toTradeView);
}
