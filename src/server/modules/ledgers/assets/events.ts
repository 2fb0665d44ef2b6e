import { checkValues } from '../../../../shared/ledgers/values.js';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { move, nextStatus } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import type { AssetValues } from '../../../../shared/ledgers/definition.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import type { ValueLookups } from '../../../../shared/ledgers/values.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { derivedColumns, fromSlots, type AssetRow } from '../definition/slots.js';
import { loadKind, valueLookups, type LoadedKind } from '../kinds/current.js';
import { assetPolicy } from '../policies/asset.js';
import { getAsset } from './detail.js';
import { moveAssetKey } from './keys.js';
import type { AssetView, EventInput } from './schema.js';
import {
  asIssues,
  assertUnique,
  assetRecord,
  changedValues,
  eventDateIssues,
  insertAssets,
  insertEventRow,
  loadAssetRow,
  ownerOf,
  townIssues,
  uniqueRefusal,
  valueColumns,
} from './store.js';
import { ACTION_OF_EFFECT, assetWorkflow } from './workflow.js';

/** A renewal event on an asset, from its detail page; answers the asset as it is after it. */
export async function recordEvent(deps: AppDeps, ctx: RequestContext, assetId: number, input: EventInput): Promise<AssetView> {
  await inTransaction(deps.database, async (tx) => {
    const row = await loadAssetRow(tx, assetId);
    const kind = await loadKind(tx, Number(row.kind_id));
    authorize(ctx.actor, assetPolicy, 'write', assetRecord(kind, row.town_id === null ? null : Number(row.town_id)), assetId);
    await applyEvent(tx, ctx, kind, row, input, await valueLookups(tx, kind.definition));
  });
  return getAsset(deps, ctx, assetId);
}

/**
 * Records one event in the caller's transaction (the seed calls it too): the event row, the asset's move on its
 * workflow (an upgrade stays in service with its changed fields and a recomputed "old" date; a replacement ends
 * the asset and brings its successor in, linked both ways; a scrapping ends it), and the event's audit record.
 * Checks first, all of them, so a refusal names every field at once.
 */
export async function applyEvent(
  tx: Tx,
  ctx: RequestContext,
  kind: LoadedKind,
  row: AssetRow,
  input: EventInput,
  lookups: ValueLookups,
  /** `system`: work the platform does itself (the demo seed), with no actor to authorise. */
  opts: { isDemo?: boolean; system?: boolean } = {},
): Promise<{ eventId: number; replacementId: number | null }> {
  const def = kind.definition;
  const type = def.events.find((e) => e.code === input.type);
  if (!type) throw badRequest([{ path: 'type', reason: 'field.ledgers.noSuchEvent' }]);
  if (type.effect === 'added') throw badRequest([{ path: 'type', reason: 'field.ledgers.addedOnExisting' }]);
  const action = ACTION_OF_EFFECT[type.effect];
  // An ended asset takes no event: say so (409) before judging the event's fields.
  nextStatus(assetWorkflow, row.status, action);

  const problems: FieldIssue[] = eventDateIssues('occurredOn', input.occurredOn, lookups, row.in_service_from);
  const own = checkValues(type.fields, input.values ?? {}, lookups, { prefix: 'values' });
  problems.push(...asIssues(own.issues));

  const previous = fromSlots(def, row);
  let next: AssetValues = previous;
  const changing = type.effect === 'upgraded' || type.effect === 'retrofitted';
  const requested = input.changes ?? {};
  const allowed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(requested)) {
    if (changing && type.changes.includes(key)) allowed[key] = value;
    else problems.push({ path: `changes.${key}`, reason: 'field.ledgers.notChangeable', params: { key } });
  }
  if (Object.keys(allowed).length) {
    const fields = def.fields.filter((f) => type.changes.includes(f.key));
    const checked = checkValues(fields, allowed, lookups, { previous, partial: true, prefix: 'changes' });
    problems.push(...asIssues(checked.issues));
    next = checked.values;
    if (def.townField && def.townField in allowed) problems.push(...townIssues(ctx, kind, next, 'changes'));
  }

  let replacementValues: AssetValues | null = null;
  if (type.effect === 'replaced') {
    if (!input.replacement) problems.push({ path: 'replacement.values', reason: 'field.required' });
    else {
      const checked = checkValues(def.fields, input.replacement.values, lookups, { prefix: 'replacement.values' });
      problems.push(...asIssues(checked.issues), ...townIssues(ctx, kind, checked.values, 'replacement.values'));
      replacementValues = checked.values;
    }
  } else if (input.replacement) problems.push({ path: 'replacement', reason: 'field.invalid' });
  if (problems.length) throw badRequest(problems);

  const townId = row.town_id === null ? null : Number(row.town_id);
  const diff = changedValues(previous, next);
  if (Object.keys(diff.after).length) await assertUnique(tx, kind, next, ctx.locale, Number(row.id));

  let replacementId: number | null = null;
  if (replacementValues) {
    const replacementTown = derivedColumns(def, replacementValues).town_id;
    if (!opts.system) authorize(ctx.actor, assetPolicy, 'write', assetRecord(kind, replacementTown));
    await assertUnique(tx, kind, replacementValues, ctx.locale);
    const [inserted] = await insertAssets(
      tx,
      ctx,
      kind,
      [
        {
          values: replacementValues,
          townId: replacementTown,
          oldFrom: oldFrom(def.oldRule, replacementValues),
          inServiceFrom: input.occurredOn,
          replacesId: Number(row.id),
        },
      ],
      { source: 'replacement', isDemo: opts.isDemo ?? false },
    );
    replacementId = inserted ?? null;
  }

  const changes = Object.fromEntries(Object.keys(diff.after).map((k) => [k, [diff.before[k], diff.after[k]] as [unknown, unknown]]));
  const eventId = await insertEventRow(tx, ctx, kind, {
    assetId: Number(row.id),
    type,
    occurredOn: input.occurredOn,
    townId,
    values: own.values,
    changes,
    replacementId: replacementId ?? null,
    note: input.note ?? null,
    isDemo: opts.isDemo ?? false,
  });

  const changedColumns = Object.keys(diff.after).length ? valueColumns(kind, next) : null;
  const columns = changedColumns ?? {};
  const ending = type.effect === 'replaced' || type.effect === 'scrapped' ? { ended_on: input.occurredOn } : {};
  await move(tx, ctx, assetWorkflow, {
    id: Number(row.id),
    action,
    from: row.status,
    set: { ...columns, ...ending, ...(replacementId ? { replaced_by_id: replacementId } : {}) },
    note: input.note ?? null,
    organizationId: ownerOf(kind, townId),
    params: { event: type.code, eventId, occurredOn: input.occurredOn, values: own.values, changes, ...(replacementId ? { replacementId } : {}) },
    audit: {
      before: { values: diff.before, oldFrom: row.old_from },
      after: {
        values: diff.after,
        oldFrom: 'old_from' in columns ? columns.old_from : row.old_from,
        ...ending,
        ...(replacementId ? { replacedById: replacementId } : {}),
      },
    },
  }).catch(uniqueRefusal(kind, ctx.locale));
  if (changedColumns) {
    const key = changedColumns.unique_key;
    await moveAssetKey(tx, kind.id, Number(row.id), row.unique_key, key).catch(uniqueRefusal(kind, ctx.locale, key));
  }

  await appendAudit(tx, ctx, {
    entity: 'ledger_event',
    entityId: eventId,
    action: 'record',
    organizationId: ownerOf(kind, townId),
    after: { assetId: Number(row.id), type: type.code, effect: type.effect, occurredOn: input.occurredOn, values: own.values, changes, replacementId },
  });
  return { eventId, replacementId };
}
