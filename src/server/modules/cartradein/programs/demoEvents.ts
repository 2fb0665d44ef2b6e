import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { addDays, addMonths, shanghaiDate } from '../../../core/time.js';
import { inTransaction } from '../../../db/database.js';
import type { CarEventType } from '../tables.js';
import { cancelPromotionEvent, createPromotionEvent, publishPromotionEvent, reportPromotionEventResults } from '../events/service.js';

/** Marks every event the demo makes; an event with this description is the demo's, found again on the next start. */
export const DEMO_EVENT_NOTE = '演示数据：本场活动由演示种子生成，仅供体验，不是真实活动。 Demo data: made by the demo seed, not a real event.';

const CAR_TYPES: CarEventType[] = ['car_promotion', 'car_carnival', 'car_expo'];
const APPLIANCE_TYPES: CarEventType[] = ['appliance_rural', 'appliance_community'];
const TITLES: Record<string, string> = {
  car_promotion: '汽车以旧换新促销月',
  car_carnival: '汽车消费嘉年华',
  car_expo: '汽车展销会',
  appliance_rural: '家电以旧换新进乡村',
  appliance_community: '家电以旧换新进社区',
  home_building_expo: '家装建材博览会',
};

const unit = (role: 'department' | 'town', organizationId: number): RequestContext => ({
  actor: {
    kind: 'user',
    userId: null,
    username: 'seed-demo',
    role,
    organizationId,
    organizationKind: role,
    townId: role === 'town' ? organizationId : null,
    sessionId: null,
  },
  requestId: null,
  ip: null,
  locale: 'zh-CN',
});

interface DemoEvent {
  type: CarEventType;
  /** Months before (negative) or after the seed's month, and the day it starts. */
  month: number;
  day: number;
  days: number;
  /** Which town (by position in the towns' order) hosts it. */
  town: number;
  fate: 'held' | 'published' | 'cancelled' | 'draft';
}

/**
 * A year and a half of events around the seed's day: 市商务局's car promotions about once a quarter and the towns'
 * appliance days in villages and communities every other month, held with their results reported; one cancelled;
 * the next ones published, one still a draft — so the calendar and the plan's event indicators have a history.
 */
function demoEvents(): DemoEvent[] {
  const out: DemoEvent[] = [];
  for (let m = -17, i = 0; m <= 0; m += 3, i++) out.push({ type: CAR_TYPES[i % 3]!, month: m, day: 10 + (i % 3) * 3, days: 3, town: i * 5, fate: 'held' });
  for (let m = -16, i = 0; m <= -1; m += 2, i++)
    out.push({ type: APPLIANCE_TYPES[i % 2]!, month: m, day: 18, days: 2, town: i * 3 + 1, fate: i === 3 ? 'cancelled' : 'held' });
  out.push({ type: 'home_building_expo', month: -7, day: 20, days: 3, town: 2, fate: 'held' });
  out.push({ type: 'car_promotion', month: 1, day: 12, days: 3, town: 4, fate: 'published' });
  out.push({ type: 'appliance_community', month: 1, day: 22, days: 1, town: 7, fate: 'published' });
  out.push({ type: 'appliance_rural', month: 2, day: 16, days: 2, town: 9, fate: 'draft' });
  return out;
}

/** Creates the demo's events through the events service (once: an event already made is found by its title). */
export async function seedCarEventsDemo(deps: AppDeps, now = new Date()): Promise<number> {
  const db = deps.database.db;
  const today = shanghaiDate(now);
  const thisMonth = today.slice(0, 7);
  const towns = await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').where('status', '=', 'active').orderBy('code').execute();
  const commerce = await db.selectFrom('organizations').select('id').where('name', '=', '市商务局').executeTakeFirst();
  if (!towns.length || !commerce) return 0;
  const existing = new Set((await db.selectFrom('cartradein_events').select('title').where('description', '=', DEMO_EVENT_NOTE).execute()).map((e) => e.title));
  let made = 0;
  for (const e of demoEvents()) {
    const month = addMonths(thisMonth, e.month);
    const startsOn = `${month}-${String(e.day).padStart(2, '0')}`;
    // A held event has started by now; one due later this month waits for the next start.
    if (e.fate === 'held' && startsOn > today) continue;
    const town = towns[e.town % towns.length]!;
    const title = `（演示）${month.slice(0, 4)}年${Number(month.slice(5))}月${town.name}${TITLES[e.type]}`;
    if (existing.has(title)) continue;
    const car = CAR_TYPES.includes(e.type);
    const ctx = car || e.type === 'home_building_expo' ? unit('department', Number(commerce.id)) : unit('town', Number(town.id));
    const created = await createPromotionEvent(deps, ctx, {
      type: e.type,
      title,
      description: DEMO_EVENT_NOTE,
      startsOn,
      endsOn: addDays(startsOn, e.days - 1),
      townId: Number(town.id),
      place: `${town.name}（演示场地）`,
      merchantIds: [],
    });
    made++;
    if (e.fate === 'draft') continue;
    await publishPromotionEvent(deps, ctx, created.id);
    if (e.fate === 'cancelled') await cancelPromotionEvent(deps, ctx, created.id, { reason: '（演示）天气原因，活动取消' });
    if (e.fate === 'held') {
      const visitors = 800 + ((created.id * 7919) % 40) * 100;
      await reportPromotionEventResults(deps, ctx, created.id, {
        visitors,
        salesFen: visitors * 260_000,
        subsidiesRedeemedFen: visitors * 18_000,
        subsidiesRedeemedCount: Math.round(visitors / 9),
      });
    }
    // Dated as the story has it: registered three weeks before, published a fortnight before, results the day after.
    const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();
    await inTransaction(deps.database, (tx) =>
      tx
        .updateTable('cartradein_events')
        .set({
          created_at: at(addDays(startsOn, -21), 10),
          published_at: at(addDays(startsOn, -14), 15),
          ...(e.fate === 'held' ? { results_reported_at: at(addDays(startsOn, e.days), 11), updated_at: at(addDays(startsOn, e.days), 11) } : {}),
        })
        .where('id', '=', created.id)
        .execute(),
    );
  }
  return made;
}
