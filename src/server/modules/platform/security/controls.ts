import type { LocalisedText } from '../../../../shared/i18n/messages.js';

/** The evidence a proof leaves as `<evidenceDir>/<key>.json` (test/helpers/evidence.ts). */
export const EVIDENCE_KEYS = [
  'mfa',
  'duties',
  'lockout',
  'crypto',
  'key-rotation',
  'audit-retention',
  'audit-export',
  'backup',
  'fuzzing',
  'openapi',
  'route-matrix',
  'crash',
  'shutdown',
  'scan',
  'accessibility',
] as const;
export type EvidenceKey = (typeof EVIDENCE_KEYS)[number];

/** The facts read from the running system (facts.ts). */
export const FACT_KEYS = ['mfa', 'password', 'session', 'lockout', 'tls', 'crypto', 'audit', 'demo', 'duties'] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export interface ControlDefinition {
  key: string;
  /** Clause of GB/T 22239-2019 (第三级 › 安全计算环境 is 8.1.4), or of the standard named in `standard`. */
  clause: string;
  standard: string;
  title: LocalisedText;
  /** The requirement, in short (the items of the clause an application answers for). */
  requirement: LocalisedText;
  evidence: EvidenceKey[];
  facts: FactKey[];
}

const GB = 'GB/T 22239-2019';

/**
 * The level-3 (第三级) requirements of 安全计算环境 that the application itself answers for, as an assessor walks
 * them, each with the proofs that show it and the live facts to look at. 恶意代码防范 (8.1.4.5) and 可信验证
 * (8.1.4.6) belong to the hosts and are assessed there, not here.
 */
export const CONTROLS: readonly ControlDefinition[] = [
  {
    key: 'identification',
    clause: '8.1.4.1',
    standard: GB,
    title: { 'zh-CN': '身份鉴别', en: 'Identification and authentication' },
    requirement: {
      'zh-CN':
        'a) 身份标识唯一，口令有复杂度要求并定期更换；b) 登录失败处理：限制非法登录次数、结束会话、超时自动退出；c) 远程管理防止鉴别信息在传输中被窃听；d) 采用两种或两种以上组合的鉴别技术，其中一种使用密码技术。',
      en: 'a) unique identities, complex passwords changed periodically; b) failed sign-ins limited, sessions ended, idle time-outs; c) credentials protected in transit; d) two or more authentication factors, one of them cryptographic.',
    },
    evidence: ['mfa', 'lockout'],
    facts: ['password', 'lockout', 'session', 'mfa', 'tls'],
  },
  {
    key: 'access-control',
    clause: '8.1.4.2',
    standard: GB,
    title: { 'zh-CN': '访问控制', en: 'Access control' },
    requirement: {
      'zh-CN':
        'a) 为登录用户分配账户和权限；b) 重命名或删除默认账户，修改默认口令；c) 停用多余、过期账户，避免共享账户；d) 授予管理用户最小权限，实现权限分离（三员分立）；e) 由授权主体配置访问控制策略；f) 粒度达到用户级与数据库表级。',
      en: 'a) accounts and rights for every user; b) default accounts removed or renamed; c) surplus and shared accounts disabled; d) least privilege and separation of administrator duties; e) policies set by an authorised subject; f) user- and table-level granularity.',
    },
    evidence: ['duties', 'route-matrix'],
    facts: ['duties', 'demo'],
  },
  {
    key: 'audit',
    clause: '8.1.4.3',
    standard: GB,
    title: { 'zh-CN': '安全审计', en: 'Security audit' },
    requirement: {
      'zh-CN':
        'a) 启用安全审计，覆盖每个用户，对重要用户行为和安全事件审计；b) 审计记录包括日期时间、用户、事件类型、是否成功；c) 保护审计记录，定期备份，避免未预期的删除、修改或覆盖（留存不少于六个月）；d) 保护审计进程。',
      en: 'a) auditing on, covering every user and security event; b) records carry time, user, event type, outcome; c) records protected and backed up against deletion, alteration or overwriting (kept at least six months); d) the audit process protected.',
    },
    evidence: ['audit-retention', 'audit-export'],
    facts: ['audit'],
  },
  {
    key: 'intrusion-prevention',
    clause: '8.1.4.4',
    standard: GB,
    title: { 'zh-CN': '入侵防范', en: 'Intrusion prevention' },
    requirement: {
      'zh-CN':
        'a) 遵循最小安装原则；c) 关闭不需要的服务和端口；e) 提供数据有效性检验功能，保证经人机接口或通信接口输入的内容符合系统设定要求；f) 能发现可能存在的已知漏洞并及时修补。',
      en: 'a) minimal installation; c) unneeded services and ports closed; e) every input through a user or communication interface validated against the system’s rules; f) known vulnerabilities found and fixed.',
    },
    evidence: ['fuzzing', 'openapi', 'scan'],
    facts: ['tls'],
  },
  {
    key: 'integrity',
    clause: '8.1.4.7',
    standard: GB,
    title: { 'zh-CN': '数据完整性', en: 'Data integrity' },
    requirement: {
      'zh-CN': 'a) 采用校验技术或密码技术保证重要数据在传输过程中的完整性；b) 保证重要数据（鉴别数据、业务数据、审计数据、个人信息等）在存储过程中的完整性。',
      en: 'a) integrity of important data in transit by checksums or cryptography; b) integrity of important data (credentials, business, audit and personal data) in storage.',
    },
    evidence: ['crash', 'audit-retention', 'crypto'],
    facts: ['audit', 'tls', 'crypto'],
  },
  {
    key: 'confidentiality',
    clause: '8.1.4.8',
    standard: GB,
    title: { 'zh-CN': '数据保密性', en: 'Data confidentiality' },
    requirement: {
      'zh-CN':
        'a) 采用密码技术保证重要数据在传输过程中的保密性；b) 采用密码技术保证重要数据（鉴别数据、个人信息等）在存储过程中的保密性（商用密码应用安全性评估）。',
      en: 'a) confidentiality of important data in transit by cryptography; b) confidentiality of credentials and personal data at rest by cryptography (assessed under the commercial cryptography scheme).',
    },
    evidence: ['crypto', 'key-rotation'],
    facts: ['crypto', 'tls'],
  },
  {
    key: 'backup',
    clause: '8.1.4.9',
    standard: GB,
    title: { 'zh-CN': '数据备份恢复', en: 'Data backup and recovery' },
    requirement: {
      'zh-CN': 'a) 提供重要数据的本地数据备份与恢复功能；b) 提供异地实时备份功能；c) 提供重要数据处理系统的热冗余，保证系统的高可用性。',
      en: 'a) local backup and restore of important data; b) off-site real-time backup; c) hot redundancy of the systems that process important data.',
    },
    evidence: ['backup', 'crash', 'shutdown'],
    facts: [],
  },
  {
    key: 'residual-information',
    clause: '8.1.4.10',
    standard: GB,
    title: { 'zh-CN': '剩余信息保护', en: 'Residual information protection' },
    requirement: {
      'zh-CN': 'a) 保证鉴别信息所在的存储空间被释放或重新分配前得到完全清除；b) 保证存有敏感数据的存储空间被释放或重新分配前得到完全清除。',
      en: 'a) storage holding credentials fully cleared before it is released or reused; b) the same for storage holding sensitive data.',
    },
    evidence: ['crypto', 'key-rotation'],
    facts: ['session', 'crypto'],
  },
  {
    key: 'personal-information',
    clause: '8.1.4.11',
    standard: GB,
    title: { 'zh-CN': '个人信息保护', en: 'Personal information protection' },
    requirement: {
      'zh-CN': 'a) 仅采集和保存业务必需的用户个人信息；b) 禁止未授权访问和非法使用用户个人信息。',
      en: 'a) only the personal information the service needs is collected and kept; b) no unauthorised access to or use of personal information.',
    },
    evidence: ['route-matrix', 'crypto', 'fuzzing'],
    facts: ['crypto'],
  },
  {
    key: 'accessibility',
    clause: '—',
    standard: 'GB/T 37668-2019',
    title: { 'zh-CN': '信息无障碍（附加）', en: 'Accessibility (additional)' },
    requirement: {
      'zh-CN': '面向公众的政务服务网页应可感知、可操作、可理解：无严重或关键的无障碍问题，手机（375 px）上不出现横向溢出。',
      en: 'A public service’s pages perceivable, operable and understandable: no serious or critical accessibility violation, no horizontal overflow on a 375 px phone.',
    },
    evidence: ['accessibility'],
    facts: [],
  },
];
