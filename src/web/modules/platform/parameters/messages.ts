/** Texts of the system parameters page (spread into the platform's messages). */
import type { Messages } from '../../../i18n/catalogue';

export const parameterMessages = {
  'parameters.nav': { 'zh-CN': '参数设置', en: 'System parameters' },
  'parameters.nav.desc': { 'zh-CN': '会话超时、登录锁定、到期提醒等运行参数', en: 'Session time-out, sign-in lockout, ending notices and other settings' },
  'parameters.subtitle': {
    'zh-CN': '可在系统运行中调整的参数；每次修改都会校验取值范围并记入审计日志',
    en: 'Values that may change while the system runs; every change is checked against its bounds and audited',
  },
  'parameters.readOnly': {
    'zh-CN': '您可以查看参数及修改记录，修改由专班办公室或系统管理员进行',
    en: 'You may read the parameters and their history; the office or an administrator changes them',
  },
  'parameters.name': { 'zh-CN': '参数', en: 'Parameter' },
  'parameters.value': { 'zh-CN': '当前值', en: 'Value' },
  'parameters.default': { 'zh-CN': '默认值', en: 'Default' },
  'parameters.bounds': { 'zh-CN': '允许范围', en: 'Allowed' },
  'parameters.range': { 'zh-CN': '{min} – {max}', en: '{min} – {max}' },
  'parameters.updated': { 'zh-CN': '最近修改', en: 'Last changed' },
  'parameters.overridden': { 'zh-CN': '已修改', en: 'Changed' },
  'parameters.minutes': { 'zh-CN': '分钟', en: 'minutes' },
  'parameters.yes': { 'zh-CN': '是', en: 'Yes' },
  'parameters.no': { 'zh-CN': '否', en: 'No' },
  'parameters.edit': { 'zh-CN': '修改', en: 'Change' },
  'parameters.editTitle': { 'zh-CN': '修改参数', en: 'Change a parameter' },
  'parameters.boundsHelp': { 'zh-CN': '允许范围 {min} – {max}，默认 {default}', en: 'Allowed {min} – {max}; default {default}' },
  'parameters.saved': { 'zh-CN': '参数已保存，立即生效', en: 'Saved; in effect now' },
  'parameters.reset': { 'zh-CN': '恢复默认', en: 'Reset to default' },
  'parameters.resetConfirm': { 'zh-CN': '将“{name}”恢复为默认值 {value}？', en: 'Reset “{name}” to its default, {value}?' },
  'parameters.resetDone': { 'zh-CN': '已恢复默认值', en: 'Back to the default' },
  'parameters.history': { 'zh-CN': '修改记录', en: 'History' },
  'parameters.historyTitle': { 'zh-CN': '修改记录 · {name}', en: 'History · {name}' },
  'parameters.historyNone': { 'zh-CN': '从未修改', en: 'Never changed' },
  'parameters.history.at': { 'zh-CN': '时间', en: 'When' },
  'parameters.history.actor': { 'zh-CN': '操作人', en: 'By' },
  'parameters.history.change': { 'zh-CN': '变更', en: 'Change' },
  'parameters.history.set': { 'zh-CN': '修改', en: 'Set' },
  'parameters.history.reset': { 'zh-CN': '恢复默认', en: 'Reset' },
  'parameters.cacheNote': {
    'zh-CN': '修改在本服务器立即生效；多台服务器部署时，其他服务器在数秒内生效',
    en: 'A change applies at once on this server; other servers of the installation apply it within a few seconds',
  },
} satisfies Messages;
