import type { AppDeps } from '../../../core/deps.js';
import { systemContext } from '../../../core/context.js';
import { windowPhase } from '../../../../shared/programWindow.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { inTransaction } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { DEFAULT_CAR_PROGRAMS } from './defaults.js';
import { insertCarProgram } from './service.js';
import { seedCarEventsDemo } from './demoEvents.js';
import { seedCarApplicationsDemo } from './demoApplications.js';

const DEMO_NOTE =
  '演示数据：本活动由演示种子按启动当日生成（申请期一年），仅供体验，不是官方活动。 Demo data: made by the demo seed around the day of start-up, for trying the platform only.';

/**
 * With demo data on, every start makes sure a car scrapping programme (the national rule, labelled 演示) is open
 * for applications around today, and closes demo programmes whose window has ended; then it gives the module a
 * history of promotion events and residents' applications at every step of their review. The history ends at
 * the real clock: the services it goes through stamp the real time and cannot record what has not happened by
 * then, so a `now` ahead of it (a test's day years on) makes the programmes only.
 */
export async function seedCarTradeinDemo(deps: AppDeps, now = new Date()): Promise<void> {
  await seedCarProgrammeDemo(deps, now);
  if (now.getTime() > Date.now() + 86_400_000) return;
  await seedCarEventsDemo(deps, now);
  await seedCarApplicationsDemo(deps, now);
}

async function seedCarProgrammeDemo(deps: AppDeps, now: Date): Promise<void> {
  const today = shanghaiDate(now);
  const ctx = systemContext('seed-demo');
  await inTransaction(deps.database, async (tx) => {
    const demos = await tx.selectFrom('cartradein_programs').selectAll().where('code', 'like', 'demo-%').where('status', '=', 'active').execute();
    for (const p of demos)
      if (windowPhase({ validFrom: p.valid_from, validTo: p.valid_to }, today).phase === 'ended') {
        await tx.updateTable('cartradein_programs').set({ status: 'closed', updated_at: nowIso() }).where('id', '=', p.id).execute();
        await appendAudit(tx, ctx, {
          entity: 'cartradein_program',
          entityId: Number(p.id),
          action: 'update',
          before: { status: 'active' },
          after: { status: 'closed', reason: 'demo programme ended' },
        });
      }
    if (demos.some((p) => windowPhase({ validFrom: p.valid_from, validTo: p.valid_to }, today).phase === 'open')) return;
    const model = DEFAULT_CAR_PROGRAMS.find((p) => p.kind === 'scrapping' && !p.isExample)!;
    const code = `demo-car-scrapping-${today.replaceAll('-', '')}`;
    if (await tx.selectFrom('cartradein_programs').select('id').where('code', '=', code).executeTakeFirst()) return;
    const id = await insertCarProgram(
      tx,
      {
        code,
        name: `（演示）${model.name}`,
        kind: 'scrapping',
        status: 'active',
        validFrom: today,
        validTo: addDays(today, 364),
        isExample: true,
        sourceNote: DEMO_NOTE,
        rule: model.rule,
      },
      null,
    );
    await appendAudit(tx, ctx, { entity: 'cartradein_program', entityId: id, action: 'seed', after: { code, demo: true } });
  });
}
