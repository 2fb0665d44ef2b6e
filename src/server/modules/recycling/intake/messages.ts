import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of intake records and reverse invoices (spread into the module's messages.ts). */
export const intakeMessages = defineMessages({
  'error.REVERSE_INVOICE_LIMIT': {
    'zh-CN': '该出售人 {year} 年反向开票累计已达 {total} 元，本笔 {amount} 元将超过年度限额 {limit} 元（不含税），须办理个体工商户登记后开票',
    en: 'This seller’s reverse-invoiced sales in {year} already total ¥{total}; this ¥{amount} would pass the yearly limit of ¥{limit} (VAT excluded): the seller must register as an individual business',
  },
  'field.recycling.reverseInvoiceLimit': {
    'zh-CN': '超过出售人年度反向开票限额 {limit} 元（本年已开 {total} 元，本笔不含税 {amount} 元）',
    en: 'Beyond the seller’s yearly limit of ¥{limit} (¥{total} invoiced this year, this sale ¥{amount} excluding VAT)',
  },
  'field.recycling.intakeVehicles': {
    'zh-CN': '报废机动车请通过“报废机动车回收”一站式办理登记，不在此处登记',
    en: 'Scrapped vehicles are taken in through the scrapped-vehicle one-stop, not recorded here',
  },
  'field.recycling.intakeCategoryRequired': { 'zh-CN': '请选择家电品类', en: 'Choose the appliance category' },
  'field.recycling.intakeCategoryAppliancesOnly': { 'zh-CN': '只有废旧家电填写品类', en: 'Only appliances have a category' },
  'field.recycling.intakeUnitsRequired': { 'zh-CN': '废旧家电按台数登记，请填写台数', en: 'Appliances are recorded by units: enter the units' },
  'field.recycling.intakeByUnits': { 'zh-CN': '废旧家电按台数登记，不填重量', en: 'Appliances are recorded by units, not by weight' },
  'field.recycling.intakeWeightRequired': { 'zh-CN': '请填写重量（千克）', en: 'Enter the weight (kg)' },
  'field.recycling.intakeByWeight': { 'zh-CN': '该品类按重量登记，不填台数', en: 'This material is recorded by weight, not by units' },
  'field.recycling.intakeInFuture': { 'zh-CN': '收购日期不能晚于今天', en: 'The date cannot be after today' },
  'field.recycling.intakeTooOld': { 'zh-CN': '只能登记 {days} 天内的收购', en: 'Only purchases of the last {days} days can be recorded' },
  'field.recycling.intakeCreditCodeRequired': { 'zh-CN': '企业出售方须填写统一社会信用代码', en: 'An enterprise seller needs its unified social credit code' },
  'field.recycling.intakeCreditCodeEnterprisesOnly': { 'zh-CN': '个人出售方不填统一社会信用代码', en: 'An individual seller has no credit code' },
  'field.recycling.intakeIdRequired': {
    'zh-CN': '向个人收购须填写出售人身份证号（用于反向开票）',
    en: 'A purchase from an individual needs the seller’s ID number (for the reverse invoice)',
  },
  'field.recycling.intakeIdIndividualsOnly': { 'zh-CN': '企业出售方不填身份证号', en: 'An enterprise seller has no citizen ID number' },
  'field.recycling.intakeScrapMetalOnly': {
    'zh-CN': '生产性废旧金属只适用于向企业收购的废钢铁、废有色金属',
    en: 'Production scrap applies to steel and non-ferrous metals bought from an enterprise',
  },
  'field.recycling.intakeScrapIdentity': {
    'zh-CN': '收购生产性废旧金属须如实登记出售单位及经办人姓名、联系电话',
    en: 'Production scrap metal needs the selling enterprise’s contact person and phone',
  },
  'field.recycling.intakePhone': { 'zh-CN': '请填写有效的联系电话', en: 'Enter a valid phone number' },
  'field.recycling.intakeMonth': { 'zh-CN': '月份格式为 YYYY-MM', en: 'A month is YYYY-MM' },
  'field.recycling.intakeSiteUnknown': { 'zh-CN': '回收网点不存在', en: 'No such recycling site' },
  'field.recycling.intakeSiteNotOperating': { 'zh-CN': '该网点未在运营，不能登记收购', en: 'This site is not operating: nothing can be recorded at it' },
  'field.recycling.intakeRecyclerRequired': { 'zh-CN': '请选择回收企业', en: 'Choose the recycler' },
});
