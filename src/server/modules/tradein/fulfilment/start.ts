import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { enter, move } from '../../../core/workflow.js';
import type { Tx } from '../../../db/database.js';
import { maskStart } from '../risk/rules.js';
import type { SaleChannel } from '../tables.js';
import { fulfilmentWorkflow } from './workflow.js';

/** Where a sale's goods go: a town of the city (null when a till did not say) and the address as given. */
export interface SaleDelivery {
  townId: number | null;
  address: string;
}

export interface NewFulfilment {
  redemptionId: number;
  organizationId: number;
  merchantId: number;
  holderUserId: number;
  channel: SaleChannel;
  needsInstallation: boolean;
  delivery: SaleDelivery | null;
  /** The sale's time. */
  at: string;
}

const DAY_MS = 86_400_000;

/**
 * Gives a new sale its fulfilment, in the sale's transaction. Online, or with a delivery address, it waits for
 * delivery (due by the sale's time plus `tradein.deliveryDueDays`); carried out of the store it is delivered, and
 * then settleable at once unless the category is installed in the home.
 */
export async function startFulfilment(tx: Tx, deps: AppDeps, ctx: RequestContext, f: NewFulfilment): Promise<void> {
  const delivered = f.channel === 'store' && f.delivery === null;
  const status = delivered ? (f.needsInstallation ? 'delivered' : 'settleable') : 'awaiting_delivery';
  const dueDays = delivered ? null : await deps.parameters.get('tradein.deliveryDueDays');
  await tx
    .insertInto('tradein_fulfilments')
    .values({
      redemption_id: f.redemptionId,
      organization_id: f.organizationId,
      merchant_id: f.merchantId,
      holder_user_id: f.holderUserId,
      channel: f.channel,
      status,
      needs_installation: f.needsInstallation ? 1 : 0,
      delivery_town_id: f.delivery?.townId ?? null,
      delivery_address_enc: f.delivery ? deps.sealer.seal(f.delivery.address) : null,
      delivery_address_mask: f.delivery ? maskStart(f.delivery.address, 6) : null,
      due_at: dueDays === null ? null : new Date(Date.parse(f.at) + dueDays * DAY_MS).toISOString(),
      delivered_at: delivered ? f.at : null,
      delivery_confirmed_by: delivered ? 'merchant' : null,
      delivery_attachment_id: null,
      delivery_minutes: delivered ? 0 : null,
      installed_at: null,
      installer_name: null,
      installation_attachment_id: null,
      installation_minutes: null,
      settleable_at: status === 'settleable' ? f.at : null,
      overdue_notified_at: null,
      created_at: f.at,
      updated_at: f.at,
    })
    .execute();
  // A sale settleable from the start has nothing to follow; the others begin their timeline here.
  if (status === 'settleable') return;
  await enter(tx, ctx, fulfilmentWorkflow, {
    id: f.redemptionId,
    action: status === 'delivered' ? 'sellForInstallation' : 'sellForDelivery',
    organizationId: f.organizationId,
    params: { channel: f.channel },
  });
}

/** A reversed sale is no longer followed (nor flagged overdue); a sale of before this existed may have no row. */
export async function cancelFulfilment(tx: Tx, ctx: RequestContext, redemptionId: number, organizationId: number): Promise<void> {
  const row = await tx.selectFrom('tradein_fulfilments').select('status').where('redemption_id', '=', redemptionId).executeTakeFirst();
  if (!row || row.status === 'cancelled') return;
  await move(tx, ctx, fulfilmentWorkflow, { id: redemptionId, action: 'cancel', from: row.status, organizationId });
}
