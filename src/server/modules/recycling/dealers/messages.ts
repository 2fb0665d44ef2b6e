import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Second-hand dealers, trades and credit (spread into the module's messages.ts). */
export const dealersMessages = defineMessages({
  'error.DEALER_NOT_ACTIVE': {
    'zh-CN': '该二手商品经营主体已暂停或注销，不能登记交易',
    en: 'This dealer is suspended or deregistered and cannot record trades',
  },
  'error.DEALER_DEREGISTERED': { 'zh-CN': '该经营主体已注销，登记信息不能再变更', en: 'This dealer is deregistered and can no longer be changed' },
  'error.DEALER_TRADE_DUPLICATE': {
    'zh-CN': '该车辆（VIN）当天已由本经营主体登记过一笔交易',
    en: 'This dealer already recorded a trade of this vehicle (VIN) on that day',
  },
  'error.VIOLATION_REVOKED': { 'zh-CN': '该违规记录已撤销', en: 'This violation record has already been revoked' },
  'field.recycling.dealerCreditCodeTaken': { 'zh-CN': '该统一社会信用代码已登记', en: 'A dealer with this credit code is already registered' },
  'field.recycling.dealerKindsTwice': { 'zh-CN': '经营类别不能重复', en: 'Each kind may be given once' },
  'field.recycling.dealerNotEnterprise': { 'zh-CN': '关联单位应为已登记的企业', en: 'The linked organisation must be a registered enterprise' },
  'field.recycling.dealerRegisteredFuture': { 'zh-CN': '登记日期不能晚于今天', en: 'The registration date cannot be after today' },
  'field.recycling.dealerMobileRequired': { 'zh-CN': '请填写联系人手机号', en: 'Give the contact’s mobile number' },
  'field.recycling.dealerUnknown': { 'zh-CN': '未找到该经营主体', en: 'No such dealer' },
  'field.recycling.dealerKindNotTraded': {
    'zh-CN': '该经营主体未登记经营此类商品',
    en: 'This dealer is not registered for this kind of goods',
  },
  'field.recycling.dealerTradeDuplicateVin': {
    'zh-CN': '该 VIN 当天已登记过交易',
    en: 'A trade of this VIN was already recorded that day',
  },
  'field.recycling.tradeInFuture': { 'zh-CN': '交易日期不能晚于今天', en: 'The trade date cannot be after today' },
  'field.recycling.tradeCarRequired': { 'zh-CN': '二手车交易须填写此项', en: 'Required for a used-car trade' },
  'field.recycling.tradeCarOnly': { 'zh-CN': '仅二手车交易填写此项', en: 'Only for a used-car trade' },
  'field.recycling.tradeExportCountry': {
    'zh-CN': '代出口须填写目的国家（两位字母代码，如 KZ）',
    en: 'An export names its destination country (two letters, e.g. KZ)',
  },
  'field.recycling.tradeExportNoRegion': {
    'zh-CN': '代出口车辆不再迁入国内地区，请勿填写迁入地',
    en: 'An exported car goes to no region here: leave the destination region empty',
  },
  'field.recycling.tradeRegionToRequired': { 'zh-CN': '请填写迁入地（号牌地区，如 闽C）', en: 'Give the region it goes to (plate region, e.g. 闽C)' },
  'field.recycling.violationInFuture': { 'zh-CN': '违规日期不能晚于今天', en: 'The violation date cannot be after today' },
  'field.recycling.violationUntilBefore': { 'zh-CN': '公示截止日期不能早于违规日期', en: 'The disclosure end cannot be before the violation date' },
  'field.recycling.violationNotDepartment': { 'zh-CN': '违规记录应由执法部门账号登记', en: 'A violation is recorded by a department account' },
  'field.recycling.evidenceInvalid': { 'zh-CN': '证据文件不存在或不是本人上传的', en: 'This evidence file does not exist or was not uploaded by you' },
  'field.recycling.dealerPersonalDataCitizenId': {
    'zh-CN': '公示内容中疑似含有身份证号码，请删除个人信息后再提交',
    en: 'This looks like it contains an ID number: remove personal data before it is published',
  },
  'field.recycling.dealerPersonalDataMobile': {
    'zh-CN': '公示内容中疑似含有手机号码，请删除个人信息后再提交',
    en: 'This looks like it contains a mobile number: remove personal data before it is published',
  },
  'field.recycling.dealerPersonalDataVin': {
    'zh-CN': '公示内容中疑似含有车辆识别代号（VIN），请删除后再提交',
    en: 'This looks like it contains a VIN: remove it before it is published',
  },
  'field.recycling.dealerPersonalDataPlate': {
    'zh-CN': '公示内容中疑似含有完整车牌号，请删除后再提交',
    en: 'This looks like it contains a full plate number: remove it before it is published',
  },
  'field.recycling.rulesThresholdOrder': {
    'zh-CN': '等级分值应逐级递增：B < C < D',
    en: 'The thresholds must increase: B < C < D',
  },
  'notification.recycling_dealer_violation': {
    'zh-CN': '贵单位 {on} 的经营违规行为已记入信用记录（{id}号），将依规向社会公示',
    en: 'A violation of yours on {on} was entered in your credit record (no. {id}) and will be published',
  },
});
