import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { translate } from '../../../core/messages.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import type { AssetValues } from '../../../../shared/ledgers/definition.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { fromSlots, type AssetRow } from '../definition/slots.js';
import { loadKind, type LoadedKind } from '../kinds/current.js';
import { assetPolicy } from '../policies/asset.js';
import type { AssetEventView, AssetView, HistoryEntry } from './schema.js';
import { assetRecord, fieldLabel, labelOf, loadAssetRow } from './store.js';
import { assetWorkflow } from './workflow.js';

/** Old on `day`: in service then, and the rule's date reached. */
export function isOldOn(row: Pick<AssetRow, 'status' | 'old_from' | 'in_service_from' | 'ended_on'>, day: string): boolean {
  const inService = (row.in_service_from === null || row.in_service_from <= day) && (row.ended_on === null || row.ended_on > day);
  return inService && row.old_from !== null && row.old_from <= day;
}

export const townOf = (row: Pick<AssetRow, 'town_id'>) => (row.town_id === null ? null : Number(row.town_id));

/** Names of organisations by id, for the few a page shows. */
export async function organizationNames(db: Queryable, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

async function eventsOf(db: Queryable, kind: LoadedKind, assetId: number): Promise<AssetEventView[]> {
  const rows = await db.selectFrom('ledger_events').selectAll().where('asset_id', '=', assetId).orderBy('occurred_on').orderBy('id').execute();
  return rows.map((e) => {
    const type = kind.definition.events.find((t) => t.code === e.event_type);
    return {
      id: Number(e.id),
      type: e.event_type,
      label: type?.label ?? { zh: e.event_type, en: e.event_type },
      effect: e.effect,
      occurredOn: e.occurred_on,
      values: JSON.parse(e.values_json) as AssetValues,
      changes: JSON.parse(e.changes_json) as Record<string, (string | number | null)[]>,
      replacementId: e.replacement_id === null ? null : Number(e.replacement_id),
      note: e.note,
      createdAt: e.created_at,
    };
  });
}

export async function assetView(db: Queryable, ctx: RequestContext, kind: LoadedKind, row: AssetRow): Promise<AssetView> {
  const id = Number(row.id);
  const townId = townOf(row);
  const linkIds = [row.replaced_by_id, row.replaces_id].filter((x): x is number => x !== null).map(Number);
  const links = linkIds.length ? await db.selectFrom('ledger_assets').select(['id', 'title']).where('id', 'in', linkIds).execute() : [];
  const link = (ref: number | null) => {
    const l = ref === null ? undefined : links.find((x) => Number(x.id) === Number(ref));
    return l ? { id: Number(l.id), title: l.title } : null;
  };
  const names = await organizationNames(db, [townId]);
  return {
    id,
    kindId: kind.id,
    kindCode: kind.code,
    title: row.title,
    status: row.status,
    townId,
    townName: townId === null ? null : (names.get(townId) ?? null),
    values: fromSlots(kind.definition, row),
    oldFrom: row.old_from,
    old: isOldOn(row, shanghaiDate()),
    inServiceFrom: row.in_service_from,
    endedOn: row.ended_on,
    replacedBy: link(row.replaced_by_id),
    replaces: link(row.replaces_id),
    events: await eventsOf(db, kind, id),
    canWrite: assetPolicy.can(ctx.actor, 'write', assetRecord(kind, townId)),
    eventTypes: row.status === 'in_service' ? kind.definition.events.filter((e) => e.effect !== 'added').map((e) => e.code) : [],
    updatedAt: row.updated_at,
  };
}

/** Loads an asset with its kind and checks the caller may read it (a town another town's: 403, audited). */
async function readable(db: Queryable, ctx: RequestContext, id: number) {
  const row = await loadAssetRow(db, id);
  const kind = await loadKind(db, Number(row.kind_id));
  authorize(ctx.actor, assetPolicy, 'read', assetRecord(kind, townOf(row)), id);
  return { row, kind };
}

export async function getAsset(deps: AppDeps, ctx: RequestContext, id: number): Promise<AssetView> {
  const db = deps.database.db;
  const { row, kind } = await readable(db, ctx, id);
  return assetView(db, ctx, kind, row);
}

/**
 * Everything that happened to an asset, oldest first: its moves from the platform's timeline (registration and
 * every event, with the event's values and changes) and its edits from the audit trail (form edits, re-imports),
 * each with who did it.
 */
export async function assetHistory(deps: AppDeps, ctx: RequestContext, id: number): Promise<HistoryEntry[]> {
  const db = deps.database.db;
  const { kind } = await readable(db, ctx, id);
  const def = kind.definition;
  const moves = await timelineOf(db, assetWorkflow, id);
  const edits = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_user_id', 'actor_username', 'action', 'before_json', 'after_json'])
    .where('entity', '=', 'ledger_asset')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute()
    .then((rows) => rows.filter((r) => r.action === 'edit' || r.action === 'reimport'));
  // The audit trail is one sequence: its ids order the moves and edits of the asset even within one millisecond.
  const moveAudits = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'ledger_asset')
    .where('entity_id', '=', String(id))
    .where('action', 'not in', ['edit', 'reimport'])
    .orderBy('id')
    .execute();
  const sequenceOfMove = (i: number) => (moveAudits.length === moves.length ? Number(moveAudits[i]!.id) : null);
  const userIds = [...new Set([...moves.map((m) => m.actorUserId), ...edits.map((e) => (e.actor_user_id === null ? null : Number(e.actor_user_id)))])].filter(
    (u): u is number => u !== null,
  );
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
  const userName = (u: number | null, fallback: string | null = null) =>
    u === null ? fallback : (users.find((x) => Number(x.id) === u)?.display_name ?? fallback);

  const entries: (HistoryEntry & { order: number; sequence: number | null })[] = [];
  for (const [i, m] of moves.entries()) {
    const actor = userName(m.actorUserId);
    const sequence = sequenceOfMove(i);
    if (m.action === 'register') {
      entries.push({
        at: m.at,
        actor,
        action: m.action,
        kind: 'status',
        summary: translate(ctx.locale, 'ledgers.assets.registered'),
        after: m.params,
        order: 0,
        sequence,
      });
      continue;
    }
    const type = def.events.find((e) => e.code === m.params.event);
    const summary = translate(ctx.locale, 'ledgers.assets.event', {
      event: type ? labelOf(type.label, ctx.locale) : typeof m.params.event === 'string' ? m.params.event : m.action,
      date: typeof m.params.occurredOn === 'string' ? m.params.occurredOn : '',
    });
    entries.push({ at: m.at, actor, action: m.action, kind: 'event', summary, after: { status: m.toStatus, ...m.params }, order: 1, sequence });
  }
  for (const e of edits) {
    const before = (e.before_json ? JSON.parse(e.before_json) : {}) as { values?: AssetValues };
    const after = (e.after_json ? JSON.parse(e.after_json) : {}) as { values?: AssetValues };
    const fields = Object.keys(after.values ?? {})
      .map((k) => fieldLabel(def, k, ctx.locale))
      .join(ctx.locale === 'en' ? ', ' : '、');
    const summary = e.action === 'reimport' ? translate(ctx.locale, 'ledgers.assets.reimported') : translate(ctx.locale, 'ledgers.assets.edited', { fields });
    entries.push({
      at: e.at,
      actor: userName(e.actor_user_id === null ? null : Number(e.actor_user_id), e.actor_username),
      action: e.action,
      kind: 'edit',
      summary,
      before: before.values ?? {},
      after: after.values ?? {},
      order: 2,
      sequence: Number(e.id),
    });
  }
  // In audit order when every move has its record; otherwise by time, a registration before its event before an edit.
  entries.sort((a, b) => (a.sequence !== null && b.sequence !== null ? a.sequence - b.sequence : a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
  return entries.map(({ order: _order, sequence: _sequence, ...rest }) => rest);
}
