import type { Locale } from '../../../../shared/roles.js';
import type { ProjectSector, ProjectStatus, ProjectType } from '../../../../shared/enums/renewalProjects.js';

/** The seven sectors, types and statuses in Chinese: what a department's list says and what the import understands. */
export const SECTOR_ZH: Record<ProjectSector, string> = {
  industry: '工业',
  agriculture: '农业',
  construction: '建筑',
  transport: '交通',
  education: '教育',
  culture_tourism: '文旅',
  healthcare: '医疗',
};
export const SECTOR_EN: Record<ProjectSector, string> = {
  industry: 'Industry',
  agriculture: 'Agriculture',
  construction: 'Construction',
  transport: 'Transport',
  education: 'Education',
  culture_tourism: 'Culture and tourism',
  healthcare: 'Health care',
};
export const TYPE_ZH: Record<ProjectType, string> = {
  technical_retrofit: '技术改造',
  digital_transformation: '数字化改造',
  intelligent_upgrade: '智能化升级',
  energy_efficiency: '能效提升',
  safety_retrofit: '安全改造',
  environmental_retrofit: '环保改造',
  equipment_renewal: '设备更新',
};
export const TYPE_EN: Record<ProjectType, string> = {
  technical_retrofit: 'Technical retrofit',
  digital_transformation: 'Digital transformation',
  intelligent_upgrade: 'Intelligent upgrade',
  energy_efficiency: 'Energy efficiency',
  safety_retrofit: 'Safety retrofit',
  environmental_retrofit: 'Environmental retrofit',
  equipment_renewal: 'Equipment renewal',
};
const STATUS_ZH: Record<ProjectStatus, string> = {
  draft: '草稿',
  submitted: '待镇街审核',
  town_checked: '待入库审核',
  in_library: '已入库',
  under_construction: '在建',
  completed: '已竣工',
  returned: '已退回',
};
const STATUS_EN: Record<ProjectStatus, string> = {
  draft: 'Draft',
  submitted: 'Awaiting town check',
  town_checked: 'Awaiting approval',
  in_library: 'In the library',
  under_construction: 'Under construction',
  completed: 'Completed',
  returned: 'Returned',
};

/** The import/export headers: both languages in one header, so one template serves either. */
export const IMPORT_HEADERS = {
  code: '项目编号 code',
  name: '项目名称 name',
  creditCode: '统一社会信用代码 credit code',
  town: '所在镇街 town',
  sector: '领域 sector',
  industry: '行业 industry',
  type: '项目类型 type',
  planned: '计划总投资（万元） planned investment',
  equipment: '其中设备投资（万元） equipment investment',
  plannedStart: '计划开工 planned start',
  plannedEnd: '计划竣工 planned end',
  addsLand: '是否新增用地 adds land',
  startedOn: '实际开工日期 started on',
  energy: '预计节能（吨标煤） energy saved (tce)',
  emissions: '预计减排（吨CO2） emissions reduced (t)',
} as const;
export type ImportColumn = keyof typeof IMPORT_HEADERS;

export function exportLabels(locale: Locale) {
  const zh = locale === 'zh-CN';
  return {
    sheet: zh ? '技改项目库' : 'Retrofit projects',
    enterprise: zh ? '企业（单位）' : 'Enterprise',
    status: zh ? '状态' : 'Status',
    year: zh ? '年度' : 'Year',
    actual: zh ? '实际投资（万元）' : 'Actual investment (万元)',
    simplified: zh ? '简易程序' : 'Simplified path',
    completedOn: zh ? '竣工日期' : 'Completed on',
    approvedAt: zh ? '入库时间' : 'Approved at',
    yes: zh ? '是' : 'yes',
    no: zh ? '否' : 'no',
    sectors: zh ? SECTOR_ZH : SECTOR_EN,
    types: zh ? TYPE_ZH : TYPE_EN,
    statuses: zh ? STATUS_ZH : STATUS_EN,
  };
}
