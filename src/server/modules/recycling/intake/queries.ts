import { sql, type Selectable } from 'kysely';
import type { Actor } from '../../../core/context.js';
import { addMonths } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';
import type { RecyclingIntakeRecordTable, RecyclingReverseInvoiceTable } from './tables.js';
import type { IntakeListQuery, IntakeView, InvoiceView } from './schema.js';

export type IntakeRow = Selectable<RecyclingIntakeRecordTable> & {
  site_name: string;
  recycler_name: string;
  town_name: string;
  reverse_invoice_id: number | null;
};
export type InvoiceRow = Selectable<RecyclingReverseInvoiceTable> & { recycler_name: string };

export function selectIntake(db: Queryable) {
  return db
    .selectFrom('recycling_intake_records as i')
    .innerJoin('recycling_sites as s', 's.id', 'i.site_id')
    .innerJoin('organizations as r', 'r.id', 'i.recycler_organization_id')
    .innerJoin('organizations as t', 't.id', 'i.town_id')
    .leftJoin('recycling_reverse_invoices as v', (j) =>
      j.onRef('v.recycler_organization_id', '=', 'i.recycler_organization_id').onRef('v.intake_id', '=', 'i.id'),
    )
    .selectAll('i')
    .select(['s.name as site_name', 'r.name as recycler_name', 't.name as town_name', 'v.id as reverse_invoice_id']);
}

export function selectInvoices(db: Queryable) {
  return db
    .selectFrom('recycling_reverse_invoices as v')
    .innerJoin('organizations as r', 'r.id', 'v.recycler_organization_id')
    .selectAll('v')
    .select('r.name as recycler_name');
}

/** A month's first day and the next month's: `taken_in_on` is a YYYY-MM-DD text, compared as text. */
export function monthDays(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${addMonths(month, 1)}-01` };
}

const SORT_COLUMNS = { takenInOn: 'i.taken_in_on', priceFen: 'i.price_fen', createdAt: 'i.id' } as const;

/** The list's filters on the base query (the caller scopes it to a recycler first). */
export function filterIntake(base: ReturnType<typeof selectIntake>, q: IntakeListQuery) {
  let query = base;
  if (q.siteId) query = query.where('i.site_id', '=', q.siteId);
  if (q.recyclerId) query = query.where('i.recycler_organization_id', '=', q.recyclerId);
  if (q.material) query = query.where('i.material', '=', q.material);
  if (q.source) query = query.where('i.source', '=', q.source);
  if (q.status) query = query.where('i.status', '=', q.status);
  if (q.from) query = query.where('i.taken_in_on', '>=', q.from);
  if (q.to) query = query.where('i.taken_in_on', '<=', q.to);
  if (q.month) {
    const m = monthDays(q.month);
    query = query.where('i.taken_in_on', '>=', m.from).where('i.taken_in_on', '<', m.to);
  }
  if (q.q) {
    const p = likePattern(q.q);
    query = query.where((eb) => sql<boolean>`${eb.ref('i.seller_name')} like ${p} escape '\\'`);
  }
  return query;
}

export function sortIntake(query: ReturnType<typeof selectIntake>, q: IntakeListQuery) {
  return query.orderBy(SORT_COLUMNS[q.sort ?? 'takenInOn'], q.order).orderBy('i.id', q.order);
}

export function toIntakeView(actor: Actor, r: IntakeRow): IntakeView {
  return {
    id: Number(r.id),
    siteId: Number(r.site_id),
    siteName: r.site_name,
    recyclerOrganizationId: Number(r.recycler_organization_id),
    recyclerName: r.recycler_name,
    townId: Number(r.town_id),
    townName: r.town_name,
    material: r.material,
    applianceCategory: r.appliance_category,
    source: r.source,
    productionScrap: Number(r.production_scrap) === 1,
    weightKg: r.weight_kg === null ? null : Number(r.weight_kg),
    units: r.units === null ? null : Number(r.units),
    priceFen: Number(r.price_fen),
    takenInOn: r.taken_in_on,
    sellerName: r.seller_name,
    sellerCreditCode: r.seller_credit_code,
    sellerIdMask: r.seller_id_mask,
    sellerContactName: r.seller_contact_name,
    sellerContactPhoneMask: r.seller_contact_phone_mask,
    keepUntil: r.keep_until,
    note: r.note,
    status: r.status,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    reverseInvoiceId: r.reverse_invoice_id === null ? null : Number(r.reverse_invoice_id),
    isDemo: Number(r.is_demo) === 1,
    createdAt: r.created_at,
    canVoid: r.status === 'recorded' && actor.role === 'recycler' && actor.organizationId === Number(r.recycler_organization_id),
  };
}

export function toInvoiceView(r: InvoiceRow): InvoiceView {
  return {
    id: Number(r.id),
    intakeId: Number(r.intake_id),
    recyclerOrganizationId: Number(r.recycler_organization_id),
    recyclerName: r.recycler_name,
    sellerName: r.seller_name,
    sellerIdMask: r.seller_id_mask,
    issuedOn: r.issued_on,
    priceFen: Number(r.price_fen),
    amountFen: Number(r.amount_fen),
    vatFen: Number(r.vat_fen),
    incomeTaxFen: Number(r.income_tax_fen),
    netPaidFen: Number(r.net_paid_fen),
    vatRateBp: Number(r.vat_rate_bp),
    incomeTaxRateBp: Number(r.income_tax_rate_bp),
    yearTotalFen: Number(r.year_total_fen),
    status: r.status,
  };
}
