import { registerMessages } from '../../core/messages.js';
import { defineMessages } from '../../../shared/i18n/messages.js';
import { carEvidenceMessages } from './applications/evidenceMessages.js';
import { calendarMessages } from './calendar/messages.js';
import { carBudgetMessages } from './budget/messages.js';

/** The cartradein module's messages (zh-CN and en side by side): Car trade-in programmes, applications, review, payment batches, events and the working calendar. */
export const cartradeinMessages = defineMessages({
  ...carEvidenceMessages,
  ...calendarMessages,
  ...carBudgetMessages,
  'error.VEHICLE_ALREADY_SUBSIDISED': {
    'zh-CN': '该车辆（车辆识别代号）或报废机动车回收证明已用于补贴申请',
    en: 'This vehicle (VIN) or scrapping certificate has already been used in a subsidy application',
  },
  'error.CAR_PROGRAM_NOT_OPEN': {
    'zh-CN': '该汽车补贴活动未开放申请',
    en: 'This car programme is not open for applications',
  },
  'error.CAR_PROGRAM_ENDED': {
    'zh-CN': '该汽车补贴活动的申请期已于 {date} 结束，不再受理新申请',
    en: 'Applications to this car programme closed on {date}; no new applications are accepted',
  },
  'error.CAR_PROGRAM_NOT_STARTED': {
    'zh-CN': '该汽车补贴活动将于 {date} 开始受理申请',
    en: 'This car programme opens for applications on {date}',
  },
  'error.NOT_ELIGIBLE': {
    'zh-CN': '申请不符合补贴条件，不能审核通过',
    en: 'The application does not meet the programme’s rules and cannot be approved',
  },
  'error.NOTHING_TO_PAY': {
    'zh-CN': '没有可列入拨付批次的已审核申请',
    en: 'There are no approved applications to put in a payment batch',
  },
  'error.EVENT_NOT_STARTED': {
    'zh-CN': '活动尚未开始（{startsOn}），不能填报成效',
    en: 'The event has not started yet ({startsOn}); results cannot be reported',
  },
  'field.cartradein.plate': {
    'zh-CN': '车牌号码格式不正确',
    en: 'Not a valid licence plate',
  },
  'field.cartradein.futureDate': {
    'zh-CN': '日期不能晚于今天',
    en: 'The date cannot be after today',
  },
  'field.cartradein.ownedBeforeRegistration': {
    'zh-CN': '登记在本人名下的日期不能早于初次登记日期',
    en: 'The ownership date cannot be before the first registration',
  },
  'field.cartradein.sameVin': {
    'zh-CN': '新车与旧车的车辆识别代号不能相同',
    en: 'The new car and the old car cannot have the same VIN',
  },
  'field.cartradein.notForKind': {
    'zh-CN': '本活动类型不需要此项',
    en: 'Not needed for this kind of programme',
  },
  'field.cartradein.alreadyUsed': {
    'zh-CN': '已用于其他补贴申请',
    en: 'Already used in another subsidy application',
  },
  'field.cartradein.attachmentUnknown': {
    'zh-CN': '附件不存在或不是本人上传',
    en: 'No such attachment uploaded by you',
  },
  'field.cartradein.certificateConfirmRequired': {
    'zh-CN': '报废机动车回收证明未经系统核验，请人工核对后确认',
    en: 'The scrapping certificate was not verified by the system; check it by hand and confirm',
  },
  'field.cartradein.bandOrder': {
    'zh-CN': '价格区间上限应高于下限',
    en: 'The upper price of a band must be above its lower price',
  },
  'field.cartradein.bandOverlap': {
    'zh-CN': '同一车型的价格区间不能重叠',
    en: 'Price bands of one car type cannot overlap',
  },
  'field.cartradein.duplicateEvidence': {
    'zh-CN': '材料种类重复',
    en: 'Evidence kind listed twice',
  },
  'field.cartradein.windowOrder': {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'The end date cannot be before the start date',
  },
  'field.cartradein.rolloverOverlap': {
    'zh-CN': '新一期活动应在原活动结束（{date}）之后开始',
    en: 'The new programme must start after the old one ends ({date})',
  },
  'field.cartradein.dateOutsideYear': {
    'zh-CN': '日期须在 {year} 年内',
    en: 'The date must be in {year}',
  },
  'field.cartradein.notAnEnterprise': {
    'zh-CN': '参与商户须为已通过审核的企业',
    en: 'Participating merchants must be approved enterprises',
  },
  'field.cartradein.eventTypeDisabled': {
    'zh-CN': '该活动类型已停用（字典管理），请选择其他类型',
    en: 'This event type has been disabled (dictionaries); choose another type',
  },
  'cartradein.reason.outsideWindow': {
    'zh-CN': '申请日期不在活动申请期内（{from} 至 {to}）',
    en: 'The application date is outside the programme’s window ({from} to {to})',
  },
  'cartradein.reason.purchaseOutsideWindow': {
    'zh-CN': '新车发票日期不在活动期内（{from} 至 {to}）',
    en: 'The new car’s invoice date is outside the programme’s window ({from} to {to})',
  },
  'cartradein.reason.oldFuelNotAccepted': {
    'zh-CN': '本活动不接受燃油旧车',
    en: 'This programme does not accept old fuel cars',
  },
  'cartradein.reason.oldFuelEmission': {
    'zh-CN': '燃油旧车的排放标准须为{max}及以下',
    en: 'An old fuel car must meet emission standard {max} or older',
  },
  'cartradein.reason.oldNevNotAccepted': {
    'zh-CN': '本活动不接受新能源旧车',
    en: 'This programme does not accept old new-energy cars',
  },
  'cartradein.reason.oldNevRegistration': {
    'zh-CN': '新能源旧车须在 {date}（含）之前注册登记',
    en: 'An old new-energy car must have been registered on or before {date}',
  },
  'cartradein.reason.ownedTooRecently': {
    'zh-CN': '旧车须在 {date}（含）之前登记在申请人名下',
    en: 'The old car must have been registered in the applicant’s name on or before {date}',
  },
  'cartradein.reason.disposedTooEarly': {
    'zh-CN': '旧车须在 {date}（含）之后报废注销或转让',
    en: 'The old car must have been deregistered or transferred on or after {date}',
  },
  'cartradein.reason.newNevNotAccepted': {
    'zh-CN': '本活动不补贴新能源新车',
    en: 'This programme does not subsidise new-energy new cars',
  },
  'cartradein.reason.newFuelNotAccepted': {
    'zh-CN': '本活动不补贴燃油新车',
    en: 'This programme does not subsidise fuel new cars',
  },
  'cartradein.reason.newFuelDisplacement': {
    'zh-CN': '燃油新车排量须在 {maxL} 升及以下',
    en: 'A new fuel car must have a displacement of {maxL} L or less',
  },
  'cartradein.reason.noPriceBand': {
    'zh-CN': '新车价格 {price} 元不在任何补贴价格区间内',
    en: 'The new car’s price of {price} yuan is in no subsidy price band',
  },
  'cartradein.reason.evidenceMissing': {
    'zh-CN': '缺少材料：{evidence}',
    en: 'Missing evidence: {evidence}',
  },
  'cartradein.reason.certificateMismatch': {
    'zh-CN': '报废机动车回收证明与回收拆解记录不符',
    en: 'The scrapping certificate does not match the dismantling records',
  },
  'cartradein.reason.alreadySubsidised': {
    'zh-CN': '{field}已用于其他补贴申请',
    en: 'The {field} is already used in another subsidy application',
  },
  'cartradein.field.oldVehicle.vin': {
    'zh-CN': '旧车车辆识别代号',
    en: 'old car’s VIN',
  },
  'cartradein.field.newVehicle.vin': {
    'zh-CN': '新车车辆识别代号',
    en: 'new car’s VIN',
  },
  'cartradein.field.scrapping.certificateNumber': {
    'zh-CN': '报废机动车回收证明编号',
    en: 'scrapping certificate number',
  },
  'cartradein.field.newVehicle.invoiceNumber': {
    'zh-CN': '新车发票号码',
    en: 'new car’s invoice number',
  },
  'notification.cartradein_submitted': {
    'zh-CN': '您的汽车以旧换新补贴申请（{id}号）已提交，市商务局将在 {dueOn} 前完成审核',
    en: 'Your car trade-in application no. {id} was submitted; 市商务局 will decide by {dueOn}',
  },
  'notification.cartradein_resubmitted': {
    'zh-CN': '您修改后的汽车以旧换新补贴申请（{id}号）已重新提交，市商务局将在 {dueOn} 前完成审核',
    en: 'Your corrected car trade-in application no. {id} was submitted again; 市商务局 will decide by {dueOn}',
  },
  'notification.cartradein_approved': {
    'zh-CN': '您的汽车以旧换新补贴申请（{id}号）已审核通过，补贴 {amount} 元，预计 {dueOn} 前拨付',
    en: 'Your car trade-in application no. {id} was approved: {amount} yuan, to be paid by {dueOn}',
  },
  'notification.cartradein_returned': {
    'zh-CN': '您的汽车以旧换新补贴申请（{id}号）被退回修改：{reasons}',
    en: 'Your car trade-in application no. {id} was returned for correction: {reasons}',
  },
  'notification.cartradein_rejected': {
    'zh-CN': '您的汽车以旧换新补贴申请（{id}号）未通过审核：{reasons}',
    en: 'Your car trade-in application no. {id} was rejected: {reasons}',
  },
  'notification.cartradein_in_payment': {
    'zh-CN': '您的汽车以旧换新补贴申请（{id}号）已列入拨付批次 {batchNo}',
    en: 'Your car trade-in application no. {id} is in payment batch {batchNo}',
  },
  'notification.cartradein_payment_cancelled': {
    'zh-CN': '您的汽车以旧换新补贴申请（{id}号）所在拨付批次 {batchNo} 已撤销，将重新安排拨付',
    en: 'Payment batch {batchNo} of your car trade-in application no. {id} was withdrawn; payment will be rescheduled',
  },
  'notification.cartradein_paid': {
    'zh-CN': '您的汽车以旧换新补贴 {amount} 元已拨付（申请 {id}号，支付凭证 {reference}）',
    en: 'Your car trade-in subsidy of {amount} yuan was paid (application no. {id}, payment reference {reference})',
  },
  'notification.cartradein_calendar_missing': {
    'zh-CN':
      '{year}年工作日历（法定节假日和调休上班日）尚未录入，汽车以旧换新审核、拨付期限将把其中的节假日算作工作日，请按国务院办公厅关于{year}年部分节假日安排的通知录入',
    en: 'The {year} working-day calendar (public holidays and make-up working days) has not been entered; car trade-in review and payment deadlines would count its holidays as working days. Enter it from the State Council’s notice on the {year} holiday arrangements',
  },
  'notice.cartradein.calendarMissing': {
    'zh-CN':
      '{year}年工作日历尚未录入：汽车以旧换新审核、拨付期限将把{year}年的节假日算作工作日。请按国务院办公厅关于{year}年部分节假日安排的通知录入节假日和调休上班日。',
    en: 'The {year} working-day calendar has not been entered: car trade-in review and payment deadlines would count {year}’s holidays as working days. Enter its holidays and make-up working days from the State Council’s notice on the {year} holiday arrangements.',
  },
  'notification.cartradein_program_ending': {
    'zh-CN': '汽车补贴活动“{name}”的申请期将于 {date} 结束（还剩 {days} 天），尚有 {open} 件申请在办；如需继续受理，请延长申请期或转入下一年度',
    en: 'Applications to the car programme “{name}” close on {date} ({days} days left) with {open} applications in progress; extend the window or roll it over into the next year to carry on',
  },
  'notice.cartradein.programEnding': {
    'zh-CN':
      '汽车补贴活动“{name}”的申请期将于 {date} 结束（还剩 {days} 天）。结束后不再受理新申请，已提交的 {open} 件申请照常审核、拨付；如需继续受理，请延长申请期或转入下一年度。',
    en: 'Applications to the car programme “{name}” close on {date} ({days} days left). After that no new applications are accepted; the {open} already submitted are reviewed and paid as usual. Extend the window or roll it over into the next year to carry on.',
  },
  'notice.cartradein.programEnded': {
    'zh-CN': '汽车补贴活动“{name}”的申请期已于 {date} 结束，不再受理新申请；尚有 {open} 件申请照常审核、拨付。请转入下一年度或关闭该活动。',
    en: 'Applications to the car programme “{name}” closed on {date}; no new applications are accepted, and the {open} in progress are reviewed and paid as usual. Roll it over into the next year or close it.',
  },
});

registerMessages(cartradeinMessages);

declare module '../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof cartradeinMessages, true> {}
}
