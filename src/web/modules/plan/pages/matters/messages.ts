import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the matters pages. */
export const mattersMessages = {
  'nav.planMatters': { 'zh-CN': '重大事项', en: 'Major matters' },
  'nav.planMatter': { 'zh-CN': '重大事项详情', en: 'Major matter' },
} satisfies Messages;
