import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { ledgerDefinition, type LedgerDefinitionInput } from '../../../../shared/ledgers/definition.js';
import { assignSlots, definitionProblems } from '../../../../shared/ledgers/problems.js';
import { insertUser } from '../../platform/users/service.js';
import type { TestApp } from '../../../../../test/helpers/testApp.js';

export const TEST_PASSWORD = 'Ledgers#Test2024';

/**
 * A kind with a field of every type, towns editing their part, an "old" rule (15 years since commissioning, or
 * plastic) and one event of each effect but retrofitting.
 */
export const equipmentDefinition: LedgerDefinitionInput = {
  name: { zh: '测试设备', en: 'Test equipment' },
  townAccess: 'edit',
  townField: 'town',
  titleField: 'code',
  fields: [
    { key: 'code', label: { zh: '设备编号', en: 'Code' }, type: 'text', required: true, unique: true, pattern: '[A-Z]{2}\\d{4}' },
    { key: 'name', label: { zh: '名称', en: 'Name' }, type: 'text', maxLength: 20 },
    { key: 'units', label: { zh: '台数', en: 'Units' }, type: 'integer', min: 1, max: 100 },
    { key: 'areaM2', label: { zh: '面积', en: 'Area' }, type: 'decimal', decimals: 1, unit: '㎡', min: 0 },
    { key: 'cost', label: { zh: '原值', en: 'Cost' }, type: 'money', min: 0 },
    { key: 'commissionedOn', label: { zh: '投用日期', en: 'Commissioned on' }, type: 'date', required: true, notInFuture: true },
    { key: 'material', label: { zh: '材质', en: 'Material' }, type: 'dictionary', dictionary: 'material_kind' },
    { key: 'owner', label: { zh: '产权单位', en: 'Owner' }, type: 'organization' },
    { key: 'town', label: { zh: '所属镇街', en: 'Town' }, type: 'town', required: true },
    { key: 'location', label: { zh: '位置', en: 'Location' }, type: 'coordinates' },
    { key: 'photo', label: { zh: '照片', en: 'Photo' }, type: 'file' },
  ],
  oldRule: {
    match: 'any',
    conditions: [
      { op: 'ageAtLeast', field: 'commissionedOn', years: 15 },
      { op: 'in', field: 'material', values: ['plastic'] },
    ],
  },
  events: [
    {
      code: 'add',
      label: { zh: '新增', en: 'Added' },
      effect: 'added',
      fields: [{ key: 'investment', label: { zh: '投资', en: 'Investment' }, type: 'money' }],
    },
    {
      code: 'upgrade',
      label: { zh: '升级', en: 'Upgraded' },
      effect: 'upgraded',
      changes: ['material', 'units'],
      fields: [
        { key: 'investment', label: { zh: '投资', en: 'Investment' }, type: 'money' },
        { key: 'contractor', label: { zh: '施工单位', en: 'Contractor' }, type: 'text' },
      ],
    },
    { code: 'replace', label: { zh: '更换', en: 'Replaced' }, effect: 'replaced' },
    { code: 'scrap', label: { zh: '报废', en: 'Scrapped' }, effect: 'scrapped' },
  ],
  metrics: [{ code: 'replaced', label: { zh: '更换数', en: 'Replaced' }, unit: '台', measure: { kind: 'events', effects: ['replaced'] } }],
};

/** A kind straight into the database (the kinds part's API is another part's): slots assigned, version 1. */
export async function addKind(t: TestApp, code: string, input: LedgerDefinitionInput, keeper = '市市场监管局', shipped = false): Promise<number> {
  const parsed = ledgerDefinition.parse(input);
  const slotted = assignSlots(parsed, null);
  if ('problem' in slotted) throw new Error(`slots: ${JSON.stringify(slotted.problem)}`);
  const problems = definitionProblems(slotted.definition, null);
  if (problems.length) throw new Error(`definition: ${JSON.stringify(problems)}`);
  const db = t.deps.database.db;
  const org = await db.selectFrom('organizations').select('id').where('name', '=', keeper).executeTakeFirstOrThrow();
  return inTransaction(t.deps.database, async (tx) => {
    const now = nowIso();
    const kind = await tx
      .insertInto('ledger_kinds')
      .values({ code, keeper_organization_id: Number(org.id), version: 1, shipped: shipped ? 1 : 0, created_by: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('ledger_kind_versions')
      .values({ kind_id: Number(kind.id), version: 1, definition_json: JSON.stringify(slotted.definition), note: null, created_by: null, created_at: now })
      .execute();
    return Number(kind.id);
  });
}

export async function orgId(t: TestApp, name: string): Promise<number> {
  const org = await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow();
  return Number(org.id);
}

export async function addUser(t: TestApp, username: string, role: 'town' | 'department', organization: string): Promise<void> {
  const organizationId = await orgId(t, organization);
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, { username, displayName: username, role, organizationId, password: TEST_PASSWORD, mustChangePassword: false }).then(() => undefined),
  );
}

/** Valid values of the test kind in a town; `over` replaces some. */
export function equipment(code: string, townId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code,
    name: '锅炉',
    units: 2,
    areaM2: 12.5,
    cost: 1_234_500,
    commissionedOn: '2020-05-01',
    material: 'ferrous',
    town: townId,
    location: '118.58,24.78',
    ...over,
  };
}
