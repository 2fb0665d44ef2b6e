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

/**
 * The end of a programme's window is the moment residents are refused, so it must never come as a surprise.
 * A month before, the managing departments and the office are told (once per end date: an extended programme
 * warns again before its new end), and their home page says so until the programme is extended, rolled over or
 * closed. Only programmes that still matter to residents warn: ones with a daily release or unredeemed vouchers.
 */
export interface EndingProgram {
  id: number;
  name: string;
  validTo: string;
  phase: 'ending' | 'ended';
  daysLeft: number;
  activeVouchers: number;
  releasesDaily: boolean;
}

/** `noticeDays`: the system parameter `platform.programEndingNoticeDays` (callers with deps read it). */
export async function endingPrograms(db: Queryable, now: Date, noticeDays = ENDING_NOTICE_DAYS): Promise<EndingProgram[]> {
  const today = shanghaiDate(now);
  const programs = await db
    .selectFrom('tradein_programs')
    .select(['id', 'name', 'valid_from', 'valid_to'])
    .where('status', '=', 'active')
    .orderBy('valid_to')
    .orderBy('id')
    .execute();
  const out: EndingProgram[] = [];
  for (const p of programs) {
    const { phase, daysLeft } = windowPhase({ validFrom: p.valid_from, validTo: p.valid_to }, today, noticeDays);
    if (phase !== 'ending' && phase !== 'ended') continue;
    const vouchers = await db
      .selectFrom('tradein_vouchers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('program_id', '=', p.id)
      .where('status', '=', 'active')
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirstOrThrow();
    const releasing = await db
      .selectFrom('tradein_categories')
      .select('category')
      .where('program_id', '=', p.id)
      .where('daily_quota', '>', 0)
      .executeTakeFirst();
    const activeVouchers = Number(vouchers.n);
    // An ended programme that is still marked active always warns: it is waiting to be rolled over or closed.
    if (phase === 'ending' && activeVouchers === 0 && !releasing) continue;
    out.push({ id: Number(p.id), name: p.name, validTo: p.valid_to, phase, daysLeft, activeVouchers, releasesDaily: Boolean(releasing) });
  }
  return out;
}

export async function notifyEndingPrograms(db: Queryable, now: Date, noticeDays = ENDING_NOTICE_DAYS): Promise<number> {
  const ending = (await endingPrograms(db, now, noticeDays)).filter((p) => p.phase === 'ending');
  if (ending.length === 0) return 0;
  let sent = 0;
  for (const p of ending)
    sent += await notifyManagers(db, 'tradein', {
      kind: 'tradein_program_ending',
      params: { name: p.name, date: p.validTo, days: p.daysLeft, vouchers: p.activeVouchers },
      link: '/tradein/programs',
      dedupeKey: `tradein-program-ending:${p.id}:${p.validTo}`,
    });
  return sent;
}

/** Daily at 09:00 Shanghai, when officials are at their desks. */
export const programEndingJob: ScheduledJob = {
  name: 'tradein.program-ending',
  schedule: { 'zh-CN': '每日 09:00 起（北京时间）', en: 'Daily from 09:00 (Shanghai time)' },
  runKey: (now) => (shanghaiHour(now) >= 9 ? shanghaiDate(now) : null),
  run: async (deps, now) => {
    await notifyEndingPrograms(deps.database.db, now, await deps.parameters.get('platform.programEndingNoticeDays'));
  },
};

export const tradeinProgramNotices: HomeNoticeProvider = async (deps: AppDeps, ctx: RequestContext, now: Date) => {
  const db = deps.database.db;
  const { role } = ctx.actor;
  const noticeDays = await deps.parameters.get('platform.programEndingNoticeDays');
  if (role === 'resident') return residentNotices(db, ctx, now, noticeDays);
  if (role !== 'office' && role !== 'department') return [];
  if (!isManager(ctx.actor, { grants: await grantsOf(db, ctx.actor, 'tradein') })) return [];
  return (await endingPrograms(db, now, noticeDays)).map((p): HomeNotice =>
    p.phase === 'ended'
      ? {
          key: `tradein.program-ended:${p.id}`,
          level: 'error',
          messageKey: 'notice.tradein.programEnded',
          params: { name: p.name, date: p.validTo },
          link: '/tradein/programs',
        }
      : {
          key: `tradein.program-ending:${p.id}`,
          level: 'warning',
          messageKey: 'notice.tradein.programEnding',
          params: { name: p.name, date: p.validTo, days: p.daysLeft, vouchers: p.activeVouchers },
          link: '/tradein/programs',
        },
  );
};

/** A resident holding a voucher of a programme about to end is reminded to use it in time. */
async function residentNotices(db: Queryable, ctx: RequestContext, now: Date, noticeDays: number): Promise<HomeNotice[]> {
  const rows = await db
    .selectFrom('tradein_vouchers as v')
    .innerJoin('tradein_programs as g', 'g.id', 'v.program_id')
    .select(['g.id', 'g.name', 'g.valid_from', 'g.valid_to'])
    .where('v.holder_user_id', '=', ctx.actor.userId ?? -1)
    .where('v.status', '=', 'active')
    .where('v.expires_at', '>', now.toISOString())
    .groupBy(['g.id', 'g.name', 'g.valid_from', 'g.valid_to'])
    .execute();
  const today = shanghaiDate(now);
  return rows
    .filter((r) => windowPhase({ validFrom: r.valid_from, validTo: r.valid_to }, today, noticeDays).phase === 'ending')
    .map((r) => ({
      key: `tradein.voucher-program-ending:${Number(r.id)}`,
      level: 'info',
      messageKey: 'notice.tradein.voucherProgramEnding',
      params: { name: r.name, date: r.valid_to },
      link: '/tradein/my/vouchers',
    }));
}
