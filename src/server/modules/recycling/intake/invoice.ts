import type { AppDeps } from '../../../core/deps.js';
import { AppError } from '../../../core/errors.js';
import type { Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { fenToYuan } from '../../../../shared/money.js';
import { reverseInvoiceFigures } from '../../../../shared/reverseInvoice.js';

export interface Seller {
  name: string;
  idEnc: string;
  idLookup: string;
  idMask: string;
}

export type Rates = Awaited<ReturnType<typeof ratesInForce>>;

/**
 * The rates in force now (system parameters, to be confirmed by 市税务局). Read before the transaction opens, so that
 * the transaction holds its locks no longer than its writes need.
 */
export async function ratesInForce(deps: AppDeps) {
  return {
    vatRateBp: await deps.parameters.get('recycling.reverseInvoiceVatRateBp'),
    incomeTaxRateBp: await deps.parameters.get('recycling.reverseInvoiceIncomeTaxRateBp'),
    annualLimitYuan: await deps.parameters.get('recycling.reverseInvoiceAnnualLimitYuan'),
  };
}

/**
 * Adds a sale to the seller's calendar-year total across every recycler, or refuses it. The total is one row per
 * seller and year; the update is conditional (`total_fen + amount <= limit`), so the database decides between two
 * purchases racing: on PostgreSQL the second update waits for the first's row lock and re-checks the condition on
 * the committed total, on SQLite writers are serialised. The insert beforehand only makes sure the row exists
 * (`on conflict do nothing`; a concurrent first insert waits for the other's commit).
 */
async function chargeSellerYear(tx: Tx, lookup: string, year: number, amountFen: number, limitFen: number): Promise<number> {
  const now = nowIso();
  await tx
    .insertInto('recycling_reverse_invoice_totals')
    .values({ seller_id_lookup: lookup, year, total_fen: 0, invoice_count: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['seller_id_lookup', 'year']).doNothing())
    .execute();
  const charged = await tx
    .updateTable('recycling_reverse_invoice_totals')
    .set((eb) => ({ total_fen: eb('total_fen', '+', amountFen), invoice_count: eb('invoice_count', '+', 1), updated_at: now }))
    .where('seller_id_lookup', '=', lookup)
    .where('year', '=', year)
    .where((eb) => eb(eb('total_fen', '+', amountFen), '<=', limitFen))
    .returning('total_fen')
    .executeTakeFirst();
  if (charged) return Number(charged.total_fen);
  const current = await tx
    .selectFrom('recycling_reverse_invoice_totals')
    .select('total_fen')
    .where('seller_id_lookup', '=', lookup)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  const params = { limit: fenToYuan(limitFen), total: fenToYuan(Number(current.total_fen)), amount: fenToYuan(amountFen), year };
  throw new AppError(409, 'REVERSE_INVOICE_LIMIT', 'error.REVERSE_INVOICE_LIMIT', params, [
    { path: 'priceFen', reason: 'field.recycling.reverseInvoiceLimit', params },
  ]);
}

/** Issues the reverse invoice of a purchase from an individual, in the intake's transaction. */
export async function issueReverseInvoice(
  rates: Rates,
  tx: Tx,
  intake: { id: number; recyclerOrganizationId: number; takenInOn: string; priceFen: number },
  seller: Seller,
): Promise<number> {
  const figures = reverseInvoiceFigures(intake.priceFen, rates.vatRateBp, rates.incomeTaxRateBp);
  const year = Number(intake.takenInOn.slice(0, 4));
  const limitFen = rates.annualLimitYuan * 100;
  const yearTotal = await chargeSellerYear(tx, seller.idLookup, year, figures.amountFen, limitFen);
  const row = await tx
    .insertInto('recycling_reverse_invoices')
    .values({
      intake_id: intake.id,
      recycler_organization_id: intake.recyclerOrganizationId,
      seller_name: seller.name,
      seller_id_enc: seller.idEnc,
      seller_id_lookup: seller.idLookup,
      seller_id_mask: seller.idMask,
      issued_on: intake.takenInOn,
      month: intake.takenInOn.slice(0, 7),
      year,
      price_fen: intake.priceFen,
      amount_fen: figures.amountFen,
      vat_fen: figures.vatFen,
      income_tax_fen: figures.incomeTaxFen,
      net_paid_fen: figures.netPaidFen,
      vat_rate_bp: rates.vatRateBp,
      income_tax_rate_bp: rates.incomeTaxRateBp,
      annual_limit_fen: limitFen,
      year_total_fen: yearTotal,
      status: 'issued',
      voided_at: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Voids the intake's reverse invoice, if it has an issued one, and gives its amount back to the seller's year. */
export async function voidReverseInvoice(tx: Tx, intake: { id: number; recyclerOrganizationId: number }): Promise<{ id: number; amountFen: number } | null> {
  const now = nowIso();
  const voided = await tx
    .updateTable('recycling_reverse_invoices')
    .set({ status: 'void', voided_at: now })
    .where('recycler_organization_id', '=', intake.recyclerOrganizationId)
    .where('intake_id', '=', intake.id)
    .where('status', '=', 'issued')
    .returning(['id', 'amount_fen', 'seller_id_lookup', 'year'])
    .executeTakeFirst();
  if (!voided) return null;
  await tx
    .updateTable('recycling_reverse_invoice_totals')
    .set((eb) => ({ total_fen: eb('total_fen', '-', voided.amount_fen), invoice_count: eb('invoice_count', '-', 1), updated_at: now }))
    .where('seller_id_lookup', '=', voided.seller_id_lookup)
    .where('year', '=', voided.year)
    .execute();
  return { id: Number(voided.id), amountFen: Number(voided.amount_fen) };
}
