import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/mfa (spread into the platform's messages.ts). */
export const mfaMessages = defineMessages({
  'error.MFA_CHALLENGE_INVALID': {
    'zh-CN': '登录验证已失效（超过 5 分钟、已使用或错误次数过多），请重新输入用户名和密码',
    en: 'This sign-in step has expired (over 5 minutes, already used or too many wrong codes); enter your username and password again',
  },
  'error.MFA_CODE_INVALID': { 'zh-CN': '验证码不正确或已使用', en: 'The code is wrong or has been used already' },
  'error.MFA_ALREADY_ENABLED': { 'zh-CN': '双因素认证已启用', en: 'Two-factor sign-in is already on' },
  'error.MFA_NOT_ENABLED': { 'zh-CN': '尚未启用双因素认证', en: 'Two-factor sign-in is not on' },
  'error.MFA_NOT_STARTED': { 'zh-CN': '请先开始登记认证器', en: 'Start the authenticator enrolment first' },
  'error.MFA_REQUIRED_FOR_ROLE': {
    'zh-CN': '您的角色必须使用双因素认证，不能关闭；更换手机请联系安全管理员重置',
    en: 'Your role must use two-factor sign-in, so it cannot be turned off; for a new phone ask the security administrator to reset it',
  },
  'field.mfa.code': { 'zh-CN': '请输入认证器上的 6 位数字验证码', en: 'Enter the 6-digit code from your authenticator' },
  'field.mfa.codeInvalid': { 'zh-CN': '验证码不正确、已过期或已使用', en: 'The code is wrong, expired or already used' },
  'field.mfa.recoveryCodeInvalid': { 'zh-CN': '恢复码不正确或已使用', en: 'The recovery code is wrong or already used' },
  'field.mfa.oneOf': { 'zh-CN': '请填写验证码或恢复码其中之一', en: 'Give either a code or a recovery code' },
  'notification.mfaReset': {
    'zh-CN': '安全管理员 {by} 已重置您的双因素认证，您的登录已全部退出；请在下次登录时重新登记认证器',
    en: 'The security administrator {by} reset your two-factor sign-in and ended your sessions; enrol your authenticator again at your next sign-in',
  },
});
