import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import type { HomeNotice, HomeNoticeProvider } from '../../../core/module.js';
import { ENDING_NOTICE_DAYS, windowPhase } from '../../../../shared/programWindow.js';
import { shanghaiDate, shanghaiHour } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { isManager } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { notifyManagers } from '../../platform/grants/notifyManagers.js';
import type { CarApplicationStatus } from '../tables.js';

/** Applications still being worked on: reviewed, corrected or paid after the window as before. */
const OPEN: CarApplicationStatus[] = ['submitted', 'returned', 'approved', 'in_payment'];

/**
 * A month before a car programme's application window closes, 市商务局 and the office are told (once per end
 * date), and their home page says so, so that the next year's programme is ready before residents are refused.
 * After the end, the home page keeps saying it until the programme is closed or rolled over, with how many
 * applications are still in review or payment (those go on as before).
 */
export interface EndingCarProgram {
  id: number;
  name: string;
  validTo: string;
  phase: 'ending' | 'ended';
  daysLeft: number;
  openApplications: number;
}

/** `noticeDays`: the system parameter `platform.programEndingNoticeDays` (callers with deps read it). */
export async function endingCarPrograms(db: Queryable, now: Date, noticeDays = ENDING_NOTICE_DAYS): Promise<EndingCarProgram[]> {
  const today = shanghaiDate(now);
  const programs = await db
    .selectFrom('cartradein_programs')
    .select(['id', 'name', 'valid_from', 'valid_to'])
    // A suspended programme takes no new applications but still decides and pays those it has: it warns too.
    .where('status', 'in', ['active', 'suspended'])
    .orderBy('valid_to')
    .orderBy('id')
    .execute();
  const out: EndingCarProgram[] = [];
  for (const p of programs) {
    const { phase, daysLeft } = windowPhase({ validFrom: p.valid_from, validTo: p.valid_to }, today, noticeDays);
    if (phase !== 'ending' && phase !== 'ended') continue;
    const open = await db
      .selectFrom('cartradein_applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('program_id', '=', p.id)
      .where('status', 'in', OPEN)
      .executeTakeFirstOrThrow();
    out.push({ id: Number(p.id), name: p.name, validTo: p.valid_to, phase, daysLeft, openApplications: Number(open.n) });
  }
  return out;
}

export async function notifyEndingCarPrograms(db: Queryable, now: Date, noticeDays = ENDING_NOTICE_DAYS): Promise<number> {
  const ending = (await endingCarPrograms(db, now, noticeDays)).filter((p) => p.phase === 'ending');
  if (ending.length === 0) return 0;
  let sent = 0;
  for (const p of ending)
    sent += await notifyManagers(db, 'cartradein', {
      kind: 'cartradein_program_ending',
      params: { name: p.name, date: p.validTo, days: p.daysLeft, open: p.openApplications },
      link: '/car/programs',
      dedupeKey: `cartradein-program-ending:${p.id}:${p.validTo}`,
    });
  return sent;
}

/** Daily at 09:00 Shanghai. */
export const carProgramEndingJob: ScheduledJob = {
  name: 'cartradein.program-ending',
  schedule: { 'zh-CN': '每日 09:00 起（北京时间）', en: 'Daily from 09:00 (Shanghai time)' },
  runKey: (now) => (shanghaiHour(now) >= 9 ? shanghaiDate(now) : null),
  run: async (deps, now) => {
    await notifyEndingCarPrograms(deps.database.db, now, await deps.parameters.get('platform.programEndingNoticeDays'));
  },
};

export const carProgramNotices: HomeNoticeProvider = async (deps: AppDeps, ctx: RequestContext, now: Date) => {
  const db = deps.database.db;
  if (ctx.actor.role !== 'office' && ctx.actor.role !== 'department') return [];
  if (!isManager(ctx.actor, { grants: await grantsOf(db, ctx.actor, 'cartradein') })) return [];
  const noticeDays = await deps.parameters.get('platform.programEndingNoticeDays');
  return (await endingCarPrograms(db, now, noticeDays)).map((p): HomeNotice =>
    p.phase === 'ended'
      ? {
          key: `cartradein.program-ended:${p.id}`,
          level: 'error',
          messageKey: 'notice.cartradein.programEnded',
          params: { name: p.name, date: p.validTo, open: p.openApplications },
          link: '/car/programs',
        }
      : {
          key: `cartradein.program-ending:${p.id}`,
          level: 'warning',
          messageKey: 'notice.cartradein.programEnding',
          params: { name: p.name, date: p.validTo, days: p.daysLeft, open: p.openApplications },
          link: '/car/programs',
        },
  );
};
