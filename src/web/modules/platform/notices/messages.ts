import type { Messages } from '../../../i18n/catalogue';

/** Messages of the notices pages. */
export const noticesMessages = {
  'nav.notices': { 'zh-CN': '通知公告', en: 'Notices' },
  'nav.notice': { 'zh-CN': '通知详情', en: 'Notice' },
} satisfies Messages;
