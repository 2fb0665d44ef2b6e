import type { Messages } from '../../../../i18n/catalogue';

/** Texts of the showrooms and sample rooms: the business's register, the supervisors' list, and the labels the store finder shares. */
export const showroomMessages = {
  'tradein.nav.showrooms': { 'zh-CN': '展厅与样板间', en: 'Showrooms and sample rooms' },
  'tradein.nav.showrooms.desc': {
    'zh-CN': '智能家居体验馆、家装样板间（线上线下）',
    en: 'Smart-home showrooms and home-renovation sample rooms, online and offline',
  },
  'tradein.showroom.kind.smart_home_showroom': { 'zh-CN': '智能家居体验馆', en: 'Smart-home showroom' },
  'tradein.showroom.kind.renovation_sample_room': { 'zh-CN': '家装样板间', en: 'Home-renovation sample room' },
  'tradein.showroom.channel.offline': { 'zh-CN': '线下', en: 'Offline' },
  'tradein.showroom.channel.online': { 'zh-CN': '线上', en: 'Online' },
  'tradein.showroom.status.open': { 'zh-CN': '开放', en: 'Open' },
  'tradein.showroom.status.closed': { 'zh-CN': '已关闭', en: 'Closed' },
  'tradein.showrooms.subtitle': {
    'zh-CN': '登记本企业的智能家居体验馆和家装样板间，开放的展厅会出现在居民的“查找补贴门店”页面上（须已获准参与进行中的活动）。',
    en: 'Register your smart-home showrooms and sample rooms: open ones appear on the residents’ store finder while you are approved in a running programme.',
  },
  'tradein.showrooms.subtitleSupervisor': {
    'zh-CN': '各企业登记的智能家居体验馆和家装样板间（线上线下），可筛选并导出 Excel。',
    en: 'Every business’s smart-home showrooms and sample rooms, online and offline; filter and export to Excel.',
  },
  'tradein.showrooms.add': { 'zh-CN': '新增展厅或样板间', en: 'Add a showroom or sample room' },
  'tradein.showrooms.edit': { 'zh-CN': '编辑展厅或样板间', en: 'Edit the showroom or sample room' },
  'tradein.showrooms.none': { 'zh-CN': '还没有登记展厅或样板间', en: 'No showroom or sample room yet' },
  'tradein.showrooms.kind': { 'zh-CN': '类型', en: 'Kind' },
  'tradein.showrooms.channel': { 'zh-CN': '渠道', en: 'Channel' },
  'tradein.showrooms.organization': { 'zh-CN': '企业', en: 'Business' },
  'tradein.showrooms.place': { 'zh-CN': '地点或网址', en: 'Place or web address' },
  'tradein.showrooms.url': { 'zh-CN': '网址', en: 'Web address' },
  'tradein.showrooms.urlHelpOnline': {
    'zh-CN': '线上展厅的访问地址，以 https:// 开头',
    en: 'Where residents visit the online showroom, starting with https://',
  },
  'tradein.showrooms.urlHelpOffline': { 'zh-CN': '选填：预约或介绍页面', en: 'Optional: a booking or information page' },
  'tradein.showrooms.urlRule': { 'zh-CN': '网址须以 http:// 或 https:// 开头', en: 'A web address starts with http:// or https://' },
  'tradein.showrooms.townOptional': { 'zh-CN': '选填：线上展厅可不选镇街', en: 'Optional for an online showroom' },
  'tradein.showrooms.hours': { 'zh-CN': '开放时间', en: 'Opening hours' },
  'tradein.showrooms.hoursPlaceholder': { 'zh-CN': '如：每日 09:00–21:00', en: 'e.g. daily 09:00–21:00' },
  'tradein.showrooms.description': { 'zh-CN': '简介', en: 'Description' },
  'tradein.showrooms.programs': { 'zh-CN': '参与活动', en: 'Programmes' },
  'tradein.showrooms.programsHelp': {
    'zh-CN': '本企业已报名（待审核或已获准）的活动；获准且进行中的活动才会在居民页面显示',
    en: 'Programmes your business is enrolled in (pending or approved); residents see only approved, running ones',
  },
  'tradein.showrooms.noEnrolment': {
    'zh-CN': '本企业尚未报名任何补贴活动，请先在“活动报名”中报名。',
    en: 'Your business is not enrolled in any programme yet: enrol first.',
  },
  'tradein.showrooms.close': { 'zh-CN': '关闭', en: 'Close' },
  'tradein.showrooms.reopen': { 'zh-CN': '重新开放', en: 'Reopen' },
  'tradein.showrooms.closeQ': { 'zh-CN': '关闭“{name}”？关闭后居民页面不再显示。', en: 'Close “{name}”? Residents will no longer see it.' },
  'tradein.showrooms.reopenQ': { 'zh-CN': '重新开放“{name}”？', en: 'Reopen “{name}”?' },
  'tradein.showrooms.search': { 'zh-CN': '名称、地址或企业', en: 'Name, address or business' },
  'tradein.showrooms.exportName': { 'zh-CN': '展厅与样板间.xlsx', en: 'showrooms.xlsx' },
  'tradein.showrooms.updatedAt': { 'zh-CN': '更新时间', en: 'Updated' },
} satisfies Messages;
