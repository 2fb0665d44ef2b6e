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
 * One certificate per unit handed in, in the completing transaction. Its number is claimed in the number table (the
 * key unique across residents, see RecyclingCertificateNumberTable) in the same transaction, so two pickups drawing
 * one number cannot both keep it. A drawn number that exists already (one in hundreds of millions a day) is drawn
 * again: the certificate just written for it is deleted, and `onConflict` keeps a PostgreSQL transaction usable.
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
      // No target: on SQLite the certificates' own unique number (kept there) answers a drawn duplicate too.
      const cert = await tx
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
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      const claimed =
        cert &&
        (await tx
          .insertInto('recycling_certificate_numbers')
          .values({ number, resident_user_id: pickup.residentUserId, certificate_id: Number(cert.id) })
          .onConflict((oc) => oc.column('number').doNothing())
          .executeTakeFirst());
      if (cert && Number(claimed?.numInsertedOrUpdatedRows ?? 0) === 1) {
        numbers.push(number);
        break;
      }
      if (cert) await tx.deleteFrom('recycling_certificates').where('resident_user_id', '=', pickup.residentUserId).where('id', '=', Number(cert.id)).execute();
      if (attempt >= 5) throw new Error('could not draw a free certificate number');
    }
  }
  return numbers;
}

/** Whose certificate a number is (the number table), so that the certificate is then read on its resident's shard. */
export async function certificateOwnerOf(db: Queryable, number: string) {
  const owner = await db
    .selectFrom('recycling_certificate_numbers')
    .select(['resident_user_id', 'certificate_id'])
    .where('number', '=', number)
    .executeTakeFirst();
  return owner ? { residentUserId: Number(owner.resident_user_id), certificateId: Number(owner.certificate_id) } : null;
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
  const owner = await certificateOwnerOf(tx, normalisedCertificateNumber(rawNumber));
  if (!owner) throw notFound();
  const c = await tx
    .selectFrom('recycling_certificates as c')
    .leftJoin('recycling_certificate_uses as u', (j) => j.onRef('u.resident_user_id', '=', 'c.resident_user_id').onRef('u.certificate_id', '=', 'c.id'))
    .select(['c.id', 'c.category', 'c.serial_number', 'c.issued_at', 'u.used_by_kind', 'u.used_by_id', 'u.used_at'])
    .where('c.resident_user_id', '=', owner.residentUserId)
    .where('c.id', '=', owner.certificateId)
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
    .leftJoin('recycling_certificate_uses as u', (j) => j.onRef('u.resident_user_id', '=', 'c.resident_user_id').onRef('u.certificate_id', '=', 'c.id'));
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
export async function certificatesOfPickup(db: Queryable, pickup: { id: number; residentUserId: number }) {
  const rows = await db
    .selectFrom('recycling_certificates')
    .select(['number', 'category', 'serial_number', 'issued_at'])
    .where('resident_user_id', '=', pickup.residentUserId)
    .where('pickup_id', '=', pickup.id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ number: r.number, category: r.category, serialNumber: r.serial_number, issuedAt: r.issued_at }));
}
