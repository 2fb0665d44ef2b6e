import type { ParameterDefinition } from '../../../core/parameters.js';

/**
 * The platform's parameters: constants of sign-in (security parameters, the security administrator's) and of
 * programme windows (business, the office's) that may be tuned while the system runs. The session idle time-out defaults to HUANXIN_SESSION_IDLE_MINUTES, so an installation that set
 * it keeps its value until the office changes it here.
 */
export const platformParameters: readonly ParameterDefinition[] = [
  {
    key: 'platform.sessionIdleMinutes',
    security: true,
    type: 'duration',
    default: (config) => config.sessionIdleMinutes,
    min: 5,
    max: 480,
    label: { 'zh-CN': '会话空闲超时', en: 'Session idle time-out' },
    description: {
      'zh-CN': '登录后无操作超过该时长即自动退出（修改后对所有会话立即生效）',
      en: 'A session with no activity for this long ends (applies to every session at once)',
    },
  },
  {
    key: 'platform.loginLockAfterFailures',
    security: true,
    type: 'integer',
    default: 5,
    min: 3,
    max: 20,
    unit: { 'zh-CN': '次', en: 'times' },
    label: { 'zh-CN': '登录锁定阈值', en: 'Sign-in lockout threshold' },
    description: {
      'zh-CN': '同一账号在统计时段内连续输错密码达到该次数即临时锁定',
      en: 'An account is locked for a while after this many wrong passwords within the counting window',
    },
  },
  {
    key: 'platform.loginFailureWindowMinutes',
    security: true,
    type: 'duration',
    default: 15,
    min: 1,
    max: 1440,
    label: { 'zh-CN': '登录失败统计时段', en: 'Sign-in failure window' },
    description: { 'zh-CN': '在该时长内累计的登录失败次数计入锁定阈值', en: 'Failed sign-ins within this long count towards the lockout' },
  },
  {
    key: 'platform.loginLockMinutes',
    security: true,
    type: 'duration',
    default: 15,
    min: 1,
    max: 1440,
    label: { 'zh-CN': '登录锁定时长', en: 'Sign-in lockout duration' },
    description: { 'zh-CN': '账号被锁定后需等待的时长', en: 'How long a locked account waits before it may sign in again' },
  },
  {
    key: 'platform.programEndingNoticeDays',
    type: 'integer',
    readByPages: true,
    default: 30,
    min: 7,
    max: 90,
    unit: { 'zh-CN': '天', en: 'days' },
    label: { 'zh-CN': '活动到期提醒提前天数', en: 'Programme ending notice' },
    description: {
      'zh-CN': '以旧换新和汽车补贴活动结束前多少天提醒主管部门和专班办公室（首页提示和消息通知）',
      en: 'How many days before a trade-in or car programme ends its managers and the office are told (home page and notifications)',
    },
  },
];

declare module '../../../core/parameters.js' {
  interface ParameterValues {
    'platform.sessionIdleMinutes': number;
    'platform.loginLockAfterFailures': number;
    'platform.loginFailureWindowMinutes': number;
    'platform.loginLockMinutes': number;
    'platform.programEndingNoticeDays': number;
  }
}
