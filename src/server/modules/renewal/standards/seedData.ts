import type { BrandKind, CertificationLevel, ClaimStatus, StandardLevel, StandardRole, StandardStage } from '../../../../shared/enums/renewalStandards.js';

/** Which demo organisation: A the demo enterprise's, B and C two more demo enterprises of this part. */
export type DemoOrg = 'A' | 'B' | 'C';

export const DEMO_ORGS = [
  { key: 'B', code: 'ent-demo-standards-b', name: '晋江示范体育用品有限公司（演示）', town: 2 },
  { key: 'C', code: 'ent-demo-standards-c', name: '晋江示范建陶有限公司（演示）', town: 5 },
] as const;

interface Demo {
  org: DemoOrg;
  status: ClaimStatus;
  reason?: string;
}

export const DEMO_STANDARDS: (Demo & {
  title: string;
  number: string;
  level: StandardLevel;
  role: StandardRole;
  stage: StandardStage;
  approvedOn?: string;
  publishedOn?: string;
  implementedOn?: string;
  body: string;
})[] = [
  // One national standard joined by two demo enterprises: the metric counts it once.
  {
    org: 'A',
    status: 'confirmed',
    title: '运动鞋通用技术规范（演示）',
    number: 'GB/T 39000—2024',
    level: 'national',
    role: 'lead',
    stage: 'implemented',
    approvedOn: '2023-03-01',
    publishedOn: '2024-06-01',
    implementedOn: '2024-12-01',
    body: '全国制鞋标准化技术委员会',
  },
  {
    org: 'B',
    status: 'confirmed',
    title: '运动鞋通用技术规范（演示）',
    number: 'GB/T 39000-2024',
    level: 'national',
    role: 'participant',
    stage: 'implemented',
    approvedOn: '2023-03-01',
    publishedOn: '2024-06-01',
    implementedOn: '2024-12-01',
    body: '全国制鞋标准化技术委员会',
  },
  {
    org: 'A',
    status: 'confirmed',
    title: '鞋类 抗菌性能技术要求（演示）',
    number: 'QB/T 5678—2025',
    level: 'industry',
    role: 'participant',
    stage: 'published',
    publishedOn: '2025-03-15',
    body: '全国制鞋标准化技术委员会',
  },
  {
    org: 'C',
    status: 'confirmed',
    title: '鞋类 抗菌性能技术要求（演示）',
    number: 'QB/T 5678—2025',
    level: 'industry',
    role: 'participant',
    stage: 'published',
    publishedOn: '2025-03-15',
    body: '全国制鞋标准化技术委员会',
  },
  {
    org: 'B',
    status: 'confirmed',
    title: '针织运动服（演示）',
    number: 'FZ/T 73099—2024',
    level: 'industry',
    role: 'lead',
    stage: 'implemented',
    publishedOn: '2024-09-01',
    implementedOn: '2025-01-01',
    body: '全国纺织品标准化技术委员会',
  },
  {
    org: 'A',
    status: 'submitted',
    title: '鞋类 环境友好材料评价（演示）',
    number: 'GB/T 41234—2026',
    level: 'national',
    role: 'participant',
    stage: 'consultation',
    approvedOn: '2025-05-01',
    body: '全国制鞋标准化技术委员会',
  },
  {
    org: 'A',
    status: 'confirmed',
    title: '智能制鞋车间建设指南（演示）',
    number: 'T/FJXH 0012—2025',
    level: 'group',
    role: 'lead',
    stage: 'published',
    publishedOn: '2025-05-01',
    body: '福建省鞋业行业协会',
  },
  {
    org: 'C',
    status: 'confirmed',
    title: '陶瓷砖绿色生产规范（演示）',
    number: 'DB35/T 2201—2024',
    level: 'local',
    role: 'participant',
    stage: 'published',
    publishedOn: '2024-11-01',
    body: '福建省市场监督管理局',
  },
  {
    org: 'A',
    status: 'draft',
    title: '企业鞋底耐磨性能内控标准（演示）',
    number: 'Q/JJSF 001—2025',
    level: 'enterprise',
    role: 'lead',
    stage: 'published',
    publishedOn: '2025-08-01',
    body: '晋江示范鞋服有限公司',
  },
  {
    org: 'B',
    status: 'confirmed',
    title: '防护鞋 测试方法（演示）',
    number: 'ISO 20344:2021',
    level: 'international',
    role: 'participant',
    stage: 'published',
    publishedOn: '2021-05-01',
    body: 'ISO/TC 94/SC 3',
  },
  {
    org: 'C',
    status: 'confirmed',
    title: '陶瓷砖试验方法（演示）',
    number: 'GB/T 3810.1—2023',
    level: 'national',
    role: 'participant',
    stage: 'published',
    publishedOn: '2023-08-01',
    body: '全国建筑卫生陶瓷标准化技术委员会',
  },
  {
    org: 'A',
    status: 'submitted',
    title: '鞋类 数字化设计通用要求（演示）',
    number: 'QB/T 4331—2026',
    level: 'industry',
    role: 'lead',
    stage: 'approved',
    approvedOn: '2026-03-01',
    body: '全国制鞋标准化技术委员会',
  },
  {
    org: 'C',
    status: 'returned',
    reason: '请补充标准文本首页及前言中本单位署名页（演示）',
    title: '建筑陶瓷薄板（演示）',
    number: 'JC/T 2500—2025',
    level: 'industry',
    role: 'participant',
    stage: 'published',
    publishedOn: '2025-07-01',
    body: '全国建筑卫生陶瓷标准化技术委员会',
  },
  {
    org: 'B',
    status: 'submitted',
    title: '运动服装 吸湿速干性能（演示）',
    number: 'GB/T 40000—2025',
    level: 'national',
    role: 'lead',
    stage: 'published',
    publishedOn: '2025-10-01',
    body: '全国纺织品标准化技术委员会',
  },
];

export const DEMO_CERTIFICATIONS: (Demo & {
  kind: string;
  title: string;
  issuer: string;
  number: string;
  level: CertificationLevel;
  issuedOn: string;
  validUntil?: string;
})[] = [
  {
    org: 'A',
    status: 'confirmed',
    kind: 'green_factory',
    title: '绿色工厂（演示）',
    issuer: '福建省工业和信息化厅',
    number: 'MJ-GF-2024-031',
    level: 'provincial',
    issuedOn: '2024-12-20',
  },
  {
    org: 'A',
    status: 'submitted',
    kind: 'carbon_footprint',
    title: '跑鞋产品碳足迹（演示）',
    issuer: '中国质量认证中心',
    number: 'CQC-CFP-2025-0088',
    level: 'national',
    issuedOn: '2025-09-10',
    validUntil: '2028-09-09',
  },
  {
    org: 'B',
    status: 'confirmed',
    kind: 'energy_efficiency_leader',
    title: '空压系统能效领跑者（演示）',
    issuer: '泉州市工业和信息化局',
    number: 'QZ-NX-2023-007',
    level: 'city',
    issuedOn: '2023-06-01',
    validUntil: '2025-12-31',
  },
  {
    org: 'C',
    status: 'confirmed',
    kind: 'standard_leader',
    title: '陶瓷砖企业标准领跑者（演示）',
    issuer: '企业标准领跑者评估机构',
    number: 'LPZ-2025-1123',
    level: 'national',
    issuedOn: '2025-04-18',
    validUntil: '2026-04-17',
  },
  {
    org: 'A',
    status: 'returned',
    reason: '证书扫描件不清晰，请重新上传（演示）',
    kind: 'green_design_product',
    title: '绿色设计产品：休闲鞋（演示）',
    issuer: '工业和信息化部',
    number: 'GDP-2025-0456',
    level: 'national',
    issuedOn: '2025-11-01',
  },
];

export const DEMO_BRANDS: (Demo & { kind: BrandKind; name: string; category: string; recognizedOn: string; recognizer: string })[] = [
  { org: 'A', status: 'confirmed', kind: 'guochao', name: '示范跑（演示）', category: '运动鞋', recognizedOn: '2025-06-18', recognizer: '晋江市人民政府' },
  {
    org: 'A',
    status: 'submitted',
    kind: 'jinjiang_premium',
    name: '示范轻跑系列（演示）',
    category: '跑鞋',
    recognizedOn: '2026-01-10',
    recognizer: '晋江市市场监督管理局',
  },
  {
    org: 'B',
    status: 'confirmed',
    kind: 'jinjiang_premium',
    name: '示范速干 T 恤（演示）',
    category: '运动服装',
    recognizedOn: '2025-09-01',
    recognizer: '晋江市市场监督管理局',
  },
];

const WAN = 1_000_000;

/** Two years for A and B (like for like), 2025 only for C (counts in the total, not like for like). */
export const DEMO_RD: (Demo & { year: number; rdFen: number; revenueFen: number; staff: number; industry: string })[] = [
  { org: 'A', status: 'confirmed', year: 2024, rdFen: 3200 * WAN, revenueFen: 98_000 * WAN, staff: 86, industry: 'footwear' },
  { org: 'A', status: 'confirmed', year: 2025, rdFen: 3900 * WAN, revenueFen: 105_000 * WAN, staff: 102, industry: 'footwear' },
  { org: 'B', status: 'confirmed', year: 2024, rdFen: 1800 * WAN, revenueFen: 52_000 * WAN, staff: 40, industry: 'textile_apparel' },
  { org: 'B', status: 'confirmed', year: 2025, rdFen: 2100 * WAN, revenueFen: 56_000 * WAN, staff: 44, industry: 'textile_apparel' },
  { org: 'C', status: 'confirmed', year: 2025, rdFen: 900 * WAN, revenueFen: 30_000 * WAN, staff: 21, industry: 'building_ceramics' },
  { org: 'A', status: 'draft', year: 2026, rdFen: 3500 * WAN, revenueFen: 90_000 * WAN, staff: 110, industry: 'footwear' },
];
