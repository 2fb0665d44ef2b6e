import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { Role } from '../../../../shared/roles.js';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { computeCreditCodeCheckChar } from '../../../../shared/validators/creditCode.js';
import { maskMobile } from '../../../../shared/validators/mobile.js';
import { registerResident } from '../auth/authService.js';
import { insertUser } from '../users/service.js';
import { OFFICE, departmentCode, townCode } from './referenceOrganizations.js';

/** Every demo account shares this password; it is printed at start-up and the accounts are marked demo. */
export const DEMO_PASSWORD = 'Huanxin#Demo2024';
const DEMO_MARKER = { name: 'seed', run_key: 'demo-accounts' };

export interface DemoAccount {
  role: Role;
  username: string;
  organization: string;
}

const creditCode = (first17: string) => first17 + computeCreditCodeCheckChar(first17);

const DEMO_ENTERPRISES = [
  { key: 'enterprise', name: '晋江示范鞋服有限公司（演示）', code: creditCode('91350582MA2XY0001'), town: 0 },
  { key: 'merchant', name: '晋江示范家电商场有限公司（演示）', code: creditCode('91350582MA2XY0002'), town: 0 },
  { key: 'recycler', name: '晋江示范再生资源回收有限公司（演示）', code: creditCode('91350582MA2XY0003'), town: 8 },
] as const;

export const DEMO_RESIDENT = {
  mobile: '13800000001',
  realName: '演示居民',
  idNumber: '35058219900101123' + computeCitizenIdCheckChar('35058219900101123'),
};

/** Creates the demo organisations and one account per role, once per database (never again if deleted). */
export async function seedDemo(deps: AppDeps): Promise<DemoAccount[] | null> {
  const db = deps.database.db;
  const done = await db
    .selectFrom('job_runs')
    .select('name')
    .where('name', '=', DEMO_MARKER.name)
    .where('run_key', '=', DEMO_MARKER.run_key)
    .executeTakeFirst();
  if (done) return null;
  const accounts: DemoAccount[] = [];
  await inTransaction(deps.database, async (tx) => {
    const orgId = async (code: string) => Number((await tx.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id);
    const office = await orgId(OFFICE.code);
    const commerce = await orgId(departmentCode(19)); // 市商务局
    const finance = await orgId(departmentCode(14)); // 市财政局
    const qingyang = await orgId(townCode(0));
    const enterpriseIds: Record<string, number> = {};
    for (const e of DEMO_ENTERPRISES) {
      const townId = await orgId(townCode(e.town));
      const now = nowIso();
      const row = await tx
        .insertInto('organizations')
        .values({
          code: `ent-${e.code}`,
          name: e.name,
          kind: 'enterprise',
          status: 'active',
          division_code: '350582',
          credit_code: e.code,
          town_id: townId,
          address: '晋江市（演示地址）',
          contact_name: '演示联系人',
          contact_mobile_enc: deps.sealer.seal('13900000000'),
          contact_mobile_mask: maskMobile('13900000000'),
          review_note: '演示数据',
          reviewed_by: null,
          reviewed_at: now,
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      enterpriseIds[e.key] = Number(row.id);
    }
    const plan: { username: string; displayName: string; role: Role; organizationId: number; organization: string }[] = [
      { username: 'demo_office', displayName: '专班办公室（演示）', role: 'office', organizationId: office, organization: OFFICE.name },
      { username: 'demo_department', displayName: '市商务局（演示）', role: 'department', organizationId: commerce, organization: '市商务局' },
      { username: 'demo_finance', displayName: '市财政局（演示）', role: 'department', organizationId: finance, organization: '市财政局' },
      { username: 'demo_town', displayName: '青阳街道（演示）', role: 'town', organizationId: qingyang, organization: '青阳街道' },
      {
        username: 'demo_enterprise',
        displayName: '鞋服企业（演示）',
        role: 'enterprise',
        organizationId: enterpriseIds.enterprise!,
        organization: DEMO_ENTERPRISES[0].name,
      },
      {
        username: 'demo_merchant',
        displayName: '家电商场（演示）',
        role: 'merchant',
        organizationId: enterpriseIds.merchant!,
        organization: DEMO_ENTERPRISES[1].name,
      },
      {
        username: 'demo_recycler',
        displayName: '回收企业（演示）',
        role: 'recycler',
        organizationId: enterpriseIds.recycler!,
        organization: DEMO_ENTERPRISES[2].name,
      },
      { username: 'demo_auditor', displayName: '审计员（演示）', role: 'auditor', organizationId: office, organization: OFFICE.name },
      { username: 'demo_admin', displayName: '系统管理员（演示）', role: 'admin', organizationId: office, organization: OFFICE.name },
      { username: 'demo_security', displayName: '安全管理员（演示）', role: 'security', organizationId: office, organization: OFFICE.name },
    ];
    for (const p of plan) {
      await insertUser(tx, deps, { ...p, password: DEMO_PASSWORD, mustChangePassword: false, isDemo: true });
      accounts.push({ role: p.role, username: p.username, organization: p.organization });
    }
    await tx
      .insertInto('job_runs')
      .values({ ...DEMO_MARKER, started_at: nowIso(), finished_at: nowIso() })
      .execute();
  });
  const resident = await registerResident(deps, systemContext('seed'), { ...DEMO_RESIDENT, password: DEMO_PASSWORD });
  await db.updateTable('users').set({ is_demo: 1 }).where('id', '=', resident.id).execute();
  accounts.push({ role: 'resident', username: DEMO_RESIDENT.mobile, organization: '公众' });
  return accounts;
}
