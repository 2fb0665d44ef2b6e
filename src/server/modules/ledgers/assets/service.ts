import { checkValues } from '../../../../shared/ledgers/values.js';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import type { AssetValues } from '../../../../shared/ledgers/definition.js';
import { appendAudit, appendAuditMany, type AuditEntry } from '../../platform/audit/auditTrail.js';
import { derivedColumns, fromSlots } from '../definition/slots.js';
import { assetPolicy } from '../policies/asset.js';
import { loadKind, valueLookups, type LoadedKind } from '../kinds/current.js';
import { getAsset } from './detail.js';
import { moveAssetKey } from './keys.js';
import type { AssetView, CreateAssetInput, EditAssetInput } from './schema.js';
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
  type NewAssetRow,
} from './store.js';

export { insertAssets, type NewAssetRow };

/** An edit that started from a version someone else has since changed. */
/**
 * The new `updated_at`: now, but always later than the one edited, since it is the edit token a client sends back —
 * two writes in one millisecond must not leave the same token (the second editor would overwrite unseen).
 */
const nextStamp = (previous: string) => {
  const now = nowIso();
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
};
const staleEdit = (updatedAt: string) => new AppError(409, 'VERSION_CONFLICT', 'error.VERSION_CONFLICT', { base: updatedAt });

/**
 * Registers one asset from the form. With `added`, it is a new asset entering service (an elevator installed in an
 * existing building): the kind's `added` event is recorded and the asset is in service from that day; without,
 * it is an asset the ledger did not list yet, in service since before it.
 */
export async function createAsset(deps: AppDeps, ctx: RequestContext, kindId: number, input: CreateAssetInput): Promise<AssetView> {
  const id = await inTransaction(deps.database, async (tx) => {
    const kind = await loadKind(tx, kindId);
    const def = kind.definition;
    authorize(ctx.actor, assetPolicy, 'write', { kind: kind.record });
    const lookups = await valueLookups(tx, def);
    const { values, issues } = checkValues(def.fields, input.values, lookups);
    const problems: FieldIssue[] = [...asIssues(issues), ...townIssues(ctx, kind, values)];
    const addedType = def.events.find((e) => e.effect === 'added');
    let addedValues: AssetValues = {};
    if (input.added) {
      if (!addedType) problems.push({ path: 'added', reason: 'field.ledgers.noAddedEvent' });
      else {
        problems.push(...eventDateIssues('added.occurredOn', input.added.occurredOn, lookups, null));
        const checked = checkValues(addedType.fields, input.added.values ?? {}, lookups, { prefix: 'added.values' });
        problems.push(...asIssues(checked.issues));
        addedValues = checked.values;
      }
    }
    if (problems.length) throw badRequest(problems);
    const townId = derivedColumns(def, values).town_id;
    authorize(ctx.actor, assetPolicy, 'write', assetRecord(kind, townId));
    await assertUnique(tx, kind, values, ctx.locale);
    const inServiceFrom = input.added && addedType ? input.added.occurredOn : null;
    const [assetId] = await insertAssets(tx, ctx, kind, [{ values, townId, oldFrom: oldFrom(def.oldRule, values), inServiceFrom }], { source: 'form' });
    if (input.added && addedType) {
      const eventId = await insertEventRow(tx, ctx, kind, {
        assetId: assetId!,
        type: addedType,
        occurredOn: input.added.occurredOn,
        townId,
        values: addedValues,
        note: input.added.note ?? null,
      });
      await appendAudit(tx, ctx, {
        entity: 'ledger_event',
        entityId: eventId,
        action: 'record',
        organizationId: ownerOf(kind, townId),
        after: { assetId, type: addedType.code, effect: 'added', occurredOn: input.added.occurredOn, values: addedValues },
      });
    }
    return assetId!;
  });
  return getAsset(deps, ctx, id);
}

/**
 * Corrects an asset's values (all of them, as the form shows them). Optimistic: the edit states the `updatedAt`
 * it read, and loses to any change since (409 VERSION_CONFLICT) rather than overwrite it.
 */
export async function editAsset(deps: AppDeps, ctx: RequestContext, id: number, input: EditAssetInput): Promise<AssetView> {
  await inTransaction(deps.database, async (tx) => {
    const row = await loadAssetRow(tx, id);
    const kind = await loadKind(tx, Number(row.kind_id));
    const def = kind.definition;
    const townBefore = row.town_id === null ? null : Number(row.town_id);
    authorize(ctx.actor, assetPolicy, 'write', assetRecord(kind, townBefore), id);
    const lookups = await valueLookups(tx, def);
    const previous = fromSlots(def, row);
    const { values, issues } = checkValues(def.fields, input.values, lookups, { previous });
    const problems = [...asIssues(issues), ...townIssues(ctx, kind, values)];
    if (problems.length) throw badRequest(problems);
    const columns = valueColumns(kind, values);
    authorize(ctx.actor, assetPolicy, 'write', assetRecord(kind, columns.town_id), id);
    await assertUnique(tx, kind, values, ctx.locale, id);
    const changed = await tx
      .updateTable('ledger_assets')
      .set({ ...columns, updated_at: nextStamp(input.updatedAt) })
      .where('id', '=', id)
      .where('updated_at', '=', input.updatedAt)
      .executeTakeFirst()
      .catch(uniqueRefusal(kind, ctx.locale, columns.unique_key));
    if (Number(changed.numUpdatedRows) !== 1) throw staleEdit(input.updatedAt);
    await moveAssetKey(tx, kind.id, id, row.unique_key, columns.unique_key).catch(uniqueRefusal(kind, ctx.locale, columns.unique_key));
    const diff = changedValues(previous, values);
    await appendAudit(tx, ctx, {
      entity: 'ledger_asset',
      entityId: id,
      action: 'edit',
      organizationId: ownerOf(kind, columns.town_id),
      before: { values: diff.before, oldFrom: row.old_from },
      after: { values: diff.after, oldFrom: columns.old_from },
    });
  });
  return getAsset(deps, ctx, id);
}

const UPDATE_READ_CHUNK = 500;

/**
 * Re-import: the rows matched existing assets by their unique key; their values are replaced by the file's (the
 * import checked them), one audit record per asset, appended in one batch per chunk.
 */
export async function updateAssetsByKey(
  tx: Tx,
  ctx: RequestContext,
  kind: LoadedKind,
  rows: readonly (NewAssetRow & { id: number })[],
  importId: number,
): Promise<void> {
  const def = kind.definition;
  for (let i = 0; i < rows.length; i += UPDATE_READ_CHUNK) {
    const chunk = rows.slice(i, i + UPDATE_READ_CHUNK);
    const existing = await tx
      .selectFrom('ledger_assets')
      .selectAll()
      .where('kind_id', '=', kind.id)
      .where(
        'id',
        'in',
        chunk.map((r) => r.id),
      )
      .execute();
    const byId = new Map(existing.map((r) => [Number(r.id), r]));
    const audits: { ctx: RequestContext; entry: AuditEntry }[] = [];
    const now = nowIso();
    for (const r of chunk) {
      const before = byId.get(r.id);
      if (!before) continue;
      const columns = valueColumns(kind, r.values);
      await tx
        .updateTable('ledger_assets')
        .set({ ...columns, town_id: r.townId, old_from: r.oldFrom, updated_at: now })
        .where('id', '=', r.id)
        .where('kind_id', '=', kind.id)
        .execute();
      // Matched by its key, the asset normally keeps it; a value normalised differently moves it.
      await moveAssetKey(tx, kind.id, r.id, before.unique_key, columns.unique_key).catch(uniqueRefusal(kind, ctx.locale, columns.unique_key));
      const diff = changedValues(fromSlots(def, before), r.values);
      audits.push({
        ctx,
        entry: {
          entity: 'ledger_asset',
          entityId: r.id,
          action: 'reimport',
          organizationId: ownerOf(kind, r.townId),
          before: { values: diff.before, oldFrom: before.old_from },
          after: { values: diff.after, oldFrom: r.oldFrom, importId },
        },
      });
    }
    await appendAuditMany(tx, 'main', audits);
  }
}
