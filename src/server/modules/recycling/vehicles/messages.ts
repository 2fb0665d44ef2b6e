import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the scrapped-vehicle one-stop and the dismantling qualifications (spread into the module's messages.ts). */
export const vehiclesMessages = defineMessages({
  'error.recycling.dismantlerNotQualified.none': {
    'zh-CN': '本企业尚未登记报废机动车回收拆解资质，不能接收报废机动车',
    en: 'Your enterprise has no registered dismantling qualification and may not take in scrapped vehicles',
  },
  'error.recycling.dismantlerNotQualified.not_yet_valid': {
    'zh-CN': '本企业的拆解资质（{number}）尚未生效',
    en: 'Your dismantling qualification ({number}) is not valid yet',
  },
  'error.recycling.dismantlerNotQualified.expired': {
    'zh-CN': '本企业的拆解资质（{number}）已于 {validTo} 到期，不能接收或拆解报废机动车',
    en: 'Your dismantling qualification ({number}) expired on {validTo}: no scrapped vehicle may be taken in or dismantled',
  },
  'error.recycling.dismantlerNotQualified.revoked': {
    'zh-CN': '本企业的拆解资质（{number}）已被撤销，不能接收或拆解报废机动车',
    en: 'Your dismantling qualification ({number}) was revoked: no scrapped vehicle may be taken in or dismantled',
  },
  'error.recycling.vehicleAlreadyRecorded': {
    'zh-CN': '该车辆识别代号已有未撤回的报废登记',
    en: 'This VIN is already on a scrapped-vehicle record that was not withdrawn',
  },
  'error.recycling.scrappingCertificateUsed': {
    'zh-CN': '该报废机动车回收证明编号已使用',
    en: 'This scrapping certificate number is already used',
  },
  'error.recycling.dismantlerNoTown': {
    'zh-CN': '本企业未登记所在镇街，请联系市商务局补充后再登记车辆',
    en: 'Your enterprise has no town on record; ask 市商务局 to add it before recording vehicles',
  },
  'field.recycling.vehicle.plate': { 'zh-CN': '车牌号码格式不正确', en: 'Not a valid licence plate' },
  'field.recycling.vehicle.certificateNumber': {
    'zh-CN': '证明编号为 6–40 位字母、数字或“-”',
    en: 'A certificate number has 6–40 letters, digits or “-”',
  },
  'field.recycling.vehicle.validityOrder': { 'zh-CN': '有效期止不能早于有效期起', en: 'The validity cannot end before it starts' },
  'field.recycling.vehicle.notARecycler': {
    'zh-CN': '请选择有回收企业账号的在册企业',
    en: 'Choose an active enterprise with a recycler account',
  },
  'field.recycling.vehicle.qualificationNumberUsed': { 'zh-CN': '该资质证书编号已登记', en: 'This qualification number is already registered' },
  'field.recycling.vehicle.futureDate': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  'field.recycling.vehicle.before.registeredOn': { 'zh-CN': '不能早于初次登记日期', en: 'Cannot be before the first registration' },
  'field.recycling.vehicle.before.receivedOn': { 'zh-CN': '不能早于接收日期', en: 'Cannot be before the vehicle was taken in' },
  'field.recycling.vehicle.before.certificateIssuedOn': { 'zh-CN': '不能早于回收证明出具日期', en: 'Cannot be before the certificate was issued' },
  'field.recycling.vehicle.before.dismantledOn': { 'zh-CN': '不能早于拆解日期', en: 'Cannot be before the dismantling' },
  'field.recycling.vehicle.afterAssemblies': {
    'zh-CN': '拆解日期不能晚于五大总成的去向日期',
    en: 'The dismantling cannot be after the assemblies went on',
  },
  'field.recycling.vehicle.vinOpen': { 'zh-CN': '该车辆已登记', en: 'This vehicle is already recorded' },
  'field.recycling.vehicle.certificateUsed': { 'zh-CN': '该证明编号已使用', en: 'This number is already used' },
  'field.recycling.vehicle.assemblyTwice': { 'zh-CN': '每个总成只填写一次', en: 'Each assembly once' },
  'field.recycling.vehicle.recipientForScrap': {
    'zh-CN': '作为废金属销毁的总成不填写再制造企业',
    en: 'An assembly destroyed as scrap has no remanufacturer',
  },
  'field.recycling.vehicle.notYetAtStep': { 'zh-CN': '车辆尚未到这一步，不能更正', en: 'The vehicle has not reached this step yet' },
  'field.recycling.vehicle.nothingToCorrect': { 'zh-CN': '没有需要更正的内容', en: 'Nothing differs from the record' },
  'notification.recycling_vehicle_received': {
    'zh-CN': '您的车辆 {plate} 已由报废机动车回收拆解企业接收（{date}）',
    en: 'Your vehicle {plate} was taken in by a scrapped-vehicle dismantler on {date}',
  },
  'notification.recycling_vehicle_certificate_issued': {
    'zh-CN': '您的车辆 {plate} 已出具报废机动车回收证明，编号 {number}',
    en: 'The scrapping certificate for your vehicle {plate} was issued: no. {number}',
  },
  'notification.recycling_vehicle_dismantled': {
    'zh-CN': '您的车辆 {plate} 已于 {date} 拆解',
    en: 'Your vehicle {plate} was dismantled on {date}',
  },
  'notification.recycling_vehicle_deregistered': {
    'zh-CN': '您的车辆 {plate} 已于 {date} 办结注销登记，报废一站式办理完成',
    en: 'The registration of your vehicle {plate} was cancelled on {date}: the scrapping is complete',
  },
  'notification.recycling_vehicle_withdrawn': {
    'zh-CN': '车辆 {plate} 的报废登记已撤回：{reasons}',
    en: 'The scrapping record of vehicle {plate} was withdrawn: {reasons}',
  },
  'notification.recycling_vehicle_corrected': {
    'zh-CN': '车辆 {plate} 的报废登记信息已更正：{reasons}',
    en: 'The scrapping record of vehicle {plate} was corrected: {reasons}',
  },
  'notification.recycling_dismantling_qualified': {
    'zh-CN': '市商务局已登记本企业的报废机动车回收拆解资质（{number}），有效期至 {validTo}',
    en: '市商务局 registered your dismantling qualification ({number}), valid to {validTo}',
  },
  'notification.recycling_dismantling_revoked': {
    'zh-CN': '本企业的报废机动车回收拆解资质（{number}）已被撤销：{reasons}',
    en: 'Your dismantling qualification ({number}) was revoked: {reasons}',
  },
});
