import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the supervision pages. */
export const supervisionMessages = {
  'nav.planOrders': { 'zh-CN': '督办单', en: 'Supervision orders' },
  'nav.planOrder': { 'zh-CN': '督办单详情', en: 'Supervision order' },
} satisfies Messages;
