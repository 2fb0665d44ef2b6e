import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, fieldError, invalidState, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { SCRAP_METALS } from '../../../../shared/enums/recyclingIntake.js';
import { maskCitizenId, maskMobile } from '../../../../shared/validators/index.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { intakePolicy, type IntakeRecord } from '../policies/intake.js';
import { issueReverseInvoice, ratesInForce, voidReverseInvoice } from './invoice.js';
import { filterIntake, selectIntake, selectInvoices, sortIntake, toIntakeView, toInvoiceView } from './queries.js';
import type { IntakeListQuery, IntakeOptions, InvoiceListQuery, InvoicePage, RecordIntakeInput } from './schema.js';

/** How far back a purchase may be recorded: a month's records are complete soon after it ends, for filing. */
const MAX_DAYS_BACK = 31;
/** Production scrap metal purchase records are kept at least two years (再生资源回收管理办法). */
const SCRAP_KEEP_YEARS = 2;

/** The actor's grants in the domain, for the rules that let 市商务局 read every recycler's records. */
async function policyRecord(db: Queryable, ctx: RequestContext, recyclerOrganizationId?: number): Promise<IntakeRecord> {
  const grants = await grantsOf(db, ctx.actor, 'recycling');
  return recyclerOrganizationId === undefined ? { grants } : { grants, recyclerOrganizationId };
}

/** What one record must hold beyond its fields' own checks, every problem on its field. */
function checkRecord(input: RecordIntakeInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const appliances = input.material === 'appliances';
  if (input.material === 'vehicles') issues.push({ path: 'material', reason: 'field.recycling.intakeVehicles' });
  if (appliances && input.applianceCategory === undefined) issues.push({ path: 'applianceCategory', reason: 'field.recycling.intakeCategoryRequired' });
  if (!appliances && input.applianceCategory !== undefined) issues.push({ path: 'applianceCategory', reason: 'field.recycling.intakeCategoryAppliancesOnly' });
  if (appliances && input.units === undefined) issues.push({ path: 'units', reason: 'field.recycling.intakeUnitsRequired' });
  if (appliances && input.weightKg !== undefined) issues.push({ path: 'weightKg', reason: 'field.recycling.intakeByUnits' });
  if (!appliances && input.weightKg === undefined) issues.push({ path: 'weightKg', reason: 'field.recycling.intakeWeightRequired' });
  if (!appliances && input.units !== undefined) issues.push({ path: 'units', reason: 'field.recycling.intakeByWeight' });
  if (input.takenInOn > today) issues.push({ path: 'takenInOn', reason: 'field.recycling.intakeInFuture' });
  else if (input.takenInOn < addDays(today, -MAX_DAYS_BACK))
    issues.push({ path: 'takenInOn', reason: 'field.recycling.intakeTooOld', params: { days: MAX_DAYS_BACK } });
  const s = input.seller;
  if (input.source === 'enterprise') {
    if (s.creditCode === undefined) issues.push({ path: 'seller.creditCode', reason: 'field.recycling.intakeCreditCodeRequired' });
    if (s.idNumber !== undefined) issues.push({ path: 'seller.idNumber', reason: 'field.recycling.intakeIdIndividualsOnly' });
  } else {
    if (s.idNumber === undefined) issues.push({ path: 'seller.idNumber', reason: 'field.recycling.intakeIdRequired' });
    if (s.creditCode !== undefined) issues.push({ path: 'seller.creditCode', reason: 'field.recycling.intakeCreditCodeEnterprisesOnly' });
  }
  if (input.productionScrap) {
    if (input.source !== 'enterprise' || !SCRAP_METALS.includes(input.material))
      issues.push({ path: 'productionScrap', reason: 'field.recycling.intakeScrapMetalOnly' });
    // The seller's identity the rules require: its name and credit code (above), and whom to reach there.
    if (s.contactName === undefined) issues.push({ path: 'seller.contactName', reason: 'field.recycling.intakeScrapIdentity' });
    if (s.contactPhone === undefined) issues.push({ path: 'seller.contactPhone', reason: 'field.recycling.intakeScrapIdentity' });
  }
  return issues;
}

/**
 * A recycler records what one of its operating sites took in. A purchase from an individual issues its reverse
 * invoice in the same transaction (refused, nothing written, beyond the seller's yearly limit); production scrap
 * metal keeps its seller's identity and contact and is kept at least two years.
 */
export async function recordIntake(deps: AppDeps, ctx: RequestContext, input: RecordIntakeInput): Promise<{ id: number; reverseInvoiceId: number | null }> {
  const today = shanghaiDate();
  const issues = checkRecord(input, today);
  if (issues.length) throw badRequest(issues);
  const rates = await ratesInForce(deps);
  return inTransaction(deps.database, async (tx) => {
    const site = await tx
      .selectFrom('recycling_sites')
      .select(['id', 'operator_organization_id', 'town_id', 'status'])
      .where('id', '=', input.siteId)
      .executeTakeFirst();
    if (!site) throw fieldError('siteId', 'field.recycling.intakeSiteUnknown');
    const operator = site.operator_organization_id === null ? null : Number(site.operator_organization_id);
    authorize(ctx.actor, intakePolicy, 'record', { recyclerOrganizationId: operator });
    if (site.status !== 'operating') throw fieldError('siteId', 'field.recycling.intakeSiteNotOperating');
    const s = input.seller;
    const id = s.idNumber === undefined ? null : { enc: deps.sealer.seal(s.idNumber), lookup: deps.sealer.lookup(s.idNumber), mask: maskCitizenId(s.idNumber) };
    const phone = s.contactPhone === undefined ? null : { enc: deps.sealer.seal(s.contactPhone), mask: maskMobile(s.contactPhone) };
    const now = nowIso();
    const row = await tx
      .insertInto('recycling_intake_records')
      .values({
        site_id: input.siteId,
        recycler_organization_id: operator!,
        town_id: Number(site.town_id),
        recorded_by: ctx.actor.userId!,
        material: input.material,
        appliance_category: input.applianceCategory ?? null,
        source: input.source,
        production_scrap: input.productionScrap ? 1 : 0,
        weight_kg: input.weightKg ?? null,
        units: input.units ?? null,
        price_fen: input.priceFen,
        taken_in_on: input.takenInOn,
        seller_name: s.name,
        seller_credit_code: s.creditCode ?? null,
        seller_id_enc: id?.enc ?? null,
        seller_id_lookup: id?.lookup ?? null,
        seller_id_mask: id?.mask ?? null,
        seller_contact_name: s.contactName ?? null,
        seller_contact_phone_enc: phone?.enc ?? null,
        seller_contact_phone_mask: phone?.mask ?? null,
        keep_until: input.productionScrap ? addDays(input.takenInOn, 365 * SCRAP_KEEP_YEARS + 1) : null,
        note: input.note ?? null,
        status: 'recorded',
        voided_by: null,
        voided_at: null,
        void_reason: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const intakeId = Number(row.id);
    // Nothing paid, nothing to invoice (a free hand-over).
    const reverseInvoiceId =
      id && input.priceFen > 0
        ? await issueReverseInvoice(
            rates,
            tx,
            { id: intakeId, recyclerOrganizationId: operator!, takenInOn: input.takenInOn, priceFen: input.priceFen },
            { name: s.name, idEnc: id.enc, idLookup: id.lookup, idMask: id.mask },
          )
        : null;
    await appendAudit(tx, ctx, {
      entity: intakePolicy.resource,
      entityId: intakeId,
      action: 'record',
      organizationId: operator,
      after: { ...input, seller: { ...s, idNumber: id?.mask, contactPhone: phone?.mask }, reverseInvoiceId },
    });
    return { id: intakeId, reverseInvoiceId };
  });
}

/**
 * The recycler voids a record it made in error, with a reason: its reverse invoice is voided and the seller's
 * yearly total given back, in one transaction. A void record stays (and shows as void); it cannot be voided twice.
 */
export async function voidIntake(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  await inTransaction(deps.database, async (tx) => {
    const r = await tx.selectFrom('recycling_intake_records').select(['recycler_organization_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    authorize(ctx.actor, intakePolicy, 'void', { recyclerOrganizationId: Number(r.recycler_organization_id) }, id);
    const now = nowIso();
    const recyclerOrganizationId = Number(r.recycler_organization_id);
    const voided = await tx
      .updateTable('recycling_intake_records')
      .set({ status: 'void', voided_by: ctx.actor.userId, voided_at: now, void_reason: reason, updated_at: now })
      .where('recycler_organization_id', '=', recyclerOrganizationId)
      .where('id', '=', id)
      .where('status', '=', 'recorded')
      .executeTakeFirst();
    if (Number(voided.numUpdatedRows) !== 1) throw invalidState(r.status);
    const invoice = await voidReverseInvoice(tx, { id, recyclerOrganizationId });
    await appendAudit(tx, ctx, {
      entity: intakePolicy.resource,
      entityId: id,
      action: 'void',
      organizationId: Number(r.recycler_organization_id),
      before: { status: r.status },
      after: { status: 'void', reason, reverseInvoice: invoice },
    });
  });
  return getIntake(deps, ctx, id);
}

/** A recycler's own records; officials' all, or one recycler's. */
export async function listIntake(deps: AppDeps, ctx: RequestContext, q: IntakeListQuery) {
  const db = deps.database.db;
  authorize(ctx.actor, intakePolicy, 'list', await policyRecord(db, ctx));
  let base = selectIntake(db);
  if (ctx.actor.role === 'recycler') base = base.where('i.recycler_organization_id', '=', ctx.actor.organizationId ?? -1);
  const filtered = filterIntake(base, q);
  const page = await paginate(filtered.clearSelect(), () => sortIntake(filtered, q), q);
  return { ...page, items: page.items.map((r) => toIntakeView(ctx.actor, r)) };
}

export async function getIntake(deps: AppDeps, ctx: RequestContext, id: number) {
  const db = deps.database.db;
  const r = await selectIntake(db).where('i.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  authorize(ctx.actor, intakePolicy, 'read', await policyRecord(db, ctx, Number(r.recycler_organization_id)), id);
  const invoice = await selectInvoices(db).where('v.intake_id', '=', id).executeTakeFirst();
  return { ...toIntakeView(ctx.actor, r), reverseInvoice: invoice ? toInvoiceView(invoice) : null };
}

/** Whose invoices the caller reads: a recycler always its own; an official one recycler or (list only) all. */
export async function invoiceScope(deps: AppDeps, ctx: RequestContext, recyclerId: number | undefined, action: 'listInvoices' | 'exportInvoices') {
  const db = deps.database.db;
  const own = ctx.actor.role === 'recycler';
  const scope = own ? (ctx.actor.organizationId ?? -1) : recyclerId;
  authorize(ctx.actor, intakePolicy, action, await policyRecord(db, ctx, scope));
  return scope;
}

/** A month's reverse invoices, newest first, with the month's totals of the issued ones. */
export async function listInvoices(deps: AppDeps, ctx: RequestContext, q: InvoiceListQuery): Promise<InvoicePage> {
  const scope = await invoiceScope(deps, ctx, q.recyclerId, 'listInvoices');
  let base = selectInvoices(deps.database.db).where('v.month', '=', q.month);
  if (scope !== undefined) base = base.where('v.recycler_organization_id', '=', scope);
  const filtered = q.status ? base.where('v.status', '=', q.status) : base;
  const page = await paginate(filtered.clearSelect(), () => filtered.orderBy('v.issued_on', 'desc').orderBy('v.id', 'desc'), q);
  const sums = await base
    .clearSelect()
    .where('v.status', '=', 'issued')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('v.price_fen'), eb.lit(0)).as('price'),
      eb.fn.coalesce(eb.fn.sum<number>('v.amount_fen'), eb.lit(0)).as('amount'),
      eb.fn.coalesce(eb.fn.sum<number>('v.vat_fen'), eb.lit(0)).as('vat'),
      eb.fn.coalesce(eb.fn.sum<number>('v.income_tax_fen'), eb.lit(0)).as('tax'),
    ])
    .executeTakeFirstOrThrow();
  return {
    ...page,
    items: page.items.map(toInvoiceView),
    totals: {
      count: Number(sums.count),
      priceFen: Number(sums.price),
      amountFen: Number(sums.amount),
      vatFen: Number(sums.vat),
      incomeTaxFen: Number(sums.tax),
    },
  };
}

/** What the pages need: the sites a recycler records at, the recyclers officials filter by, and the rates in force. */
export async function intakeOptions(deps: AppDeps, ctx: RequestContext): Promise<IntakeOptions> {
  const db = deps.database.db;
  authorize(ctx.actor, intakePolicy, 'list', await policyRecord(db, ctx));
  const own = ctx.actor.role === 'recycler';
  const sites = own
    ? await db
        .selectFrom('recycling_sites as s')
        .innerJoin('organizations as t', 't.id', 's.town_id')
        .select(['s.id', 's.name', 't.name as town_name'])
        .where('s.operator_organization_id', '=', ctx.actor.organizationId ?? -1)
        .where('s.status', '=', 'operating')
        .orderBy('s.name')
        .execute()
    : [];
  const recyclers = own
    ? []
    : await db
        .selectFrom('organizations as o')
        .select(['o.id', 'o.name'])
        .where((eb) => eb.exists(eb.selectFrom('recycling_sites as s').select('s.id').whereRef('s.operator_organization_id', '=', 'o.id')))
        .orderBy('o.name')
        .execute();
  return {
    sites: sites.map((s) => ({ id: Number(s.id), name: s.name, townName: s.town_name })),
    recyclers: recyclers.map((r) => ({ id: Number(r.id), name: r.name })),
    rates: await ratesInForce(deps),
  };
}
