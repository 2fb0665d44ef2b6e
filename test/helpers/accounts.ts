import { randomBytes } from 'node:crypto';
import type { OrganizationKind, Role } from '../../src/shared/roles.js';
import type { Queryable } from '../../src/server/db/database.js';
import { inTransaction } from '../../src/server/db/database.js';
import { nowIso } from '../../src/server/db/time.js';
import { insertUser } from '../../src/server/modules/platform/users/service.js';
import { DEMO_RESIDENT, type TestApp } from './testApp.js';

/** An active organisation straight into the database (through the API it would need a registration and a review). */
export async function insertActiveOrganization(
  db: Queryable,
  o: { code: string; name: string; kind: OrganizationKind; townId?: number | null; creditCode?: string | null },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('organizations')
    .values({
      code: o.code,
      name: o.name,
      kind: o.kind,
      status: 'active',
      division_code: null,
      credit_code: o.creditCode ?? null,
      town_id: o.townId ?? null,
      address: null,
      contact_name: null,
      contact_mobile_enc: null,
      contact_mobile_mask: null,
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * An active enterprise in a town with one account of `role` (enterprise, merchant, recycler), straight into the
 * database: through the API it would need a registration and a review first. Returns the organisation's id.
 */
export async function addEnterpriseAccount(
  t: TestApp,
  a: { username: string; role: Role; townId: number; password: string; name?: string; creditCode?: string | null },
): Promise<number> {
  return inTransaction(t.deps.database, async (tx) => {
    const id = await insertActiveOrganization(tx, {
      code: `T-${randomBytes(4).toString('hex')}`,
      name: a.name ?? `${a.username} 有限公司`,
      kind: 'enterprise',
      townId: a.townId,
      creditCode: a.creditCode ?? null,
    });
    await insertUser(tx, t.deps, {
      username: a.username,
      displayName: a.username,
      role: a.role,
      organizationId: id,
      password: a.password,
      mustChangePassword: false,
    });
    return id;
  });
}

/** One demo account of every role (made by the demo seed), in the order the matrices and page visits list them. */
export const DEMO_ACCOUNT_OF_ROLE: { role: Role; username: string }[] = [
  { role: 'resident', username: DEMO_RESIDENT.mobile },
  { role: 'merchant', username: 'demo_merchant' },
  { role: 'enterprise', username: 'demo_enterprise' },
  { role: 'recycler', username: 'demo_recycler' },
  { role: 'town', username: 'demo_town' },
  { role: 'department', username: 'demo_department' },
  { role: 'office', username: 'demo_office' },
  { role: 'auditor', username: 'demo_auditor' },
  { role: 'admin', username: 'demo_admin' },
  { role: 'security', username: 'demo_security' },
];
