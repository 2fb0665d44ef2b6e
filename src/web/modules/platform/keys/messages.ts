/** Texts of platform/keys (spread into the platform's messages). */
import type { Messages } from '../../../i18n/catalogue';

export const keyMessages = {
  'keys.nav': { 'zh-CN': '密钥管理', en: 'Keys' },
} satisfies Messages;
