import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/security (spread into the platform's messages.ts): the assessor's workbook. */
export const securityMessages = defineMessages({
  'security.status.met': { 'zh-CN': '符合', en: 'Met' },
  'security.status.partly': { 'zh-CN': '部分符合', en: 'Partly met' },
  'security.status.not_evidenced': { 'zh-CN': '无证据', en: 'Not evidenced' },
  'security.status.failing': { 'zh-CN': '不符合', en: 'Failing' },
  'security.evidence.missing': { 'zh-CN': '未找到', en: 'Not found' },
  'security.evidence.unreadable': { 'zh-CN': '无法读取', en: 'Unreadable' },
  'security.evidence.ok': { 'zh-CN': '通过', en: 'Passed' },
  'security.evidence.failed': { 'zh-CN': '未通过', en: 'Failed' },
  'security.export.sheet': { 'zh-CN': '等保测评控制项', en: 'Security controls' },
  'security.export.standard': { 'zh-CN': '标准', en: 'Standard' },
  'security.export.clause': { 'zh-CN': '条款', en: 'Clause' },
  'security.export.control': { 'zh-CN': '控制项', en: 'Control' },
  'security.export.status': { 'zh-CN': '状态', en: 'Status' },
  'security.export.requirement': { 'zh-CN': '要求', en: 'Requirement' },
  'security.export.evidence': { 'zh-CN': '证据', en: 'Evidence' },
  'security.export.result': { 'zh-CN': '结果', en: 'Result' },
  'security.export.summary': { 'zh-CN': '说明', en: 'Summary' },
  'security.export.figures': { 'zh-CN': '数据', en: 'Figures' },
  'security.export.at': { 'zh-CN': '时间', en: 'Recorded at' },
  'security.export.command': { 'zh-CN': '复现命令', en: 'Command' },
  'security.export.facts': { 'zh-CN': '运行状态', en: 'Live facts' },
});
