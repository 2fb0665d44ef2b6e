import { systemContext } from '../../../core/context.js';
import type { AppDeps } from '../../../core/deps.js';
import { enter } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { recyclingSiteWorkflow } from '../sites/workflow.js';

/** Tests' operating site, written straight to the table and brought into the site workflow as operating. */
export async function insertOperatingSite(
  deps: AppDeps,
  input: { code: string; name: string; townId: number; operatorOrganizationId: number | null; since: string },
): Promise<number> {
  return inTransaction(deps.database, async (tx) => {
    const now = nowIso();
    const row = await tx
      .insertInto('recycling_sites')
      .values({
        code: input.code,
        kind: 'station',
        name: input.name,
        operator_organization_id: input.operatorOrganizationId,
        town_id: input.townId,
        address: '晋江市测试路 1 号',
        latitude: null,
        longitude: null,
        licence_number: null,
        licence_valid_to: null,
        fire_safety: 'unknown',
        standardisation: 'not_assessed',
        capacity_tonnes_per_day: null,
        materials_json: '[]',
        opening_hours: null,
        status: 'operating',
        origin: 'existing',
        completed_on: null,
        status_since: input.since,
        version: 1,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = Number(row.id);
    await enter(tx, systemContext('test'), recyclingSiteWorkflow, { id, action: 'registerOperating', organizationId: input.townId });
    return id;
  });
}
