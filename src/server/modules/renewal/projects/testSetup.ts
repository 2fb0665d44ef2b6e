import { addEnterpriseAccount } from '../../../../../test/helpers/accounts.js';
import { inTransaction } from '../../../db/database.js';
import { insertUser } from '../../platform/users/service.js';
import type { TestApp, TestClient } from '../../../../../test/helpers/testApp.js';

export const TEST_PASSWORD = 'Renewal#Test2024';

/** An enterprise with one account in a town, straight into the database. */
export async function addEnterprise(t: TestApp, username: string, townId: number, creditCode: string | null = null): Promise<number> {
  return addEnterpriseAccount(t, { username, role: 'enterprise', townId, password: TEST_PASSWORD, creditCode });
}

/** A town account for a town. */
export async function addTownUser(t: TestApp, username: string, townId: number): Promise<void> {
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, { username, displayName: username, role: 'town', organizationId: townId, password: TEST_PASSWORD, mustChangePassword: false }).then(
      () => undefined,
    ),
  );
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export async function uploadEvidence(c: TestClient): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)]), '竣工验收报告.pdf');
  const res = await c.request({ method: 'POST', url: '/api/attachments', payload: form as never });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().id as number;
}

/** A valid registration: 1000万元 with 800万元 of equipment, no new land (qualifies for the simplified path). */
export function projectInput(townId: number, over: Record<string, unknown> = {}) {
  return {
    name: '自动裁床更新项目',
    townId,
    sector: 'industry',
    industry: 'footwear',
    type: 'technical_retrofit',
    plannedInvestmentFen: 1_000_000_000,
    plannedEquipmentFen: 800_000_000,
    addsLand: false,
    energySavedTce: 85.5,
    emissionsReducedT: 210,
    plannedStart: '2026-03-01',
    plannedEnd: '2026-12-31',
    oldEquipment: [
      { name: '普通数控车床', count: 4, yearsInService: 12, isMachineTool: true },
      { name: '普通铣床', count: 2, yearsInService: 10, isMachineTool: true },
      { name: '空压机', count: 1, yearsInService: 15, isMachineTool: false },
    ],
    newEquipment: [{ equipmentCode: 'footwear_auto_cutting', name: '全自动裁床', count: 3, amountFen: 600_000_000, isFirstSet: true }],
    ...over,
  };
}

/** A department account of a named department (市工信局 holds renewal `manage` by default). */
export async function addDepartmentUser(t: TestApp, username: string, department: string): Promise<void> {
  const org = await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', department).executeTakeFirstOrThrow();
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, {
      username,
      displayName: username,
      role: 'department',
      organizationId: Number(org.id),
      password: TEST_PASSWORD,
      mustChangePassword: false,
    }).then(() => undefined),
  );
}
