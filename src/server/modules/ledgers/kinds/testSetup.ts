import type { TestApp } from '../../../../../test/helpers/testApp.js';
import type { Role } from '../../../../shared/roles.js';
import type { AssetValues, LedgerDefinitionInput } from '../../../../shared/ledgers/definition.js';
import { oldFrom } from '../../../../shared/ledgers/rules.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { insertUser } from '../../platform/users/service.js';
import { claimAssetKeys } from '../assets/keys.js';
import { derivedColumns, toSlots } from '../definition/slots.js';
import type { LoadedKind } from './current.js';

/** Test set-up straight into the database: accounts of reference organisations, assets of a kind. */
export const TEST_PASSWORD = 'Ledgers#Test2024';

export async function orgId(t: TestApp, name: string): Promise<number> {
  return Number((await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
}

export async function townIds(t: TestApp): Promise<number[]> {
  const rows = await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').limit(2).execute();
  return rows.map((r) => Number(r.id));
}

export async function addAccount(t: TestApp, username: string, role: Role, organizationId: number): Promise<void> {
  await inTransaction(t.deps.database, (tx) =>
    insertUser(tx, t.deps, { username, displayName: username, role, organizationId, password: TEST_PASSWORD, mustChangePassword: false }),
  );
}

export async function grantLedgersManage(t: TestApp, organizationId: number): Promise<void> {
  await t.deps.database.db
    .insertInto('organization_grants')
    .values({ organization_id: organizationId, domain: 'ledgers', capability: 'manage', granted_by: null, granted_at: nowIso() })
    .execute();
}

/** Assets of a kind as the assets part would store them (values in slots, old_from by the rule), 200 rows a statement. */
export async function insertAssets(t: TestApp, kind: LoadedKind, rows: AssetValues[]): Promise<number[]> {
  const def = kind.definition;
  const now = nowIso();
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const inserted = await t.deps.database.db
      .insertInto('ledger_assets')
      .values(
        rows.slice(i, i + 200).map((values) => ({
          kind_id: kind.id,
          kind_version: kind.version,
          status: 'in_service' as const,
          ...derivedColumns(def, values),
          old_from: oldFrom(def.oldRule, values),
          in_service_from: null,
          ended_on: null,
          replaced_by_id: null,
          replaces_id: null,
          ...toSlots(def, values),
          is_demo: 0,
          created_by: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    const chunkIds = inserted.map((r) => Number(r.id)).sort((a, b) => a - b);
    const keys = rows.slice(i, i + 200).map((values, j) => ({ assetId: chunkIds[j]!, uniqueKey: derivedColumns(def, values).unique_key }));
    await claimAssetKeys(t.deps.database.db, kind.id, keys);
    ids.push(...chunkIds);
  }
  return ids;
}

/** A definition with a field of every type and every check, every measure of metric, for the API tests. */
export function everyFieldDefinition(townAccess: 'none' | 'read' | 'edit' = 'edit'): LedgerDefinitionInput {
  const l = (zh: string, en: string) => ({ zh, en });
  return {
    name: l('测试设备', 'Test equipment'),
    description: l('每种字段类型', 'Every field type'),
    planRefs: ['A1-T4'],
    townAccess,
    townField: 'town',
    titleField: 'code',
    fields: [
      { key: 'code', label: l('编号', 'Code'), type: 'text', required: true, unique: true, maxLength: 20, pattern: '[A-Z]{2}[0-9]{3}' },
      { key: 'units', label: l('数量', 'Units'), type: 'integer', min: 0, max: 1000 },
      { key: 'area', label: l('面积', 'Area'), type: 'decimal', unit: '㎡', decimals: 1, min: 0 },
      { key: 'price', label: l('价格', 'Price'), type: 'money', min: 0 },
      { key: 'commissionedOn', label: l('投用日期', 'In use since'), type: 'date', required: true, notInFuture: true },
      { key: 'energy', label: l('能源', 'Energy'), type: 'dictionary', dictionary: 'ledgers.busEnergy' },
      { key: 'owner', label: l('单位', 'Owner'), type: 'organization' },
      { key: 'town', label: l('镇街', 'Town'), type: 'town', required: true },
      { key: 'location', label: l('位置', 'Location'), type: 'coordinates' },
      { key: 'photo', label: l('照片', 'Photo'), type: 'file' },
    ],
    oldRule: { match: 'any', conditions: [{ op: 'ageAtLeast', field: 'commissionedOn', years: 15 }] },
    events: [
      { code: 'install', label: l('新增', 'Added'), effect: 'added' },
      {
        code: 'retrofit',
        label: l('改造', 'Retrofit'),
        effect: 'retrofitted',
        fields: [
          { key: 'note', label: l('说明', 'Note'), type: 'text' },
          { key: 'area', label: l('面积', 'Area'), type: 'decimal', unit: '㎡' },
          { key: 'cost', label: l('费用', 'Cost'), type: 'money' },
        ],
        changes: ['energy'],
      },
      { code: 'replace', label: l('更新', 'Replace'), effect: 'replaced' },
    ],
    metrics: [
      { code: 'inService', label: l('在用', 'In service'), unit: '台', measure: { kind: 'inService' } },
      { code: 'old', label: l('老旧', 'Old'), unit: '台', measure: { kind: 'old' } },
      { code: 'renewed', label: l('更新', 'Renewed'), unit: '台', measure: { kind: 'events', effects: ['replaced'], oldOnly: true } },
      {
        code: 'areaRetrofitted',
        label: l('改造面积', 'Area'),
        unit: '万平方米',
        scale: 10000,
        measure: { kind: 'eventSum', event: 'retrofit', field: 'area' },
      },
      { code: 'investment', label: l('投资', 'Investment'), unit: '万元', scale: 1000000, measure: { kind: 'addedSum', field: 'price' } },
      { code: 'totalArea', label: l('总面积', 'Total area'), unit: '㎡', measure: { kind: 'sum', field: 'area' } },
      {
        code: 'electric',
        label: l('电动', 'Electric'),
        unit: '%',
        measure: { kind: 'share', field: 'energy', values: ['bev'] },
        where: [{ op: 'notEmpty', field: 'energy' }],
      },
    ],
  };
}
