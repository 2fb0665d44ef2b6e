/** Texts of the residents' store finder (public, no sign-in): approved merchants by town and category. */
import type { Messages } from '../../../../i18n/catalogue';

export const storeFinderMessages = {
  'tradein.stores.link': { 'zh-CN': '查找补贴门店', en: 'Find a store' },
  'tradein.stores.linkHint': { 'zh-CN': '哪些门店可以用补贴券？', en: 'Where can I use a voucher?' },
  'tradein.stores.title': { 'zh-CN': '查找补贴门店', en: 'Find a store' },
  'tradein.stores.intro': {
    'zh-CN': '以下商户已获准参与以旧换新补贴活动，到店出示补贴券即可立减。按镇街、品类或名称查找。',
    en: 'These merchants are approved for the trade-in subsidy: show your voucher at the till. Look by town, category or name.',
  },
  'tradein.stores.town': { 'zh-CN': '所在镇街', en: 'Town' },
  'tradein.stores.allTowns': { 'zh-CN': '全部镇街', en: 'All towns' },
  'tradein.stores.category': { 'zh-CN': '品类', en: 'Category' },
  'tradein.stores.allCategories': { 'zh-CN': '全部品类', en: 'All categories' },
  'tradein.stores.search': { 'zh-CN': '商户或门店名称', en: 'Merchant or store name' },
  'tradein.stores.count': { 'zh-CN': '共 {count} 家商户', en: '{count} merchants' },
  'tradein.stores.none': { 'zh-CN': '没有符合条件的门店，换个镇街或品类试试', en: 'No store matches: try another town or category' },
  'tradein.stores.clear': { 'zh-CN': '清除条件', en: 'Clear the filters' },
  'tradein.stores.sells': { 'zh-CN': '补贴品类', en: 'Subsidised categories' },
  'tradein.stores.programs': { 'zh-CN': '参与活动', en: 'Programmes' },
  'tradein.stores.window': { 'zh-CN': '{from} 至 {to}', en: '{from} to {to}' },
  'tradein.stores.back': { 'zh-CN': '返回', en: 'Back' },
  'tradein.stores.onlineHint': {
    'zh-CN': '线上下单须配送至本市，并在手机上确认订单后使用补贴券',
    en: 'Online orders are delivered within the city; confirm the order on your phone to use the voucher',
  },
  'tradein.stores.view': { 'zh-CN': '查看', en: 'Show' },
  'tradein.stores.view.stores': { 'zh-CN': '补贴门店', en: 'Subsidised stores' },
  'tradein.stores.view.showrooms': { 'zh-CN': '体验馆与样板间', en: 'Showrooms and sample rooms' },
  'tradein.stores.showroomsIntro': {
    'zh-CN': '参与以旧换新补贴活动的智能家居体验馆和家装样板间，可到店参观或在线浏览。按镇街、类型或名称查找。',
    en: 'Smart-home showrooms and home-renovation sample rooms of businesses in the trade-in programmes: visit in person or online. Look by town, kind or name.',
  },
  'tradein.stores.kind': { 'zh-CN': '类型', en: 'Kind' },
  'tradein.stores.allKinds': { 'zh-CN': '全部类型', en: 'All kinds' },
  'tradein.stores.showroomSearch': { 'zh-CN': '展厅或企业名称', en: 'Showroom or business name' },
  'tradein.stores.showroomCount': { 'zh-CN': '共 {count} 处体验馆或样板间', en: '{count} showrooms and sample rooms' },
  'tradein.stores.showroomsNone': {
    'zh-CN': '没有符合条件的体验馆或样板间，换个镇街或类型试试',
    en: 'No showroom or sample room matches: try another town or kind',
  },
  'tradein.stores.hours': { 'zh-CN': '开放时间', en: 'Opening hours' },
  'tradein.stores.visitOnline': { 'zh-CN': '在线参观', en: 'Visit online' },
  'tradein.stores.moreInfo': { 'zh-CN': '预约与介绍', en: 'Booking and information' },
} satisfies Messages;
