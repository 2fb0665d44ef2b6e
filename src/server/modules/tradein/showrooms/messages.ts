import { registerMessages } from '../../../core/messages.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the trade-in module's showrooms and sample rooms (zh-CN and en side by side). */
export const showroomMessages = defineMessages({
  'field.tradein.showroom.townRequired': {
    'zh-CN': '线下展厅或样板间须选择所在镇街',
    en: 'An offline showroom or sample room needs its town',
  },
  'field.tradein.showroom.addressRequired': {
    'zh-CN': '线下展厅或样板间须填写地址（4–200 字）',
    en: 'An offline showroom or sample room needs its address (4–200 characters)',
  },
  'field.tradein.showroom.urlRequired': {
    'zh-CN': '线上展厅或样板间须填写网址',
    en: 'An online showroom or sample room needs its web address',
  },
  'field.tradein.showroom.url': {
    'zh-CN': '网址须以 http:// 或 https:// 开头，且不超过 300 字符',
    en: 'A web address starts with http:// or https:// and has at most 300 characters',
  },
  'field.tradein.showroom.programNotEnrolled': {
    'zh-CN': '本单位未报名该补贴活动（须已报名或已获准）',
    en: 'Your organisation has no enrolment (pending or approved) in this programme',
  },
  'tradein.showroom.kind.smart_home_showroom': { 'zh-CN': '智能家居体验馆', en: 'Smart-home showroom' },
  'tradein.showroom.kind.renovation_sample_room': { 'zh-CN': '家装样板间', en: 'Home-renovation sample room' },
  'tradein.showroom.channel.offline': { 'zh-CN': '线下', en: 'Offline' },
  'tradein.showroom.channel.online': { 'zh-CN': '线上', en: 'Online' },
  'tradein.showroom.status.open': { 'zh-CN': '开放', en: 'Open' },
  'tradein.showroom.status.closed': { 'zh-CN': '已关闭', en: 'Closed' },
  'tradein.showroom.export.sheet': { 'zh-CN': '展厅与样板间', en: 'Showrooms' },
  'tradein.showroom.export.filename': { 'zh-CN': '展厅与样板间-{date}.xlsx', en: 'showrooms-{date}.xlsx' },
  'tradein.showroom.export.id': { 'zh-CN': '编号', en: 'ID' },
  'tradein.showroom.export.organization': { 'zh-CN': '企业', en: 'Business' },
  'tradein.showroom.export.name': { 'zh-CN': '名称', en: 'Name' },
  'tradein.showroom.export.kind': { 'zh-CN': '类型', en: 'Kind' },
  'tradein.showroom.export.channel': { 'zh-CN': '渠道', en: 'Channel' },
  'tradein.showroom.export.town': { 'zh-CN': '镇街', en: 'Town' },
  'tradein.showroom.export.address': { 'zh-CN': '地址', en: 'Address' },
  'tradein.showroom.export.url': { 'zh-CN': '网址', en: 'Web address' },
  'tradein.showroom.export.hours': { 'zh-CN': '开放时间', en: 'Opening hours' },
  'tradein.showroom.export.programs': { 'zh-CN': '参与活动', en: 'Programmes' },
  'tradein.showroom.export.status': { 'zh-CN': '状态', en: 'Status' },
  'tradein.showroom.export.updatedAt': { 'zh-CN': '更新日期', en: 'Updated on' },
  'tradein.showroom.export.truncated': {
    'zh-CN': '共 {total} 条，仅导出前 {max} 条，请缩小筛选范围',
    en: '{total} rows; only the first {max} are exported: narrow the filters',
  },
});

registerMessages(showroomMessages);

declare module '../../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof showroomMessages, true> {}
}
