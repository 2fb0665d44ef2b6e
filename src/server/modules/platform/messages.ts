import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { dictionaryMessages } from './dictionaries/messages.js';
import { parameterMessages } from './parameters/messages.js';
import { jobMessages } from './jobs/messages.js';

/** The platform module's messages (zh-CN and en side by side): Accounts, sign-in and organisations. */
export const platformMessages = defineMessages({
  ...dictionaryMessages,
  ...parameterMessages,
  ...jobMessages,
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
