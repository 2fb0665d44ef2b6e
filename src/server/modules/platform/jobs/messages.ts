import { defineMessages } from '../../../../shared/i18n/messages.js';

/** The scheduled jobs console's messages (spread into the platform's). */
export const jobMessages = defineMessages({
  'error.JOB_RUNNING': {
    'zh-CN': '任务 {name} 正在运行，请待其结束后再试',
    en: 'A run of {name} is in progress; try again when it has finished',
  },
  'error.JOB_NOT_FOUND': {
    'zh-CN': '没有名为 {name} 的定时任务',
    en: 'There is no scheduled job named {name}',
  },
});
