import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of pickup booking (spread into the module's messages.ts). */
export const pickupMessages = defineMessages({
  'field.recycling.windowInPast': { 'zh-CN': '上门时段须在当前时间之后', en: 'The pickup window must start in the future' },
  'field.recycling.windowOrder': { 'zh-CN': '结束时间须晚于开始时间', en: 'The window must end after it starts' },
  'field.recycling.windowTooFar': { 'zh-CN': '最多可预约 {days} 天内的上门时段', en: 'A pickup can be booked at most {days} days ahead' },
  'field.recycling.notATown': { 'zh-CN': '请选择晋江市的镇（街道）', en: 'Choose a town (subdistrict) of Jinjiang' },
  'field.recycling.mixedFurniture': {
    'zh-CN': '大件家具由定点转运点上门，请与家电、数码产品分开预约',
    en: 'Bulky furniture is collected by the transfer points: book it separately from appliances and devices',
  },
  'field.recycling.photoInvalid': { 'zh-CN': '照片无效，请重新上传', en: 'This photo is not valid; upload it again' },
  'field.recycling.serialOneUnit': { 'zh-CN': '填写序列号时数量须为 1', en: 'With a serial number the count must be 1' },
  'field.recycling.dataWipeRequired': {
    'zh-CN': '手机、电脑、平板等设备须登记数据清除记录（方式、操作人、时间）',
    en: 'Phones, computers, tablets and watches need a data-wiping record (method, by whom, when)',
  },
  'field.recycling.wipeInFuture': { 'zh-CN': '数据清除时间不能晚于现在', en: 'The data wiping cannot be in the future' },
  'field.recycling.tooManyUnits': { 'zh-CN': '一次上门最多登记 {max} 件', en: 'At most {max} units per pickup' },
  'notification.recycling_pickup_booked': {
    'zh-CN': '您的上门回收预约（{id}号）已提交，等待回收企业接单',
    en: 'Your pickup booking no. {id} was made; waiting for a recycler to take it',
  },
  'notification.recycling_pickup_new': {
    'zh-CN': '{town}有新的上门回收预约（{id}号），时段 {from}',
    en: 'New pickup booking no. {id} in {town}, window from {from}',
  },
  'notification.recycling_pickup_accepted': {
    'zh-CN': '{recycler}已接单您的上门回收预约（{id}号），将在 {from} 起的时段上门',
    en: '{recycler} took your pickup booking no. {id} and will come in the window from {from}',
  },
  'notification.recycling_pickup_rescheduled': {
    'zh-CN': '上门回收预约（{id}号）已改期至 {from}：{reasons}',
    en: 'Pickup booking no. {id} was moved to the window from {from}: {reasons}',
  },
  'notification.recycling_pickup_completed': {
    'zh-CN': '上门回收（{id}号）已完成，共开具回收证明 {count} 张，请确认并评价',
    en: 'Pickup no. {id} is done: {count} recycling certificate(s) issued. Please confirm and rate it',
  },
  'notification.recycling_pickup_confirmed': {
    'zh-CN': '居民已确认上门回收（{id}号），评分 {rating} 分',
    en: 'The resident confirmed pickup no. {id} and rated it {rating}',
  },
  'notification.recycling_pickup_disputed': {
    'zh-CN': '上门回收（{id}号）有居民异议：{reasons}',
    en: 'The resident disputes pickup no. {id}: {reasons}',
  },
  'notification.recycling_pickup_cancelled': {
    'zh-CN': '上门回收预约（{id}号）已取消：{reasons}',
    en: 'Pickup booking no. {id} was cancelled: {reasons}',
  },
  'notification.recycling_pickup_no_show': {
    'zh-CN': '回收企业上门时未能完成回收（{id}号）：{reasons}。您可以改约时段',
    en: 'The recycler could not collect pickup no. {id}: {reasons}. You can book a new window',
  },
  'notification.recycling_pickup_escalated': {
    'zh-CN': '{town}的上门回收预约（{id}号）超过 {hours} 小时无企业接单，请协调',
    en: 'Pickup booking no. {id} in {town} has had no recycler for over {hours} hours; please arrange one',
  },
});
