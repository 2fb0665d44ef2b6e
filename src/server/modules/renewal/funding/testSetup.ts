import { addEnterpriseAccount } from '../../../../../test/helpers/accounts.js';
import { randomBytes } from 'node:crypto';
import type { ProjectSector, ProjectStatus } from '../../../../shared/enums/renewalProjects.js';
import type { Role } from '../../../../shared/roles.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { insertUser } from '../../platform/users/service.js';
import { holdProjectCodes } from '../projects/codes.js';
import type { TestApp } from '../../../../../test/helpers/testApp.js';

/**
 * Test set-up straight into the database, so the funding tests depend on neither the projects' workflow nor their
 * pages: enterprises with an account, department accounts of reference organisations, and projects.
 */
export const TEST_PASSWORD = 'Funding#Test2024';

export async function orgId(t: TestApp, name: string): Promise<number> {
  const row = await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function addAccount(t: TestApp, username: string, role: Role, organizationId: number): Promise<void> {
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, { username, displayName: username, role, organizationId, password: TEST_PASSWORD, mustChangePassword: false }),
  );
}

export async function addEnterprise(t: TestApp, username: string, townId: number): Promise<number> {
  return addEnterpriseAccount(t, { username, role: 'enterprise', townId, password: TEST_PASSWORD, name: `${username} 制造有限公司` });
}

export async function addProject(
  t: TestApp,
  p: { organizationId: number; townId: number; status?: ProjectStatus; sector?: ProjectSector; name?: string; year?: number; isDemo?: boolean },
): Promise<number> {
  const now = nowIso();
  const code = `RP-T-${randomBytes(4).toString('hex')}`;
  const row = await t.deps.database.db
    .insertInto('renewal_projects')
    .values({
      code,
      name: p.name ?? '测试技改项目',
      organization_id: p.organizationId,
      town_id: p.townId,
      sector: p.sector ?? 'industry',
      industry: 'textile_apparel',
      type: 'technical_retrofit',
      status: p.status ?? 'in_library',
      origin: 'registered',
      year: p.year ?? 2025,
      planned_investment_fen: 100_000_000_00,
      planned_equipment_fen: 60_000_000_00,
      actual_investment_fen: null,
      actual_equipment_fen: null,
      adds_land: 0,
      simplified: 0,
      skipped_step: null,
      energy_saved_tce: null,
      emissions_reduced_t: null,
      planned_start: null,
      planned_end: null,
      started_on: null,
      completed_on: null,
      description: null,
      evidence_json: null,
      return_reason: null,
      returned_from: null,
      submitted_at: null,
      town_checked_at: null,
      town_checked_by: null,
      approved_at: null,
      approved_by: null,
      approved_by_organization_id: null,
      created_by: null,
      is_demo: p.isDemo ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await inTransaction(t.deps.database, (tx) => holdProjectCodes(tx, [{ code, organizationId: p.organizationId, projectId: Number(row.id) }]));
  return Number(row.id);
}
