import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { versionConflict } from '../../../core/versioned.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { maskMobile } from '../../../../shared/validators/mobile.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { dealerPolicy } from '../policies/dealer.js';
import { dealerRecord, loadDealer } from './queries.js';
import type { DealerDetailView, DealerInput, DealerMove, UpdateDealerInput } from './schema.js';
import { dealerWorkflow } from './workflow.js';

const creditCodeTaken = (err: unknown): never => {
  if (isUniqueViolation(err)) throw badRequest([{ path: 'creditCode', reason: 'field.recycling.dealerCreditCodeTaken' }]);
  throw err;
};

/** Town, linked enterprise, kinds and date, all at once. */
async function checkInput(tx: Tx, input: DealerInput): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const town = await tx.selectFrom('organizations').select('id').where('id', '=', input.townId).where('kind', '=', 'town').executeTakeFirst();
  if (!town) issues.push({ path: 'townId', reason: 'field.recycling.notATown' });
  if (input.organizationId !== null) {
    const org = await tx.selectFrom('organizations').select('id').where('id', '=', input.organizationId).where('kind', '=', 'enterprise').executeTakeFirst();
    if (!org) issues.push({ path: 'organizationId', reason: 'field.recycling.dealerNotEnterprise' });
  }
  if (new Set(input.kinds).size !== input.kinds.length) issues.push({ path: 'kinds', reason: 'field.recycling.dealerKindsTwice' });
  if (input.registeredOn && input.registeredOn > shanghaiDate()) issues.push({ path: 'registeredOn', reason: 'field.recycling.dealerRegisteredFuture' });
  return issues;
}

async function writeKinds(tx: Tx, dealerId: number, kinds: readonly string[]) {
  await tx.deleteFrom('recycling_dealer_kinds').where('dealer_id', '=', dealerId).execute();
  await tx
    .insertInto('recycling_dealer_kinds')
    .values([...new Set(kinds)].map((kind) => ({ dealer_id: dealerId, kind: kind as never })))
    .execute();
}

const details = (input: DealerInput) => ({
  name: input.name,
  credit_code: input.creditCode,
  town_id: input.townId,
  address: input.address,
  contact_name: input.contactName,
  licence_number: input.licenceNumber || null,
  organization_id: input.organizationId,
});

/**
 * 市商务局 (or the office) registers a dealer from its filing (备案): the register is kept by the department that
 * receives the filings, so there is no application step for the enterprise to go through here. Audited, with the
 * mobile masked.
 */
export async function registerDealer(deps: AppDeps, ctx: RequestContext, input: DealerInput): Promise<DealerDetailView> {
  const id = await inTransaction(deps.database, async (tx) => {
    authorize(ctx.actor, dealerPolicy, 'register', { grants: await grantsOf(tx, ctx.actor, 'recycling') });
    const issues = await checkInput(tx, input);
    if (!input.contactMobile) issues.push({ path: 'contactMobile', reason: 'field.recycling.dealerMobileRequired' });
    if (issues.length) throw badRequest(issues);
    const now = nowIso();
    const today = shanghaiDate();
    const row = await tx
      .insertInto('recycling_dealers')
      .values({
        ...details(input),
        contact_mobile_enc: deps.sealer.seal(input.contactMobile!),
        contact_mobile_mask: maskMobile(input.contactMobile!),
        registered_on: input.registeredOn ?? today,
        status: 'active',
        status_since: input.registeredOn ?? today,
        version: 1,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch(creditCodeTaken);
    const dealerId = Number(row.id);
    await writeKinds(tx, dealerId, input.kinds);
    await enter(tx, ctx, dealerWorkflow, {
      id: dealerId,
      action: 'register',
      organizationId: input.organizationId,
      audit: { after: { ...input, contactMobile: maskMobile(input.contactMobile!) } },
    });
    return dealerId;
  });
  return loadDealer(deps.database.db, ctx, id);
}

async function loadForChange(tx: Tx, ctx: RequestContext, id: number, action: 'update' | 'move') {
  const dealer = await tx.selectFrom('recycling_dealers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!dealer) throw notFound();
  authorize(ctx.actor, dealerPolicy, action, dealerRecord(await grantsOf(tx, ctx.actor, 'recycling'), dealer), id);
  return dealer;
}

/** Changes the register entry (not its status); the version edited must be the current one (409 otherwise). */
export async function updateDealer(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateDealerInput): Promise<DealerDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const dealer = await loadForChange(tx, ctx, id, 'update');
    if (dealer.status === 'deregistered') throw new AppError(409, 'DEALER_DEREGISTERED', 'error.DEALER_DEREGISTERED');
    const { version, ...rest } = input;
    if (Number(dealer.version) !== version) throw versionConflict(version);
    const issues = await checkInput(tx, rest);
    if (issues.length) throw badRequest(issues);
    const set = {
      ...details(rest),
      ...(rest.registeredOn ? { registered_on: rest.registeredOn } : {}),
      ...(rest.contactMobile ? { contact_mobile_enc: deps.sealer.seal(rest.contactMobile), contact_mobile_mask: maskMobile(rest.contactMobile) } : {}),
      version: version + 1,
      updated_at: nowIso(),
    };
    const res = await tx
      .updateTable('recycling_dealers')
      .set(set)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst()
      .catch(creditCodeTaken);
    if (Number(res.numUpdatedRows) !== 1) throw versionConflict(version);
    await writeKinds(tx, id, rest.kinds);
    const { contact_mobile_enc: _enc, ...before } = dealer;
    await appendAudit(tx, ctx, {
      entity: dealerWorkflow.kind,
      entityId: id,
      action: 'update',
      organizationId: dealer.organization_id === null ? null : Number(dealer.organization_id),
      before,
      after: { ...rest, ...(rest.contactMobile ? { contactMobile: maskMobile(rest.contactMobile) } : {}) },
    });
  });
  return loadDealer(deps.database.db, ctx, id);
}

/** Suspends, reinstates or deregisters a dealer; the date is its `status_since` and on its history. */
export async function moveDealer(deps: AppDeps, ctx: RequestContext, id: number, input: { action: DealerMove; note?: string | undefined }) {
  await inTransaction(deps.database, async (tx) => {
    const dealer = await loadForChange(tx, ctx, id, 'move');
    const today = shanghaiDate();
    await move(tx, ctx, dealerWorkflow, {
      id,
      action: input.action,
      from: dealer.status,
      set: { status_since: today, version: Number(dealer.version) + 1 },
      note: input.note ?? null,
      organizationId: dealer.organization_id === null ? null : Number(dealer.organization_id),
      params: { on: today },
    });
  });
  return loadDealer(deps.database.db, ctx, id);
}
