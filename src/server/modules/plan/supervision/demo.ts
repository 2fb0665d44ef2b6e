import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { systemContext } from '../../../core/context.js';
import { addDays, endOfShanghaiDate, shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { Role } from '../../../../shared/roles.js';
import { supervisionOrderWorkflow, type OrderAction } from './workflow.js';

interface DemoOrder {
  indicator: string;
  unit: 'demo_department' | 'demo_town';
  matter: string;
  requirement: string;
  /** Days from the seed's day to the deadline (negative: already past). */
  deadlineIn: number;
  steps: Exclude<OrderAction, 'raise'>[];
  feedback?: string;
}

/** Orders at every step, labelled 演示, on indicators the demo department and town answer for. */
const DEMO_ORDERS: DemoOrder[] = [
  {
    indicator: 'A2-S-01',
    unit: 'demo_department',
    matter: '汽车以旧换新数量落后序时进度（演示）',
    requirement: '请分析进度滞后原因，提出加快推进的具体措施并报送分月计划。',
    deadlineIn: 7,
    steps: ['issue'],
  },
  {
    indicator: 'A2-S-03',
    unit: 'demo_department',
    matter: '新能源汽车占比提升措施（演示）',
    requirement: '请报送新能源汽车推广活动安排及经销商参与情况。',
    deadlineIn: 2,
    steps: ['issue', 'sign', 'handle'],
  },
  {
    indicator: 'A1-T4-01',
    unit: 'demo_town',
    matter: '既有住宅加装电梯进度督办（演示）',
    requirement: '请报送本街道加装电梯项目清单及开工计划。',
    deadlineIn: 10,
    steps: ['issue', 'sign', 'feedback'],
    feedback: '已梳理加装电梯意向小区6个，其中2个已完成审批，预计下月开工（演示）。',
  },
  {
    indicator: 'A2-S-02',
    unit: 'demo_department',
    matter: '报废汽车回收拆解量核实（演示）',
    requirement: '请核实并报送报废汽车回收拆解台账。',
    deadlineIn: 5,
    steps: ['issue', 'sign', 'feedback', 'close'],
    feedback: '已核实回收拆解台账并报送（演示）。',
  },
  {
    indicator: 'A2-S-04',
    unit: 'demo_department',
    matter: '家电销售增长基数报送（演示）',
    requirement: '请于期限内报送2023年基数及证明材料。',
    deadlineIn: -3,
    steps: ['issue', 'sign'],
  },
  {
    indicator: 'A1-T4-01',
    unit: 'demo_town',
    matter: '加装电梯资金拨付情况（演示，草稿）',
    requirement: '请说明已拨付补助资金的项目及金额。',
    deadlineIn: 14,
    steps: [],
  },
];

const actorOf = (user: { id: number; role: Role; organization_id: number; username: string }, known: boolean): RequestContext => {
  const base = systemContext(user.username);
  return { ...base, actor: { ...base.actor, userId: known ? Number(user.id) : null, role: user.role, organizationId: Number(user.organization_id) } };
};

async function seedOne(tx: Tx, d: DemoOrder, office: RequestContext, unit: RequestContext, planId: number, subject: { id: number; name: string }) {
  const today = shanghaiDate();
  const deadline = addDays(today, d.deadlineIn);
  const at = nowIso();
  // Issued well before a past deadline, so its timeline reads as a real one's.
  const row = await tx
    .insertInto('plan_supervision_orders')
    .values({
      plan_id: planId,
      subject: 'indicator',
      subject_id: subject.id,
      subject_title: subject.name,
      organization_id: unit.actor.organizationId!,
      matter: d.matter,
      requirement: d.requirement,
      deadline_date: deadline,
      deadline_at: endOfShanghaiDate(deadline).toISOString(),
      status: 'draft',
      feedback: null,
      return_reason: null,
      review_note: null,
      return_count: 0,
      raised_by: office.actor.userId,
      issued_at: null,
      signed_at: null,
      signed_by: null,
      fed_back_at: null,
      closed_at: null,
      is_demo: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  const organizationId = unit.actor.organizationId!;
  await enter(tx, office, supervisionOrderWorkflow, { id, action: 'raise', organizationId, params: { subject: 'indicator', subjectId: subject.id, deadline } });
  const issuedAt = d.deadlineIn < 0 ? endOfShanghaiDate(addDays(today, d.deadlineIn - 10)).toISOString() : at;
  for (const s of d.steps) {
    const by = s === 'issue' || s === 'close' || s === 'return' ? office : unit;
    const set =
      s === 'issue'
        ? { issued_at: issuedAt }
        : s === 'sign'
          ? { signed_at: at, signed_by: unit.actor.userId }
          : s === 'feedback'
            ? { feedback: d.feedback ?? null, fed_back_at: at }
            : s === 'close'
              ? { closed_at: at }
              : {};
    await move(tx, by, supervisionOrderWorkflow, { id, action: s, from: undefined, set, organizationId, note: s === 'feedback' ? (d.feedback ?? null) : null });
  }
}

/** A handful of demo orders at every step (labelled 演示). Once only: nothing is added when demo orders exist. */
export async function seedOrdersDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  if (await db.selectFrom('plan_supervision_orders').select('id').where('is_demo', '=', 1).executeTakeFirst()) return;
  const plan = await db.selectFrom('plans').select(['id']).where('code', '=', 'JJ-2024-98').executeTakeFirst();
  if (!plan) return;
  // The demo accounts may not exist yet when the module demos run: the units are found by name, and a move is
  // recorded with the role that makes it (the demo account's user when there is one).
  const users = await db
    .selectFrom('users')
    .select(['id', 'role', 'organization_id', 'username'])
    .where('username', 'in', ['demo_office', 'demo_department', 'demo_town'])
    .execute();
  const user = (name: string) => users.find((u) => u.username === name);
  const orgs = await db.selectFrom('organizations').select(['id', 'name', 'kind']).where('name', 'in', ['市商务局', '青阳街道']).execute();
  const officeOrg = await db.selectFrom('organizations').select('id').where('kind', '=', 'office').orderBy('id').executeTakeFirst();
  if (!officeOrg) return;
  const ctxFor = (username: string, role: Role, organizationId: number) => {
    const u = user(username);
    return actorOf({ id: u ? Number(u.id) : 0, role, organization_id: organizationId, username: u ? username : 'seed' }, u !== undefined);
  };
  const office = ctxFor('demo_office', 'office', Number(officeOrg.id));
  const byName = new Map<string, RequestContext>();
  const commerce = orgs.find((o) => o.name === '市商务局');
  const town = orgs.find((o) => o.name === '青阳街道');
  if (commerce) byName.set('demo_department', ctxFor('demo_department', 'department', Number(commerce.id)));
  if (town) byName.set('demo_town', ctxFor('demo_town', 'town', Number(town.id)));
  const indicators = await db
    .selectFrom('indicators')
    .select(['id', 'code', 'name'])
    .where('plan_id', '=', plan.id)
    .where(
      'code',
      'in',
      DEMO_ORDERS.map((d) => d.indicator),
    )
    .execute();
  const byCode = new Map(indicators.map((i) => [i.code, { id: Number(i.id), name: i.name }]));
  await inTransaction(deps.database, async (tx) => {
    for (const d of DEMO_ORDERS) {
      const unit = byName.get(d.unit);
      const subject = byCode.get(d.indicator);
      if (unit && subject) await seedOne(tx, d, office, unit, Number(plan.id), subject);
    }
  });
}
