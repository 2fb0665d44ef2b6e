import type { DictionaryDefinition, DictionaryUsageChecker } from '../../../core/extensions.js';
import type { Queryable } from '../../../db/database.js';
import type { CarEventType } from '../tables.js';

/**
 * The promotion event types as a dictionary officials can relabel, reorder and disable (the codes are
 * CAR_EVENT_TYPES, which the events' schema accepts), and the check that keeps a type events use from being
 * deleted.
 */
export const eventTypeDictionary: DictionaryDefinition = {
  code: 'event_type',
  name: { 'zh-CN': '促销活动类型', en: 'Promotion event types' },
  description: { 'zh-CN': '汽车和家电以旧换新促销活动的类型', en: 'Kinds of car and appliance trade-in promotion events' },
  items: [
    { code: 'car_promotion', label: { 'zh-CN': '汽车以旧换新促销', en: 'Car trade-in promotion' } },
    { code: 'car_carnival', label: { 'zh-CN': '汽车嘉年华', en: 'Car carnival' } },
    { code: 'car_expo', label: { 'zh-CN': '汽车展销会', en: 'Car expo' } },
    { code: 'appliance_rural', label: { 'zh-CN': '家电进乡村', en: 'Appliances to villages' } },
    { code: 'appliance_community', label: { 'zh-CN': '家电进社区', en: 'Appliances to communities' } },
    { code: 'home_building_expo', label: { 'zh-CN': '家装建材博览会', en: 'Home furnishing expo' } },
    { code: 'other', label: { 'zh-CN': '其他', en: 'Other' } },
  ],
};

export const eventTypeUsage: DictionaryUsageChecker = {
  dictionary: 'event_type',
  usedBy: { 'zh-CN': '促销活动', en: 'promotion events' },
  async countUses(db: Queryable, code: string) {
    const row = await db
      .selectFrom('cartradein_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', code as CarEventType)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
