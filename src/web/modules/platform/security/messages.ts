/** Texts of platform/security (spread into the platform's messages). */
import type { Messages } from '../../../i18n/catalogue';

export const securityControlMessages = {
  'security.nav': { 'zh-CN': '等保测评控制项', en: 'Security controls' },
  'security.intro': {
    'zh-CN': '等保2.0 第三级（GB/T 22239-2019）安全计算环境中由应用承担的控制项：每项的状态来自最近一次测试与扫描留下的证据，以及从运行中的系统读取的状态。',
    en: 'The level-3 controls of GB/T 22239-2019 (安全计算环境) the application answers for: each one’s status comes from the evidence the last tests and scans left and from facts read from the running system.',
  },
  'security.generatedAt': { 'zh-CN': '生成时间', en: 'Generated' },
  'security.status.met': { 'zh-CN': '符合', en: 'Met' },
  'security.status.partly': { 'zh-CN': '部分符合', en: 'Partly met' },
  'security.status.not_evidenced': { 'zh-CN': '无证据', en: 'Not evidenced' },
  'security.status.failing': { 'zh-CN': '不符合', en: 'Failing' },
  'security.requirement': { 'zh-CN': '要求', en: 'Requirement' },
  'security.evidence': { 'zh-CN': '证据', en: 'Evidence' },
  'security.facts': { 'zh-CN': '运行状态', en: 'Live facts' },
  'security.evidence.missing': { 'zh-CN': '未找到证据文件', en: 'No evidence file' },
  'security.evidence.unreadable': { 'zh-CN': '证据文件无效', en: 'Invalid evidence file' },
  'security.evidence.ok': { 'zh-CN': '通过', en: 'Passed' },
  'security.evidence.failed': { 'zh-CN': '未通过', en: 'Failed' },
  'security.evidence.at': { 'zh-CN': '记录于', en: 'Recorded' },
  'security.evidence.command': { 'zh-CN': '复现', en: 'Reproduce' },
  'security.fact.ok': { 'zh-CN': '正常', en: 'OK' },
  'security.fact.warn': { 'zh-CN': '需关注', en: 'Attention' },
  'security.fact.fail': { 'zh-CN': '异常', en: 'Failing' },
  'security.none': { 'zh-CN': '无', en: 'None' },
} satisfies Messages;
