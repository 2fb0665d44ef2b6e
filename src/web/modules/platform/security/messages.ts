/** Texts of platform/security (spread into the platform's messages). */
import type { Messages } from '../../../i18n/catalogue';

export const securityControlMessages = {
  'security.nav': { 'zh-CN': '等保测评控制项', en: 'Security controls' },
} satisfies Messages;
