import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/duties (spread into the platform's messages.ts). */
export const dutiesMessages = defineMessages({
  'error.DUTY_LAST_HOLDER': {
    'zh-CN': '不能停用、降级或删除该账号：它是全市唯一在用的该类管理员（系统、安全、审计管理员或专班办公室）账号，否则无人能履行该职责',
    en: 'This is the only active account of its duty (system, security or audit administrator, or the office): disabled, demoted or deleted, no one could perform it',
  },
  'error.USER_SELF_LOCKOUT': {
    'zh-CN': '不能停用本人账号或更改本人角色，请由另一名系统管理员操作',
    en: 'You cannot disable your own account or change your own role; another system administrator must do it',
  },
  'field.role.secondDuty': {
    'zh-CN': '三员分立：一个账号只能担任系统管理员、安全管理员、审计管理员中的一种，请为新职责另建账号',
    en: 'Separation of duties: an account holds one of the system, security and audit administrator duties at most; create another account for the new duty',
  },
  'field.role.dutyOutsideOffice': {
    'zh-CN': '系统管理员、安全管理员和审计管理员账号只能属于工作专班办公室',
    en: 'System, security and audit administrator accounts belong to the work team office only',
  },
  'field.role.dutyToken': {
    'zh-CN': '接口令牌不能使用管理员角色（系统、安全、审计管理员须本人登录并通过双因素认证）',
    en: 'An integration token cannot carry an administrator role (the system, security and audit administrators sign in in person with a second factor)',
  },
  'field.role.unchanged': { 'zh-CN': '账号已是该角色', en: 'The account already has this role' },
});
