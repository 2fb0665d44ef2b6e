import type { Locale, OrganizationKind, OrganizationStatus } from '../../../../shared/roles.js';

/** Column headers and value names of the organisation export, in both languages. */
export function organizationLabels(locale: Locale) {
  const zh = locale === 'zh-CN';
  return {
    sheet: zh ? '单位名录' : 'Organisations',
    id: 'ID',
    name: zh ? '名称' : 'Name',
    kind: zh ? '类型' : 'Kind',
    status: zh ? '状态' : 'Status',
    creditCode: zh ? '统一社会信用代码' : 'Unified social credit code',
    town: zh ? '所在镇街' : 'Town',
    address: zh ? '地址' : 'Address',
    contactName: zh ? '联系人' : 'Contact',
    contactMobile: zh ? '联系电话' : 'Contact mobile',
    createdAt: zh ? '登记时间' : 'Registered at',
    kinds: (zh
      ? { office: '专班办公室', department: '市直部门', town: '镇街', enterprise: '企业', public: '公众' }
      : { office: 'Work team office', department: 'Department', town: 'Town', enterprise: 'Enterprise', public: 'Public' }) as Record<OrganizationKind, string>,
    statuses: (zh
      ? { pending: '待审核', active: '正常', rejected: '已驳回', suspended: '已暂停' }
      : { pending: 'Pending', active: 'Active', rejected: 'Rejected', suspended: 'Suspended' }) as Record<OrganizationStatus, string>,
  };
}
