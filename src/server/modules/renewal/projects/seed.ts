import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { enter, move } from '../../../core/workflow.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { ProjectStatus } from '../../../../shared/enums/renewalProjects.js';
import { DEMO_PASSWORD } from '../../platform/seed/seedDemo.js';
import { insertUser } from '../../platform/users/service.js';
import type { RenewalProjectTable } from './tables.js';
import { projectCode, writeEquipment } from './service.js';
import { holdProjectCodes } from './codes.js';
import { projectWorkflow, type ProjectAction } from './workflow.js';

type DemoProject = Pick<RenewalProjectTable, 'name' | 'sector' | 'industry' | 'type' | 'status'> & {
  plannedWan: number;
  equipmentWan: number;
  /** Days before the seed's day the project started / was completed (when it did). */
  startedDaysAgo?: number;
  completedDaysAgo?: number;
  actualWan?: number;
  simplified?: boolean;
  returnReason?: string;
};

const DEMO_PROJECTS: DemoProject[] = [
  {
    name: '智能裁床与自动缝纫线技改项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'intelligent_upgrade',
    status: 'draft',
    plannedWan: 1200,
    equipmentWan: 900,
  },
  {
    name: '鞋底成型车间能效提升项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'energy_efficiency',
    status: 'submitted',
    plannedWan: 800,
    equipmentWan: 300,
  },
  {
    name: '高速点胶设备更新项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'equipment_renewal',
    status: 'town_checked',
    plannedWan: 650,
    equipmentWan: 600,
    simplified: true,
  },
  {
    name: '智能仓储数字化改造项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'digital_transformation',
    status: 'in_library',
    plannedWan: 2000,
    equipmentWan: 1500,
  },
  {
    name: '老旧数控机床替换项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'technical_retrofit',
    status: 'under_construction',
    plannedWan: 3000,
    equipmentWan: 2600,
    startedDaysAgo: 30,
  },
  {
    name: '环保废气治理改造项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'environmental_retrofit',
    status: 'completed',
    plannedWan: 500,
    equipmentWan: 350,
    startedDaysAgo: 120,
    completedDaysAgo: 10,
    actualWan: 520,
  },
  {
    name: '厂区安全监测改造项目（演示）',
    sector: 'industry',
    industry: 'footwear',
    type: 'safety_retrofit',
    status: 'returned',
    plannedWan: 300,
    equipmentWan: 100,
    returnReason: '请补充被替换设备的服役年限（演示）',
  },
];

const WAN = 1_000_000;

/** The moves that bring a demo draft to its status. */
const PATHS: Record<ProjectStatus, ProjectAction[]> = {
  draft: [],
  submitted: ['submit'],
  town_checked: ['submitSimplified'],
  in_library: ['submit', 'townPass', 'approve'],
  under_construction: ['submit', 'townPass', 'approve', 'start'],
  completed: ['submit', 'townPass', 'approve', 'start', 'complete'],
  returned: ['submit', 'townReturn'],
};

/**
 * Demo projects of the demo enterprise at every step (labelled 演示), a recognition of the completed one, and a
 * 市工信局 account (demo_industry) that approves them. Once only: nothing is added when the demo projects exist.
 */
export async function seedProjectsDemo(deps: AppDeps): Promise<void> {
  const db = deps.database.db;
  const user = await db.selectFrom('users').select(['id', 'organization_id']).where('username', '=', 'demo_enterprise').executeTakeFirst();
  if (!user || user.organization_id === null) return;
  const org = await db.selectFrom('organizations').select(['id', 'town_id']).where('id', '=', user.organization_id).executeTakeFirst();
  if (!org || org.town_id === null) return;
  const miit = await db.selectFrom('organizations').select('id').where('name', '=', '市工信局').executeTakeFirst();
  const ctx = systemContext('seed');
  await inTransaction(deps.database, async (tx) => {
    if (miit && !(await tx.selectFrom('users').select('id').where('username', '=', 'demo_industry').executeTakeFirst()))
      await insertUser(tx, deps, {
        username: 'demo_industry',
        displayName: '市工信局（演示）',
        role: 'department',
        organizationId: Number(miit.id),
        password: DEMO_PASSWORD,
        mustChangePassword: false,
        isDemo: true,
      });
    const existing = await tx.selectFrom('renewal_projects').select('id').where('is_demo', '=', 1).where('organization_id', '=', org.id).executeTakeFirst();
    if (existing) return;
    const today = shanghaiDate();
    const now = nowIso();
    const year = Number(today.slice(0, 4));
    for (const d of DEMO_PROJECTS) {
      const started = d.startedDaysAgo === undefined ? null : addDays(today, -d.startedDaysAgo);
      const completed = d.completedDaysAgo === undefined ? null : addDays(today, -d.completedDaysAgo);
      const past = (s: ProjectStatus[]) => s.includes(d.status);
      const row = await tx
        .insertInto('renewal_projects')
        .values({
          code: `DEMO-RP-${d.type}`,
          name: d.name,
          organization_id: Number(org.id),
          town_id: Number(org.town_id),
          sector: d.sector,
          industry: d.industry,
          type: d.type,
          // Inserted as a draft, then moved along its way below, so its timeline reads as a real one's.
          status: 'draft',
          origin: 'registered',
          year,
          planned_investment_fen: d.plannedWan * WAN,
          planned_equipment_fen: d.equipmentWan * WAN,
          actual_investment_fen: d.actualWan === undefined ? null : d.actualWan * WAN,
          actual_equipment_fen: d.actualWan === undefined ? null : d.equipmentWan * WAN,
          adds_land: 0,
          simplified: d.simplified ? 1 : 0,
          skipped_step: d.simplified ? 'town_check' : null,
          energy_saved_tce: 120,
          emissions_reduced_t: 310,
          planned_start: started ?? addDays(today, 30),
          planned_end: completed ?? addDays(today, 300),
          started_on: started,
          completed_on: completed,
          description: '演示数据',
          evidence_json: null,
          return_reason: d.returnReason ?? null,
          returned_from: d.returnReason ? 'town_check' : null,
          submitted_at: d.status === 'draft' ? null : now,
          town_checked_at: past(['in_library', 'under_construction', 'completed']) || (d.status === 'town_checked' && !d.simplified) ? now : null,
          town_checked_by: null,
          approved_at: past(['in_library', 'under_construction', 'completed']) ? now : null,
          approved_by: null,
          approved_by_organization_id: past(['in_library', 'under_construction', 'completed']) && miit ? Number(miit.id) : null,
          created_by: Number(user.id),
          is_demo: 1,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      const code = `${projectCode(year, id)}-演示`;
      await tx.updateTable('renewal_projects').set({ code }).where('id', '=', id).execute();
      await holdProjectCodes(tx, [{ code, organizationId: Number(org.id), projectId: id }]);
      await writeEquipment(
        tx,
        { id, organizationId: Number(org.id) },
        {
          oldEquipment: [
            { name: '普通数控车床', count: 6, yearsInService: 14, isMachineTool: true },
            { name: '燃煤导热油炉', count: 1, yearsInService: 9, isMachineTool: false },
          ],
          newEquipment: [
            { equipmentCode: 'footwear_auto_cutting', name: '全自动裁床', count: 4, amountFen: Math.floor((d.equipmentWan * WAN) / 2), isFirstSet: false },
            { equipmentCode: 'general_industrial_robot', name: '工业机器人', count: 2, amountFen: null, isFirstSet: true },
          ],
        },
      );
      await enter(tx, ctx, projectWorkflow, { id, action: 'draft', organizationId: Number(org.id), note: '演示数据' });
      for (const action of PATHS[d.status])
        await move(tx, ctx, projectWorkflow, {
          id,
          action,
          organizationId: Number(org.id),
          ...(action === 'townReturn' ? { reasons: [d.returnReason ?? '演示'] } : {}),
        });
      if (d.status === 'completed' && miit)
        await tx
          .insertInto('renewal_recognitions')
          .values({
            kind: 'excellent_scene',
            level: 'jinjiang',
            title: '智能制造优秀场景：废气在线监测（演示）',
            recognized_on: completed!,
            organization_id: Number(org.id),
            project_id: id,
            town_id: Number(org.town_id),
            note: '演示数据',
            created_by: Number(user.id),
            is_demo: 1,
            created_at: now,
          })
          .execute();
    }
  });
}
