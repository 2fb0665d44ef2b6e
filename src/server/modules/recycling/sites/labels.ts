import type { Locale } from '../../../../shared/roles.js';
import type { RecyclingSiteKind, RecyclingSiteOrigin, RecyclingSiteStatus } from '../../../../shared/enums/recycling.js';

/** Column headers and value names of the site export, in both languages. */
export function siteLabels(locale: Locale) {
  const zh = locale === 'zh-CN';
  return {
    sheet: zh ? '回收网点' : 'Recycling sites',
    code: zh ? '编号' : 'Code',
    kind: zh ? '类型' : 'Kind',
    name: zh ? '名称' : 'Name',
    town: zh ? '镇街' : 'Town',
    address: zh ? '地址' : 'Address',
    operator: zh ? '运营单位' : 'Operator',
    status: zh ? '状态' : 'Status',
    statusSince: zh ? '状态日期' : 'Status since',
    origin: zh ? '建设类型' : 'Origin',
    completedOn: zh ? '建成日期' : 'Completed on',
    licence: zh ? '经营许可' : 'Licence',
    licenceValidTo: zh ? '许可有效期至' : 'Licence valid to',
    fireSafety: zh ? '消防安全' : 'Fire safety',
    standardisation: zh ? '规范化' : 'Standardisation',
    capacity: zh ? '日处理能力（吨）' : 'Capacity (t/day)',
    materials: zh ? '回收品类' : 'Materials',
    openingHours: zh ? '营业时间' : 'Opening hours',
    contact: zh ? '联系人' : 'Contact',
    phone: zh ? '联系电话' : 'Phone',
    latitude: zh ? '纬度' : 'Latitude',
    longitude: zh ? '经度' : 'Longitude',
    kinds: (zh
      ? { sorting_centre: '分拣中心', station: '回收站', smart_device: '智能回收设施', bulky_transfer: '大件废弃家具定点转运' }
      : {
          sorting_centre: 'Sorting centre',
          station: 'Recycling station',
          smart_device: 'Smart recycling device',
          bulky_transfer: 'Bulky-furniture transfer point',
        }) as Record<RecyclingSiteKind, string>,
    statuses: (zh
      ? { planned: '规划中', under_construction: '建设中', operating: '运营中', suspended: '暂停', closed: '已关闭', banned: '已取缔' }
      : {
          planned: 'Planned',
          under_construction: 'Under construction',
          operating: 'Operating',
          suspended: 'Suspended',
          closed: 'Closed',
          banned: 'Banned',
        }) as Record<RecyclingSiteStatus, string>,
    origins: (zh
      ? { existing: '原有', new: '新建', rebuilt: '改建', expanded: '扩建' }
      : { existing: 'Existing', new: 'New', rebuilt: 'Rebuilt', expanded: 'Expanded' }) as Record<RecyclingSiteOrigin, string>,
  };
}
