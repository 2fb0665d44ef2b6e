/** Texts of platform/mfa (spread into the platform's messages). */
import type { Messages } from '../../../i18n/catalogue';

export const mfaMessages = {
  'mfa.nav': { 'zh-CN': '双因素认证', en: 'Two-factor sign-in' },
} satisfies Messages;
