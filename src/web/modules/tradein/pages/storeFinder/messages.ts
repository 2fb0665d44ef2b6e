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
} satisfies Messages;
