import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { paginate } from '../../../http/pagination.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { grantsOf } from '../../platform/grants/service.js';
import { certificatePolicy } from '../policies/certificate.js';
import { newCertificateNumber, normalisedCertificateNumber } from './number.js';
import type { CertificateCheckView, CertificateView } from './schema.js';

export interface IssuedUnit {
  category: string;
  serialNumber: string | null;
}

/**
 * One certificate per unit handed in, in the completing transaction. A drawn number that exists already (one in
 * hundreds of millions a day) is drawn again; `onConflict` keeps a PostgreSQL transaction usable meanwhile.
 */
export async function issueCertificates(
  tx: Tx,
  pickup: { id: number; recyclerOrganizationId: number; residentUserId: number },
  units: readonly IssuedUnit[],
): Promise<string[]> {
  const numbers: string[] = [];
  const now = nowIso();
  for (const unit of units) {
    for (let attempt = 0; ; attempt++) {
      const number = newCertificateNumber();
      const res = await tx
        .insertInto('recycling_certificates')
        .values({
          number,
          category: unit.category,
          serial_number: unit.serialNumber,
          issued_at: now,
          recycler_organization_id: pickup.recyclerOrganizationId,
          pickup_id: pickup.id,
          resident_user_id: pickup.residentUserId,
          created_at: now,
        })
        .onConflict((oc) => oc.column('number').doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) === 1) {
        numbers.push(number);
        break;
      }
      if (attempt >= 5) throw new Error('could not draw a free certificate number');
    }
  }
  return numbers;
}

export function certificateIsFresh(issuedAt: string, maxAgeDays: number, now = Date.now()): boolean {
  return now - Date.parse(issuedAt) <= maxAgeDays * 86_400_000;
}

/** A merchant (or 市商务局, the office) checks a certificate before citing it: valid, its category and whether it is used. */
export async function checkCertificate(deps: AppDeps, ctx: RequestContext, rawNumber: string): Promise<CertificateCheckView> {
  authorize(ctx.actor, certificatePolicy, 'check', { grants: await grantsOf(deps.database.db, ctx.actor, 'recycling') });
  return inTransaction(deps.database, (tx) => checkIn(tx, deps, ctx, rawNumber));
}

async function checkIn(tx: Tx, deps: AppDeps, ctx: RequestContext, rawNumber: string): Promise<CertificateCheckView> {
  const c = await tx
    .selectFrom('recycling_certificates as c')
    .leftJoin('recycling_certificate_uses as u', 'u.certificate_id', 'c.id')
    .select(['c.id', 'c.category', 'c.serial_number', 'c.issued_at', 'u.used_by_kind', 'u.used_by_id', 'u.used_at'])
    .where('c.number', '=', normalisedCertificateNumber(rawNumber))
    .executeTakeFirst();
  if (!c) throw notFound();
  const fresh = certificateIsFresh(c.issued_at, await deps.parameters.get('recycling.certificateMaxAgeDays'));
  const used = c.used_at !== null && c.used_at !== undefined;
  await appendAudit(tx, ctx, { entity: 'recycling_certificate', entityId: Number(c.id), action: 'check', after: { valid: fresh && !used } });
  return {
    valid: fresh && !used,
    category: c.category,
    ...(c.serial_number ? { serialNumber: c.serial_number } : {}),
    issuedAt: c.issued_at,
    ...(used
      ? { usedBy: { kind: c.used_by_kind!, id: c.used_by_id === null || c.used_by_id === undefined ? null : Number(c.used_by_id), at: c.used_at! } }
      : {}),
  };
}

function listed(db: Queryable) {
  return db
    .selectFrom('recycling_certificates as c')
    .innerJoin('organizations as o', 'o.id', 'c.recycler_organization_id')
    .leftJoin('recycling_certificate_uses as u', 'u.certificate_id', 'c.id');
}

type Listed = ReturnType<typeof listed>;

async function pageOfCertificates(base: Listed, q: { page: number; pageSize: number }) {
  const page = await paginate(
    base,
    (qb) =>
      qb.select(['c.number', 'c.category', 'c.serial_number', 'c.issued_at', 'c.pickup_id', 'o.name as recycler_name', 'u.used_at']).orderBy('c.id', 'desc'),
    q,
  );
  return {
    ...page,
    items: page.items.map((r): CertificateView => ({
      number: r.number,
      category: r.category,
      serialNumber: r.serial_number,
      issuedAt: r.issued_at,
      pickupId: Number(r.pickup_id),
      recyclerName: r.recycler_name,
      used: r.used_at !== null && r.used_at !== undefined,
      usedAt: r.used_at ?? null,
    })),
  };
}

/** The certificates for a resident's items, newest first. */
export async function listMyCertificates(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, certificatePolicy, 'listMine');
  return pageOfCertificates(listed(deps.database.db).where('c.resident_user_id', '=', ctx.actor.userId!), q);
}

/** The certificates the recycler's organisation issued, newest first. */
export async function listIssuedCertificates(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }) {
  authorize(ctx.actor, certificatePolicy, 'listIssued');
  return pageOfCertificates(listed(deps.database.db).where('c.recycler_organization_id', '=', ctx.actor.organizationId ?? -1), q);
}

/** The certificates of one pickup (its detail view). */
export async function certificatesOfPickup(db: Queryable, pickupId: number) {
  const rows = await db
    .selectFrom('recycling_certificates')
    .select(['number', 'category', 'serial_number', 'issued_at'])
    .where('pickup_id', '=', pickupId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ number: r.number, category: r.category, serialNumber: r.serial_number, issuedAt: r.issued_at }));
}
