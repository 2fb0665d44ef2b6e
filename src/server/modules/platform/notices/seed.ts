import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { createNotice, publishNotice } from './service.js';

async function officeContext(deps: AppDeps): Promise<RequestContext | null> {
  const u = await deps.database.db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select(['u.id', 'u.organization_id'])
    .where('u.username', '=', 'demo_office')
    .executeTakeFirst();
  if (!u) return null;
  return {
    actor: {
      kind: 'user',
      userId: Number(u.id),
      username: 'demo_office',
      role: 'office',
      organizationId: Number(u.organization_id),
      organizationKind: 'office',
      townId: null,
      sessionId: null,
    },
    requestId: null,
    ip: null,
    locale: 'zh-CN',
  };
}

/** Demo notices (labelled 演示), once per database: one to every unit, one policy explanation to the public, one draft. */
export async function seedNoticesDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  if (await db.selectFrom('notices').select('id').where('is_demo', '=', 1).executeTakeFirst()) return;
  const ctx = await officeContext(deps);
  if (!ctx) return;
  const all = await createNotice(
    deps,
    ctx,
    {
      title: '（演示）关于报送2025年四季度设备更新工作进展的通知',
      kind: 'notice',
      body: '（演示）各市直有关单位、各镇（街道）、经济开发区：请于季度结束后5日内通过本平台报送设备更新和消费品以旧换新工作进展及佐证材料。重大事项及时按程序请示报告。',
      audience: 'all',
      organizationIds: [],
    },
    true,
  );
  await publishNotice(deps, ctx, all.id);
  const policy = await createNotice(
    deps,
    ctx,
    {
      title: '（演示）家电以旧换新补贴政策解读',
      kind: 'policy',
      body: '（演示）购买能效或水效2级的家电产品，按销售价格的15%给予补贴；1级产品按20%给予补贴；每件补贴不超过2000元。每人每类限购1件，空调最多3件。补贴资格在活动页面领取，在参与活动的商户购买时直接抵扣。',
      audience: 'public',
      organizationIds: [],
    },
    true,
  );
  await publishNotice(deps, ctx, policy.id);
  await createNotice(
    deps,
    ctx,
    {
      title: '（演示）关于召开工作专班季度调度会的通知（草稿）',
      kind: 'notice',
      body: '（演示）定于下月初召开工作专班季度调度会，请各责任单位主要负责同志参加，具体时间另行通知。',
      audience: 'all',
      organizationIds: [],
    },
    true,
  );
}
