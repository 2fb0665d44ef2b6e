import type { Locale } from '../../../../shared/roles.js';
import type { AssemblyDestination, ScrappedVehicleStatus, VehicleAssembly, VehicleFuelType } from '../../../../shared/enums/recyclingVehicles.js';

/** Column headers and value names of the vehicle register's export, in both languages. */
export function vehicleLabels(locale: Locale) {
  const zh = locale === 'zh-CN';
  return {
    sheet: zh ? '报废机动车登记' : 'Scrapped vehicles',
    dismantler: zh ? '拆解企业' : 'Dismantler',
    town: zh ? '镇街' : 'Town',
    vin: zh ? '车辆识别代号' : 'VIN',
    plate: zh ? '号牌号码' : 'Plate',
    owner: zh ? '车主' : 'Owner',
    ownerId: zh ? '身份证号/统一社会信用代码' : 'ID / credit code',
    emission: zh ? '排放标准' : 'Emission standard',
    fuel: zh ? '燃料类型' : 'Fuel',
    registeredOn: zh ? '初次登记日期' : 'First registered',
    receivedOn: zh ? '接收日期' : 'Taken in',
    certificate: zh ? '回收证明编号' : 'Certificate no.',
    certificateOn: zh ? '出具日期' : 'Issued on',
    dismantledOn: zh ? '拆解日期' : 'Dismantled on',
    deregisteredOn: zh ? '注销日期' : 'Deregistered on',
    status: zh ? '状态' : 'Status',
    demo: zh ? '演示' : 'Demo',
    statuses: (zh
      ? { received: '已接收', certificate_issued: '已出具回收证明', dismantled: '已拆解', deregistered: '已注销', withdrawn: '已撤回' }
      : {
          received: 'Taken in',
          certificate_issued: 'Certificate issued',
          dismantled: 'Dismantled',
          deregistered: 'Deregistered',
          withdrawn: 'Withdrawn',
        }) as Record<ScrappedVehicleStatus, string>,
    fuels: (zh
      ? {
          petrol: '汽油',
          diesel: '柴油',
          battery_electric: '纯电动',
          plug_in_hybrid: '插电式混合动力',
          hybrid: '油电混合动力',
          fuel_cell: '燃料电池',
          natural_gas: '天然气',
          lpg: '液化石油气',
          other: '其他',
        }
      : {
          petrol: 'Petrol',
          diesel: 'Diesel',
          battery_electric: 'Battery electric',
          plug_in_hybrid: 'Plug-in hybrid',
          hybrid: 'Hybrid',
          fuel_cell: 'Fuel cell',
          natural_gas: 'Natural gas',
          lpg: 'LPG',
          other: 'Other',
        }) as Record<VehicleFuelType, string>,
    emissions: (zh
      ? { guo0: '国一以前', guo1: '国一', guo2: '国二', guo3: '国三', guo4: '国四', guo5: '国五', guo6: '国六' }
      : { guo0: 'pre-China 1', guo1: 'China 1', guo2: 'China 2', guo3: 'China 3', guo4: 'China 4', guo5: 'China 5', guo6: 'China 6' }) as Record<
      string,
      string
    >,
    assemblies: (zh
      ? { engine: '发动机', steering: '方向机', transmission: '变速器', axles: '前后桥', frame: '车架' }
      : { engine: 'Engine', steering: 'Steering', transmission: 'Transmission', axles: 'Axles', frame: 'Frame' }) as Record<VehicleAssembly, string>,
    destinations: (zh
      ? { remanufacture: '再制造', scrap_destroyed: '作为废金属销毁' }
      : { remanufacture: 'Remanufacture', scrap_destroyed: 'Destroyed as scrap' }) as Record<AssemblyDestination, string>,
  };
}
