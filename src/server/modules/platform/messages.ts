import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { dictionaryMessages } from './dictionaries/messages.js';
import { parameterMessages } from './parameters/messages.js';
import { jobMessages } from './jobs/messages.js';
import { importJobMessages } from './imports/messages.js';
import { mfaMessages } from './mfa/messages.js';
import { keysMessages } from './keys/messages.js';
import { dutiesMessages } from './duties/messages.js';
import { securityMessages } from './security/messages.js';
import { noticeMessages } from './notices/index.js';

/** The platform module's messages (zh-CN and en side by side): Accounts, sign-in and organisations. */
export const platformMessages = defineMessages({
  ...dictionaryMessages,
  ...parameterMessages,
  ...jobMessages,
  ...importJobMessages,
  ...mfaMessages,
  ...keysMessages,
  ...dutiesMessages,
  ...securityMessages,
  ...noticeMessages,
  'error.ORGANIZATION_SELF_SUSPEND': {
    'zh-CN': '不能暂停本人所在单位：暂停会立即结束本单位所有账号的登录，且无人能再恢复',
    en: 'You cannot suspend your own organisation: it would sign out every account of it at once, leaving no one to resume it',
  },
  'error.ORGANIZATION_LAST_ADMINISTRATORS': {
    'zh-CN': '不能暂停该单位：它持有全市仅有的在用专班或系统管理员账号，暂停后无人能管理平台',
    en: 'This organisation holds the only active office or administrator accounts: suspended, no one could run the platform',
  },
  'error.INVALID_CREDENTIALS': {
    'zh-CN': '用户名或密码错误',
    en: 'Wrong username or password',
  },
  'error.ACCOUNT_LOCKED': {
    'zh-CN': '登录失败次数过多，账号已临时锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; the account is locked for {minutes} minutes',
  },
  'error.ACCOUNT_DISABLED': {
    'zh-CN': '账号已停用，请联系管理员',
    en: 'This account is disabled; contact your administrator',
  },
  'error.WRONG_PASSWORD': {
    'zh-CN': '当前密码不正确',
    en: 'The current password is wrong',
  },
  'field.role.notAllowedForOrganization': {
    'zh-CN': '该单位类型不能设置此角色',
    en: 'This role is not allowed for this kind of organisation',
  },
});

registerMessages(platformMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof platformMessages, true> {}
}
