import { addEnterpriseAccount } from '../../../../../test/helpers/accounts.js';
import { randomBytes } from 'node:crypto';
import type { RecyclingSiteKind } from '../../../../shared/enums/recycling.js';
import { nowIso } from '../../../db/time.js';
import type { TestApp } from '../../../../../test/helpers/testApp.js';

/** Test set-up straight into the database: a recycler enterprise with one account, and an operating site for it. */
export async function addRecycler(t: TestApp, username: string, townId: number): Promise<number> {
  return addEnterpriseAccount(t, { username, role: 'recycler', townId, password: RECYCLER_PASSWORD, name: `${username} 回收公司` });
}

export const RECYCLER_PASSWORD = 'Recycler#Test2024';

export async function addSite(
  t: TestApp,
  operatorId: number,
  townId: number,
  kind: RecyclingSiteKind = 'station',
  status: 'operating' | 'suspended' = 'operating',
) {
  const now = nowIso();
  await t.deps.database.db
    .insertInto('recycling_sites')
    .values({
      code: `RS-T-${randomBytes(4).toString('hex')}`,
      kind,
      name: `测试网点 ${kind}`,
      operator_organization_id: operatorId,
      town_id: townId,
      address: '测试地址',
      latitude: null,
      longitude: null,
      licence_number: null,
      licence_valid_to: null,
      fire_safety: 'compliant',
      standardisation: 'standardised',
      capacity_tonnes_per_day: null,
      materials_json: '[]',
      opening_hours: null,
      contact_name: null,
      contact_phone: null,
      status,
      origin: 'existing',
      completed_on: null,
      status_since: now.slice(0, 10),
      version: 1,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** A window starting `startHours` from now, two hours long. */
export const windowIn = (startHours: number, hours = 2) => ({
  from: new Date(Date.now() + startHours * 3600_000).toISOString(),
  to: new Date(Date.now() + (startHours + hours) * 3600_000).toISOString(),
});
