import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { inTransaction } from '../../../db/database.js';
import { DEMO_PASSWORD } from '../../platform/seed/seedDemo.js';
import { insertUser } from '../../platform/users/service.js';
import { answerMatter, escalateMatter, raiseMatter } from './service.js';
import { WORK_TEAM } from './tables.js';

/** The work team's demo account: the vice-mayor's desk that answers escalated matters. */
export const DEMO_WORK_TEAM_USER = 'demo_workteam';

/** A request context acting as one account (for seeds: the demo accounts make the demo records). */
async function actingAs(deps: AppDeps, username: string): Promise<RequestContext | null> {
  const u = await deps.database.db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.role', 'u.organization_id', 'o.kind', 'o.town_id'])
    .where('u.username', '=', username)
    .executeTakeFirst();
  if (!u) return null;
  return {
    actor: {
      kind: 'user',
      userId: Number(u.id),
      username,
      role: u.role,
      organizationId: Number(u.organization_id),
      organizationKind: u.kind,
      townId: u.kind === 'town' ? Number(u.organization_id) : u.town_id === null ? null : Number(u.town_id),
      sessionId: null,
    },
    requestId: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/**
 * The work team (工作专班, 保障措施一) answers escalated matters: its members are accounts of this organisation,
 * created by the administrator like any other. Reference data every installation needs, seeded after the
 * division list so that the towns and departments keep their places.
 */
export async function seedWorkTeam(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  if (await db.selectFrom('organizations').select('id').where('code', '=', WORK_TEAM.code).executeTakeFirst()) return;
  const now = new Date().toISOString();
  await db
    .insertInto('organizations')
    .values({
      code: WORK_TEAM.code,
      name: WORK_TEAM.name,
      kind: 'office',
      status: 'active',
      division_code: '350582',
      credit_code: null,
      town_id: null,
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
    .execute();
}

/** The work team's demo account, once (kept if it exists). */
export async function seedWorkTeamAccount(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  if (await db.selectFrom('users').select('id').where('username', '=', DEMO_WORK_TEAM_USER).executeTakeFirst()) return;
  const team = await db.selectFrom('organizations').select('id').where('code', '=', WORK_TEAM.code).executeTakeFirstOrThrow();
  await inTransaction(deps.database, (tx) =>
    insertUser(tx, deps, {
      username: DEMO_WORK_TEAM_USER,
      displayName: '工作专班（演示）',
      role: 'office',
      organizationId: Number(team.id),
      password: DEMO_PASSWORD,
      mustChangePassword: false,
      isDemo: true,
    }),
  );
}

/**
 * Demo matters (labelled 演示), once per database: one the office answered, one escalated to the work team and one
 * still waiting for the office. Needs the demo accounts; without them it does nothing.
 */
export async function seedMattersDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  if (await db.selectFrom('plan_matters').select('id').where('is_demo', '=', 1).executeTakeFirst()) return;
  const [department, town, office] = await Promise.all([actingAs(deps, 'demo_department'), actingAs(deps, 'demo_town'), actingAs(deps, 'demo_office')]);
  if (!department || !town || !office) return;
  await seedWorkTeamAccount(deps);
  const answered = await raiseMatter(deps, department, {
    title: '（演示）汽车置换更新补贴标准需市级明确',
    description: '（演示）部分4S店反映置换更新补贴按新车价格分档的口径不一，请办公室明确分档标准及执行起始日期。',
    urgency: 'normal',
    attachmentIds: [],
  });
  await answerMatter(deps, office, answered.id, '（演示）分档标准以市商务局发布的实施细则为准，自细则发布之日起执行。');
  const escalated = await raiseMatter(deps, town, {
    title: '（演示）老旧小区电梯更新资金缺口',
    description: '（演示）青阳街道3个老旧小区电梯更新项目资金缺口约120万元，超出街道统筹能力，请求协调市级资金支持。',
    urgency: 'urgent',
    attachmentIds: [],
  });
  await escalateMatter(deps, office, escalated.id, '（演示）涉及市级财政配套，提请工作专班研究。');
  const waiting = await raiseMatter(deps, department, {
    title: '（演示）家电以旧换新回收企业不足',
    description: '（演示）部分镇街缺少具备资质的家电回收企业，影响以旧换新“换”的环节，请协调回收网点布局。',
    urgency: 'critical',
    attachmentIds: [],
  });
  await db.updateTable('plan_matters').set({ is_demo: 1 }).where('id', 'in', [answered.id, escalated.id, waiting.id]).execute();
}
