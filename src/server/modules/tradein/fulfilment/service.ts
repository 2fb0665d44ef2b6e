import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, type Page } from '../../../http/pagination.js';
import { grantsOf } from '../../platform/grants/service.js';
import { notify } from '../../platform/notifications/service.js';
import { openAttachment, type OpenedFile } from '../../platform/attachments/service.js';
import { timelineOf, type TimelineItem } from '../../platform/timeline/timeline.js';
import { fulfilmentPolicy } from './policy.js';
import type { FulfilmentView, ListFulfilmentsQuery } from './schema.js';
import { fulfilmentWorkflow } from './workflow.js';

const MINUTE_MS = 60_000;
const PHOTO_TYPES = ['image/jpeg', 'image/png'];

function selectFulfilments(db: Queryable) {
  return db
    .selectFrom('tradein_fulfilments as f')
    .innerJoin('tradein_redemptions as r', 'r.id', 'f.redemption_id')
    .innerJoin('organizations as o', 'o.id', 'f.organization_id')
    .innerJoin('tradein_products as p', 'p.id', 'r.product_id')
    .leftJoin('organizations as t', 't.id', 'f.delivery_town_id')
    .leftJoin('tradein_online_orders as oo', 'oo.id', 'r.online_order_id');
}

const columns = [
  'f.redemption_id',
  'f.organization_id',
  'f.holder_user_id',
  'f.channel',
  'f.status',
  'f.needs_installation',
  'f.delivery_town_id',
  'f.delivery_address_enc',
  'f.delivery_address_mask',
  'f.due_at',
  'f.delivered_at',
  'f.delivery_confirmed_by',
  'f.delivery_attachment_id',
  'f.installed_at',
  'f.installer_name',
  'f.installation_attachment_id',
  'f.settleable_at',
  'r.category',
  'r.serial_number',
  'r.price_fen',
  'r.subsidy_fen',
  'r.created_at as sold_at',
  'r.settlement_batch_id',
  'o.name as merchant_name',
  'p.brand',
  'p.model',
  't.name as town_name',
  'oo.order_number',
] as const;

type Row = Awaited<ReturnType<ReturnType<typeof selectRows>['executeTakeFirstOrThrow']>>;
function selectRows(db: Queryable) {
  return selectFulfilments(db).select(columns);
}

const num = (v: number | null) => (v === null ? null : Number(v));

function toView(deps: AppDeps, ctx: RequestContext, r: Row, now: string): FulfilmentView {
  // The merchant delivers and the resident receives: both read the address; supervisors see the mask.
  const fullAddress = ctx.actor.organizationId === Number(r.organization_id) || ctx.actor.userId === Number(r.holder_user_id);
  return {
    redemptionId: Number(r.redemption_id),
    organizationId: Number(r.organization_id),
    merchantName: r.merchant_name,
    channel: r.channel,
    status: r.status,
    category: r.category,
    product: `${r.brand} ${r.model}`,
    serialNumber: r.serial_number,
    price: Number(r.price_fen),
    subsidy: Number(r.subsidy_fen),
    orderNumber: r.order_number,
    needsInstallation: r.needs_installation === 1,
    deliveryTownId: num(r.delivery_town_id),
    deliveryTownName: r.town_name,
    deliveryAddress: r.delivery_address_enc && fullAddress ? deps.sealer.open(r.delivery_address_enc) : r.delivery_address_mask,
    soldAt: r.sold_at,
    dueAt: r.due_at,
    overdue: r.status === 'awaiting_delivery' && r.due_at !== null && r.due_at < now,
    deliveredAt: r.delivered_at,
    deliveryConfirmedBy: r.delivery_confirmed_by,
    deliveryAttachmentId: num(r.delivery_attachment_id),
    installedAt: r.installed_at,
    installerName: r.installer_name,
    installationAttachmentId: num(r.installation_attachment_id),
    settleableAt: r.settleable_at,
    settlementBatchId: num(r.settlement_batch_id),
  };
}

const SORT_COLUMNS = { soldAt: 'r.created_at', dueAt: 'f.due_at', deliveredAt: 'f.delivered_at', installedAt: 'f.installed_at' } as const;

/** The filtered sales, scoped to the merchant for its own staff; every filter is an indexed column of the fulfilment. */
async function filtered(deps: AppDeps, ctx: RequestContext, q: Omit<ListFulfilmentsQuery, 'page' | 'pageSize'>) {
  const db = deps.database.db;
  const business = ctx.actor.role === 'enterprise' || ctx.actor.role === 'merchant';
  const orgId = business ? ctx.actor.organizationId! : q.organizationId;
  authorize(ctx.actor, fulfilmentPolicy, 'list', { grants: await grantsOf(db, ctx.actor, 'tradein'), ...(business ? { organization_id: orgId! } : {}) });
  const now = nowIso();
  let base = selectFulfilments(db);
  if (orgId !== undefined) base = base.where('f.organization_id', '=', orgId);
  if (q.status) base = base.where('f.status', '=', q.status);
  if (q.channel) base = base.where('f.channel', '=', q.channel);
  if (q.overdue === true) base = base.where('f.status', '=', 'awaiting_delivery').where('f.due_at', '<', now);
  if (q.overdue === false) base = base.where((eb) => eb.or([eb('f.status', '!=', 'awaiting_delivery'), eb('f.due_at', '>=', now)]));
  if (q.q) {
    const pattern = likePattern(q.q);
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`${eb.ref('r.serial_number')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('oo.order_number')} like ${pattern} escape '\\'`,
        sql<boolean>`${eb.ref('o.name')} like ${pattern} escape '\\'`,
      ]),
    );
  }
  return { base, now, sort: SORT_COLUMNS[q.sort ?? 'soldAt'], order: q.order };
}

export async function listFulfilments(deps: AppDeps, ctx: RequestContext, q: ListFulfilmentsQuery): Promise<Page<FulfilmentView>> {
  const { base, now, sort, order } = await filtered(deps, ctx, q);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select(columns)
    .orderBy(sort, order)
    .orderBy('f.redemption_id', order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items: rows.map((r) => toView(deps, ctx, r, now)), total: Number(count?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** Every row of the filter for the Excel export, capped so one request cannot pull the whole city's year. */
export async function fulfilmentsForExport(deps: AppDeps, ctx: RequestContext, q: Omit<ListFulfilmentsQuery, 'page' | 'pageSize'>, limit: number) {
  const { base, now, sort, order } = await filtered(deps, ctx, q);
  const rows = await base.select(columns).orderBy(sort, order).orderBy('f.redemption_id', order).limit(limit).execute();
  return rows.map((r) => toView(deps, ctx, r, now));
}

export interface FulfilmentPhoto {
  kind: 'delivery' | 'installation';
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
}

export async function getFulfilment(
  deps: AppDeps,
  ctx: RequestContext,
  redemptionId: number,
): Promise<FulfilmentView & { photos: FulfilmentPhoto[]; timeline: TimelineItem[] }> {
  const db = deps.database.db;
  const row = await selectRows(db).where('f.redemption_id', '=', redemptionId).executeTakeFirst();
  if (!row) throw notFound();
  authorize(
    ctx.actor,
    fulfilmentPolicy,
    'read',
    { grants: await grantsOf(db, ctx.actor, 'tradein'), organization_id: Number(row.organization_id), holder_user_id: Number(row.holder_user_id) },
    redemptionId,
  );
  const cited = [
    { kind: 'delivery' as const, id: num(row.delivery_attachment_id) },
    { kind: 'installation' as const, id: num(row.installation_attachment_id) },
  ].filter((c): c is { kind: 'delivery' | 'installation'; id: number } => c.id !== null);
  const files = cited.length
    ? await db
        .selectFrom('attachments')
        .select(['id', 'filename', 'mime_type', 'size_bytes'])
        .where(
          'id',
          'in',
          cited.map((c) => c.id),
        )
        .execute()
    : [];
  const photos = cited.flatMap((c) => {
    const a = files.find((x) => Number(x.id) === c.id);
    return a ? [{ kind: c.kind, id: c.id, filename: a.filename, mimeType: a.mime_type, sizeBytes: Number(a.size_bytes) }] : [];
  });
  return { ...toView(deps, ctx, row, nowIso()), photos, timeline: await timelineOf(db, fulfilmentWorkflow, redemptionId) };
}

async function loadForMove(tx: Tx, redemptionId: number) {
  const f = await tx.selectFrom('tradein_fulfilments').selectAll().where('redemption_id', '=', redemptionId).executeTakeFirst();
  if (!f) throw notFound();
  return f;
}

/** A photo the merchant's own staff uploaded: the evidence must be theirs and an image. */
async function checkPhoto(tx: Tx, organizationId: number, attachmentId: number): Promise<void> {
  const a = await tx.selectFrom('attachments').select(['organization_id', 'mime_type']).where('id', '=', attachmentId).executeTakeFirst();
  if (!a || Number(a.organization_id) !== organizationId) throw fieldError('attachmentId', 'field.invalid');
  if (!PHOTO_TYPES.includes(a.mime_type)) throw fieldError('attachmentId', 'field.tradein.photoRequired');
}

const minutesBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / MINUTE_MS));

/**
 * Delivered: by the merchant with a photo of the signed receipt, or by the resident on their phone. A category that
 * is not installed is settleable with it (a second move on the timeline, same transaction).
 */
async function deliver(
  tx: Tx,
  ctx: RequestContext,
  f: Awaited<ReturnType<typeof loadForMove>>,
  by: 'merchant' | 'resident',
  attachmentId: number | null,
): Promise<void> {
  const now = nowIso();
  const organizationId = Number(f.organization_id);
  await move(tx, ctx, fulfilmentWorkflow, {
    id: Number(f.redemption_id),
    action: 'deliver',
    from: f.status,
    organizationId,
    set: {
      delivered_at: now,
      delivery_confirmed_by: by,
      delivery_attachment_id: attachmentId,
      delivery_minutes: minutesBetween(f.created_at, now),
      updated_at: now,
    },
    params: { by },
    audit: { after: { by, attachmentId } },
  });
  if (f.needs_installation === 1) {
    await notify(tx, {
      organizationId,
      kind: 'tradein_installation_due',
      params: { id: Number(f.redemption_id) },
      link: `/tradein/merchant/deliveries?status=delivered`,
      dedupeKey: `tradein-installation-due:${Number(f.redemption_id)}`,
    });
    return;
  }
  await release(tx, ctx, Number(f.redemption_id), 'delivered', organizationId, now);
}

async function release(tx: Tx, ctx: RequestContext, redemptionId: number, from: 'delivered' | 'installed', organizationId: number, now: string) {
  await move(tx, ctx, fulfilmentWorkflow, { id: redemptionId, action: 'release', from, organizationId, set: { settleable_at: now, updated_at: now } });
}

export async function recordDelivery(deps: AppDeps, ctx: RequestContext, redemptionId: number, attachmentId: number): Promise<FulfilmentView> {
  await inTransaction(deps.database, async (tx) => {
    const f = await loadForMove(tx, redemptionId);
    authorize(ctx.actor, fulfilmentPolicy, 'recordDelivery', { organization_id: Number(f.organization_id) }, redemptionId);
    await checkPhoto(tx, Number(f.organization_id), attachmentId);
    await deliver(tx, ctx, f, 'merchant', attachmentId);
  });
  return getFulfilment(deps, ctx, redemptionId);
}

export async function confirmDelivery(deps: AppDeps, ctx: RequestContext, redemptionId: number): Promise<FulfilmentView> {
  await inTransaction(deps.database, async (tx) => {
    const f = await loadForMove(tx, redemptionId);
    authorize(ctx.actor, fulfilmentPolicy, 'confirmDelivery', { holder_user_id: Number(f.holder_user_id) }, redemptionId);
    await deliver(tx, ctx, f, 'resident', null);
  });
  return getFulfilment(deps, ctx, redemptionId);
}

/** The installer's record with a photo: installed, and with it settleable. */
export async function recordInstallation(
  deps: AppDeps,
  ctx: RequestContext,
  redemptionId: number,
  input: { installerName: string; attachmentId: number },
): Promise<FulfilmentView> {
  await inTransaction(deps.database, async (tx) => {
    const f = await loadForMove(tx, redemptionId);
    const organizationId = Number(f.organization_id);
    authorize(ctx.actor, fulfilmentPolicy, 'recordInstallation', { organization_id: organizationId }, redemptionId);
    if (f.needs_installation !== 1) throw fieldError('installerName', 'field.tradein.noInstallation');
    await checkPhoto(tx, organizationId, input.attachmentId);
    const now = nowIso();
    await move(tx, ctx, fulfilmentWorkflow, {
      id: redemptionId,
      action: 'install',
      from: f.status,
      organizationId,
      set: {
        installed_at: now,
        installer_name: input.installerName,
        installation_attachment_id: input.attachmentId,
        installation_minutes: minutesBetween(f.delivered_at ?? f.created_at, now),
        updated_at: now,
      },
      params: { installerName: input.installerName },
      audit: { after: { installerName: input.installerName, attachmentId: input.attachmentId } },
    });
    await release(tx, ctx, redemptionId, 'installed', organizationId, now);
  });
  return getFulfilment(deps, ctx, redemptionId);
}

/**
 * A delivery's or installation's photo, for whoever may read the sale's fulfilment (市商务局 checks the evidence a
 * settlement rests on), through the record that cites it; audited as viewed through it.
 */
export async function readFulfilmentPhoto(
  deps: AppDeps,
  ctx: RequestContext,
  redemptionId: number,
  attachmentId: number,
  download: boolean | undefined,
): Promise<OpenedFile> {
  const db = deps.database.db;
  const f = await db.selectFrom('tradein_fulfilments').selectAll().where('redemption_id', '=', redemptionId).executeTakeFirst();
  if (!f) throw notFound();
  authorize(
    ctx.actor,
    fulfilmentPolicy,
    'read',
    { grants: await grantsOf(db, ctx.actor, 'tradein'), organization_id: Number(f.organization_id), holder_user_id: Number(f.holder_user_id) },
    redemptionId,
  );
  const kind = num(f.delivery_attachment_id) === attachmentId ? 'delivery' : num(f.installation_attachment_id) === attachmentId ? 'installation' : null;
  if (kind === null) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'tradein_fulfilment', id: redemptionId, kind }, download });
}
