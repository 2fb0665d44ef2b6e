import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { shanghaiDate } from '../../../core/time.js';
import { versionConflict } from '../../../core/versioned.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { isCodeOffered } from '../../platform/dictionaries/service.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import type { RecyclingSiteTable } from '../tables.js';
import { recyclingSitePolicy } from '../policies/site.js';
import { loadSite, policyRecord } from './queries.js';
import {
  JINJIANG_BOUNDS,
  type CreateSiteInput,
  type MoveSiteInput,
  type SiteDetailView,
  type SiteDetailsInput,
  type SiteOperationsInput,
  type UpdateOperationsInput,
  type UpdateSiteInput,
} from './schema.js';
import { recyclingSiteWorkflow } from './workflow.js';

type SiteRow = RecyclingSiteTable & { id: number };

const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

/** Materials the office still offers (a code a site took before it was disabled stays on that site). */
async function materialIssues(db: Queryable, materials: readonly string[], before: readonly string[] = []): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [i, code] of materials.entries())
    if (!before.includes(code) && !(await isCodeOffered(db, 'material_kind', code)))
      issues.push({ path: `materials.${i}`, reason: 'field.recycling.materialDisabled' });
  return issues;
}

/** Town, operator, materials, coordinates, completion date and code: every issue at once. */
async function checkDetails(db: Queryable, input: SiteDetailsInput, status: string, before?: SiteRow): Promise<void> {
  const issues: FieldIssue[] = [];
  const town = await db.selectFrom('organizations').select('kind').where('id', '=', input.townId).executeTakeFirst();
  if (town?.kind !== 'town') issues.push({ path: 'townId', reason: 'field.recycling.notATown' });
  if (input.operatorOrganizationId !== null && input.operatorOrganizationId !== before?.operator_organization_id) {
    const op = await db.selectFrom('organizations').select(['kind', 'status']).where('id', '=', input.operatorOrganizationId).executeTakeFirst();
    if (op?.kind !== 'enterprise' || op.status !== 'active') issues.push({ path: 'operatorOrganizationId', reason: 'field.recycling.operatorNotEnterprise' });
  }
  issues.push(...(await materialIssues(db, input.materials, before ? (JSON.parse(before.materials_json) as string[]) : [])));
  const { latitude: lat, longitude: lng } = input;
  if ((lat === null) !== (lng === null)) issues.push({ path: lat === null ? 'latitude' : 'longitude', reason: 'field.recycling.coordinatesPair' });
  const { latitude: la, longitude: lo } = JINJIANG_BOUNDS;
  if (lat !== null && (lat < la.min || lat > la.max)) issues.push({ path: 'latitude', reason: 'field.recycling.latitudeRange', params: { ...la } });
  if (lng !== null && (lng < lo.min || lng > lo.max)) issues.push({ path: 'longitude', reason: 'field.recycling.longitudeRange', params: { ...lo } });
  if (input.completedOn !== null) {
    if (input.origin === 'existing') issues.push({ path: 'completedOn', reason: 'field.recycling.completedOnNotBuilt' });
    else if (status === 'planned' || status === 'under_construction') issues.push({ path: 'completedOn', reason: 'field.recycling.completedOnPlanned' });
    else if (input.completedOn > shanghaiDate()) issues.push({ path: 'completedOn', reason: 'field.recycling.completedOnFuture' });
  }
  if (input.code !== undefined && input.code !== before?.code) {
    const taken = await db.selectFrom('recycling_sites').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) issues.push({ path: 'code', reason: 'field.recycling.codeTaken' });
  }
  if (issues.length) throw badRequest(issues);
}

/** `RS-<town code>-<n>`: the next free number in the town. */
async function nextCode(tx: Tx, townId: number): Promise<string> {
  const town = await tx.selectFrom('organizations').select('code').where('id', '=', townId).executeTakeFirstOrThrow();
  const row = await tx
    .selectFrom('recycling_sites')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('town_id', '=', townId)
    .executeTakeFirstOrThrow();
  for (let n = Number(row.n) + 1; ; n++) {
    const code = `RS-${town.code}-${String(n).padStart(3, '0')}`;
    if (!(await tx.selectFrom('recycling_sites').select('id').where('code', '=', code).executeTakeFirst())) return code;
  }
}

const operations = (input: SiteOperationsInput) => ({
  opening_hours: input.openingHours || null,
  capacity_tonnes_per_day: input.capacityTonnesPerDay,
  materials_json: JSON.stringify(uniq(input.materials)),
  contact_name: input.contactName || null,
  contact_phone: input.contactPhone || null,
});

const details = (input: SiteDetailsInput) => ({
  ...operations(input),
  kind: input.kind,
  name: input.name,
  operator_organization_id: input.operatorOrganizationId,
  town_id: input.townId,
  address: input.address,
  latitude: input.latitude,
  longitude: input.longitude,
  licence_number: input.licenceNumber || null,
  licence_valid_to: input.licenceValidTo,
  fire_safety: input.fireSafety,
  standardisation: input.standardisation,
  origin: input.origin,
});

/** A site rebuilt, expanded or new opens: the day it is completed is what the plan counts (today unless given). */
const completedOnOpening = (origin: string, given: string | null | undefined) => (origin === 'existing' ? null : (given ?? shanghaiDate()));

const unique = (err: unknown): never => {
  if (isUniqueViolation(err)) throw badRequest([{ path: 'code', reason: 'field.recycling.codeTaken' }]);
  throw err;
};

/** A town registers sites in its own town; 市商务局 and the office anywhere. Planned, or already operating. */
export async function createSite(deps: AppDeps, ctx: RequestContext, input: CreateSiteInput): Promise<SiteDetailView> {
  const id = await inTransaction(deps.database, async (tx) => {
    const grants = await grantsOf(tx, ctx.actor, 'recycling');
    authorize(ctx.actor, recyclingSitePolicy, 'create', { grants, town_id: input.townId });
    await checkDetails(tx, input, input.status);
    const now = nowIso();
    const today = shanghaiDate();
    const code = input.code ?? (await nextCode(tx, input.townId));
    const row = await tx
      .insertInto('recycling_sites')
      .values({
        ...details(input),
        code,
        status: input.status,
        completed_on: input.status === 'operating' ? completedOnOpening(input.origin, input.completedOn) : null,
        status_since: today,
        version: 1,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch(unique);
    const id = Number(row.id);
    await enter(tx, ctx, recyclingSiteWorkflow, {
      id,
      action: input.status === 'planned' ? 'registerPlanned' : 'registerOperating',
      organizationId: input.townId,
      audit: { after: { ...input, code } },
    });
    return id;
  });
  return loadSite(deps.database.db, ctx, id);
}

async function loadForChange(
  tx: Tx,
  ctx: RequestContext,
  id: number,
  action: 'update' | 'updateOperations' | 'move',
): Promise<{ site: SiteRow; grants: Grants }> {
  const site = await tx.selectFrom('recycling_sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!site) throw notFound();
  const grants = await grantsOf(tx, ctx.actor, 'recycling');
  authorize(ctx.actor, recyclingSitePolicy, action, policyRecord(grants, site), id);
  // 取缔 is final: a banned site's record stays as the inspection left it.
  if (site.status === 'banned') throw new AppError(409, 'SITE_BANNED', 'error.SITE_BANNED');
  return { site: site as SiteRow, grants };
}

/** Writes `set` if the site is still at the version the caller edited; otherwise 409 VERSION_CONFLICT. */
async function writeVersioned(tx: Tx, site: SiteRow, base: number, set: Partial<Omit<RecyclingSiteTable, 'id'>>) {
  if (Number(site.version) !== base) throw versionConflict(base);
  const res = await tx
    .updateTable('recycling_sites')
    .set({ ...set, version: base + 1, updated_at: nowIso() })
    .where('id', '=', Number(site.id))
    .where('version', '=', base)
    .where('status', '=', site.status)
    .executeTakeFirst()
    .catch(unique);
  if (Number(res.numUpdatedRows) !== 1) throw versionConflict(base);
}

/** Registrars change every detail but the status (which moves through the workflow); audited before and after. */
export async function updateSite(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateSiteInput): Promise<SiteDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const { site, grants } = await loadForChange(tx, ctx, id, 'update');
    // A town may not move a site into another town's hands either.
    if (input.townId !== Number(site.town_id)) authorize(ctx.actor, recyclingSitePolicy, 'update', { grants, town_id: input.townId }, id);
    const { version, ...rest } = input;
    await checkDetails(tx, rest, site.status, site);
    await writeVersioned(tx, site, version, { ...details(rest), ...(rest.code !== undefined ? { code: rest.code } : {}), completed_on: rest.completedOn });
    await appendAudit(tx, ctx, {
      entity: recyclingSiteWorkflow.kind,
      entityId: id,
      action: 'update',
      organizationId: Number(site.town_id),
      before: site,
      after: rest,
    });
  });
  return loadSite(deps.database.db, ctx, id);
}

/** The operator (and the registrars) keep opening hours, capacity, materials and contact; nothing else. */
export async function updateSiteOperations(deps: AppDeps, ctx: RequestContext, id: number, input: UpdateOperationsInput): Promise<SiteDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const { site } = await loadForChange(tx, ctx, id, 'updateOperations');
    const { version, ...rest } = input;
    const issues = await materialIssues(tx, rest.materials, JSON.parse(site.materials_json) as string[]);
    if (issues.length) throw badRequest(issues);
    const set = operations(rest);
    await writeVersioned(tx, site, version, set);
    await appendAudit(tx, ctx, {
      entity: recyclingSiteWorkflow.kind,
      entityId: id,
      action: 'updateOperations',
      organizationId: Number(site.town_id),
      before: {
        opening_hours: site.opening_hours,
        capacity_tonnes_per_day: site.capacity_tonnes_per_day,
        materials_json: site.materials_json,
        contact_name: site.contact_name,
        contact_phone: site.contact_phone,
      },
      after: set,
    });
  });
  return loadSite(deps.database.db, ctx, id);
}

/** Works start, the site opens, is suspended or closes; the date is the site's `status_since` and on its history. */
export async function moveSite(deps: AppDeps, ctx: RequestContext, id: number, input: MoveSiteInput): Promise<SiteDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const { site } = await loadForChange(tx, ctx, id, 'move');
    const today = shanghaiDate();
    if (input.completedOn !== undefined && input.completedOn > today) throw badRequest([{ path: 'completedOn', reason: 'field.recycling.completedOnFuture' }]);
    const completedOn = input.action === 'open' && site.completed_on === null ? completedOnOpening(site.origin, input.completedOn) : site.completed_on;
    await move(tx, ctx, recyclingSiteWorkflow, {
      id,
      action: input.action,
      from: site.status,
      set: { status_since: today, completed_on: completedOn, version: Number(site.version) + 1 },
      note: input.note ?? null,
      organizationId: Number(site.town_id),
      params: { on: today, ...(completedOn !== site.completed_on ? { completedOn } : {}) },
      audit: { before: { completedOn: site.completed_on }, after: { completedOn, statusSince: today } },
    });
  });
  return loadSite(deps.database.db, ctx, id);
}
