import type { FundingStatus } from '../../../../shared/enums/renewalFunding.js';
import type { ProjectSector } from '../../../../shared/enums/renewalProjects.js';
import type { Locale } from '../../../../shared/roles.js';

/** The export's sheet names, headers and values in the caller's language. */
export function fundingLabels(locale: Locale) {
  const zh = locale === 'zh-CN';
  return {
    file: zh ? '设备更新资金总览' : 'Equipment renewal funding',
    bySource: zh ? '按资金来源' : 'By source',
    byYear: zh ? '按年度' : 'By year',
    bySector: zh ? '按领域' : 'By sector',
    byTown: zh ? '按镇街' : 'By town',
    applications: zh ? '申报明细' : 'Applications',
    source: zh ? '资金来源' : 'Source',
    year: zh ? '年度' : 'Year',
    count: zh ? '申报数' : 'Applications',
    requested: zh ? '申请金额（元）' : 'Requested (yuan)',
    granted: zh ? '下达金额（元）' : 'Granted (yuan)',
    paid: zh ? '已拨付（元）' : 'Paid (yuan)',
    grantedInYear: zh ? '当年下达（元）' : 'Granted in the year (yuan)',
    paidInYear: zh ? '当年拨付（元）' : 'Paid in the year (yuan)',
    total: zh ? '合计' : 'Total',
    sector: zh ? '领域' : 'Sector',
    town: zh ? '镇街' : 'Town',
    projectCode: zh ? '项目编号' : 'Project code',
    project: zh ? '项目名称' : 'Project',
    enterprise: zh ? '项目单位' : 'Enterprise',
    status: zh ? '状态' : 'Status',
    appliedOn: zh ? '申报日期' : 'Applied on',
    grantedOn: zh ? '下达日期' : 'Granted on',
    unit: zh ? '下达单位' : 'Granting unit',
    document: zh ? '文号' : 'Document',
    demo: zh ? '演示' : 'demo',
    sectors: (zh
      ? { industry: '工业', agriculture: '农业', construction: '建筑', transport: '交通', education: '教育', culture_tourism: '文旅', healthcare: '医疗' }
      : {
          industry: 'Industry',
          agriculture: 'Agriculture',
          construction: 'Construction',
          transport: 'Transport',
          education: 'Education',
          culture_tourism: 'Culture and tourism',
          healthcare: 'Healthcare',
        }) satisfies Record<ProjectSector, string>,
    statuses: (zh
      ? { applied: '已申报', granted: '已下达', partially_paid: '部分拨付', paid: '已拨付', rejected: '未获批' }
      : { applied: 'Applied', granted: 'Granted', partially_paid: 'Partly paid', paid: 'Paid', rejected: 'Rejected' }) satisfies Record<FundingStatus, string>,
  };
}
