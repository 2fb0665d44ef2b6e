import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/keys (spread into the platform's messages.ts). */
export const keysMessages = defineMessages({
  'error.REENCRYPTION_RUNNING': {
    'zh-CN': '已有一次重新加密正在进行，请待其结束后再试',
    en: 'A re-encryption run is under way; try again when it has finished',
  },
});
