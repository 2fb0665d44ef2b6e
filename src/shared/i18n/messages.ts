import type { Locale } from '../roles.js';

/**
 * Messages in both languages, side by side per key. This file holds the ones the server and the web both show —
 * the API's generic errors and the field reasons of the shared validators (the web checks a citizen ID or a VIN
 * before sending it, with the same words the API would answer). Each server module keeps its own messages in its
 * folder (`modules/<name>/messages.ts`), and the server's `core/messages.ts` joins them. `{name}` placeholders are
 * filled from the params.
 */
export interface LocalisedText {
  'zh-CN': string;
  en: string;
}

/** Declares a catalogue; its keys become a type, so a misspelt key does not compile. */
export function defineMessages<const K extends string>(messages: Record<K, LocalisedText>): Record<K, LocalisedText> {
  return messages;
}

export const SHARED_MESSAGES = defineMessages({
  'error.VALIDATION_FAILED': {
    'zh-CN': '提交的内容有误，请检查标出的字段',
    en: 'Some fields are invalid; please check the marked fields',
  },
  'error.MALFORMED_JSON': {
    'zh-CN': '请求体不是合法的 JSON',
    en: 'The request body is not valid JSON',
  },
  'error.PAYLOAD_TOO_LARGE': {
    'zh-CN': '请求体过大',
    en: 'The request body is too large',
  },
  'error.UNSUPPORTED_MEDIA_TYPE': {
    'zh-CN': '不支持的内容类型',
    en: 'Unsupported content type',
  },
  'error.NOT_FOUND': {
    'zh-CN': '请求的资源不存在',
    en: 'The requested resource does not exist',
  },
  'error.ROUTE_NOT_FOUND': {
    'zh-CN': '接口不存在：{method} {url}',
    en: 'No such endpoint: {method} {url}',
  },
  'error.UNAUTHENTICATED': {
    'zh-CN': '请先登录',
    en: 'Please sign in first',
  },
  'error.FORBIDDEN': {
    'zh-CN': '无权执行此操作',
    en: 'You are not allowed to do this',
  },
  'error.CSRF_FAILED': {
    'zh-CN': '请求缺少有效的 CSRF 令牌，请刷新页面后重试',
    en: 'The request has no valid CSRF token; reload the page and try again',
  },
  'error.ORGANIZATION_INACTIVE': {
    'zh-CN': '所属单位尚未通过审核或已停用',
    en: 'Your organisation has not been approved yet or is suspended',
  },
  'error.PASSWORD_CHANGE_REQUIRED': {
    'zh-CN': '请先修改密码',
    en: 'You must change your password first',
  },
  'error.DUPLICATE': {
    'zh-CN': '{field} 已存在',
    en: '{field} is already registered',
  },
  'error.CONFLICT': {
    'zh-CN': '操作与当前状态冲突',
    en: 'The operation conflicts with the current state',
  },
  'error.INVALID_STATE': {
    'zh-CN': '当前状态为“{state}”，不能执行该操作',
    en: 'Not possible while the status is "{state}"',
  },
  'error.VERSION_CONFLICT': {
    'zh-CN': '您打开之后已有人修改了这条记录（您编辑的是第 {base} 版），请刷新后重新编辑',
    en: 'Someone changed this since you opened it (you edited version {base}); reload and edit again',
  },
  'error.IDEMPOTENCY_KEY_REUSED': {
    'zh-CN': '该幂等键已用于另一个请求',
    en: 'This idempotency key was used for a different request',
  },
  'error.IDEMPOTENCY_IN_PROGRESS': {
    'zh-CN': '相同请求正在处理中，请稍后重试',
    en: 'The same request is still being processed; retry shortly',
  },
  'error.INTERNAL': {
    'zh-CN': '服务器内部错误，请稍后重试（请求号 {requestId}）',
    en: 'Internal server error; please try again later (request {requestId})',
  },
  'error.UNSUPPORTED_FILE_TYPE': {
    'zh-CN': '不支持的文件类型，仅支持：{allowed}',
    en: 'Unsupported file type; allowed: {allowed}',
  },
  'field.controlCharacters': {
    'zh-CN': '不能包含控制字符（如 NUL、退格、终端转义符）',
    en: 'Must not contain control characters (NUL, backspace, terminal escapes)',
  },
  'field.required': {
    'zh-CN': '必填',
    en: 'Required',
  },
  'field.invalid_type': {
    'zh-CN': '类型不正确，应为{expected}',
    en: 'Wrong type, expected {expected}',
  },
  'field.too_small.string': {
    'zh-CN': '至少 {minimum} 个字符',
    en: 'At least {minimum} characters',
  },
  'field.too_big.string': {
    'zh-CN': '最多 {maximum} 个字符',
    en: 'At most {maximum} characters',
  },
  'field.too_big.number': {
    'zh-CN': '不能大于 {maximum}',
    en: 'Must be at most {maximum}',
  },
  'field.too_small.array': {
    'zh-CN': '至少 {minimum} 项',
    en: 'At least {minimum} items',
  },
  'field.too_big.array': {
    'zh-CN': '最多 {maximum} 项',
    en: 'At most {maximum} items',
  },
  'field.invalid_value': {
    'zh-CN': '取值无效，可选值：{values}',
    en: 'Invalid value; allowed: {values}',
  },
  'field.invalid_format': {
    'zh-CN': '格式不正确',
    en: 'Invalid format',
  },
  'field.unrecognized_keys': {
    'zh-CN': '不允许的字段：{keys}',
    en: 'Fields not allowed: {keys}',
  },
  'field.invalid': {
    'zh-CN': '取值无效',
    en: 'Invalid value',
  },
  'field.date.outOfRange': {
    'zh-CN': '日期须在 2000-01-01 至 2099-12-31 之间',
    en: 'The date must be between 2000-01-01 and 2099-12-31',
  },
  'field.password.weak': {
    'zh-CN': '密码至少 10 位，并包含大写字母、小写字母、数字、符号中的至少 3 类',
    en: 'Passwords need at least 10 characters from at least 3 of: upper case, lower case, digits, symbols',
  },
  'field.citizenId.required': {
    'zh-CN': '请填写身份证号码',
    en: 'Enter the citizen ID number',
  },
  'field.citizenId.length': {
    'zh-CN': '身份证号码应为 18 位',
    en: 'A citizen ID number has 18 characters',
  },
  'field.citizenId.charset': {
    'zh-CN': '身份证号码前 17 位应为数字，最后一位为数字或 X',
    en: 'The first 17 characters must be digits and the last a digit or X',
  },
  'field.citizenId.region': {
    'zh-CN': '身份证号码的地址码无效',
    en: 'The address code of the ID number is invalid',
  },
  'field.citizenId.birthDate': {
    'zh-CN': '身份证号码中的出生日期无效',
    en: 'The birth date in the ID number is invalid',
  },
  'field.citizenId.checksum': {
    'zh-CN': '身份证号码校验位不正确',
    en: 'The check character of the ID number is wrong',
  },
  'field.creditCode.required': {
    'zh-CN': '请填写统一社会信用代码',
    en: 'Enter the unified social credit code',
  },
  'field.creditCode.length': {
    'zh-CN': '统一社会信用代码应为 18 位',
    en: 'A unified social credit code has 18 characters',
  },
  'field.creditCode.charset': {
    'zh-CN': '统一社会信用代码含有无效字符',
    en: 'The unified social credit code contains invalid characters',
  },
  'field.creditCode.forbiddenLetter': {
    'zh-CN': '统一社会信用代码不能含有字母 I、O、S、V、Z',
    en: 'A unified social credit code cannot contain I, O, S, V or Z',
  },
  'field.creditCode.checksum': {
    'zh-CN': '统一社会信用代码校验位不正确',
    en: 'The check character of the unified social credit code is wrong',
  },
  'field.creditCode.region': {
    'zh-CN': '统一社会信用代码的行政区划码无效',
    en: 'The division code in the unified social credit code is invalid',
  },
  'field.vin.required': {
    'zh-CN': '请填写车辆识别代号',
    en: 'Enter the vehicle identification number',
  },
  'field.vin.length': {
    'zh-CN': '车辆识别代号应为 17 位',
    en: 'A VIN has 17 characters',
  },
  'field.vin.charset': {
    'zh-CN': '车辆识别代号只能包含数字和字母',
    en: 'A VIN has only letters and digits',
  },
  'field.vin.forbiddenLetter': {
    'zh-CN': '车辆识别代号不能含有字母 I、O、Q',
    en: 'A VIN cannot contain I, O or Q',
  },
  'field.vin.checksum': {
    'zh-CN': '车辆识别代号校验位（第 9 位）不正确',
    en: 'The VIN check digit (9th character) is wrong',
  },
  'field.mobile.required': {
    'zh-CN': '请填写手机号码',
    en: 'Enter a mobile number',
  },
  'field.mobile.length': {
    'zh-CN': '手机号码应为 11 位',
    en: 'A mobile number has 11 digits',
  },
  'field.mobile.charset': {
    'zh-CN': '手机号码只能包含数字',
    en: 'A mobile number has only digits',
  },
  'field.mobile.prefix': {
    'zh-CN': '手机号码应以 13–19 开头',
    en: 'A mobile number starts with 13–19',
  },
  'field.invoiceNumber.required': {
    'zh-CN': '请填写发票号码',
    en: 'Enter the invoice number',
  },
  'field.invoiceNumber.length': {
    'zh-CN': '数电发票号码应为 20 位',
    en: 'A digital invoice number has 20 digits',
  },
  'field.invoiceNumber.charset': {
    'zh-CN': '数电发票号码只能包含数字',
    en: 'A digital invoice number has only digits',
  },
  'field.bankAccount.required': {
    'zh-CN': '请填写银行账号',
    en: 'Enter the bank account number',
  },
  'field.bankAccount.length': {
    'zh-CN': '银行账号应为 12–30 位',
    en: 'A bank account number has 12–30 digits',
  },
  'field.bankAccount.charset': {
    'zh-CN': '银行账号只能包含数字',
    en: 'A bank account number has only digits',
  },
  'field.town.unknown': {
    'zh-CN': '镇街不存在',
    en: 'No such town',
  },
  'field.organization.unknown': {
    'zh-CN': '单位不存在',
    en: 'No such organisation',
  },
  'field.fileType': {
    'zh-CN': '文件类型不支持（可上传：{allowed}），或文件内容与扩展名不符',
    en: 'File type not allowed (allowed: {allowed}), or the content does not match the extension',
  },
  'error.INVOICE_ALREADY_USED': {
    'zh-CN': '该发票已用于补贴',
    en: 'This invoice has already been used for a subsidy',
  },
  'cartradein.emission.guo0': {
    'zh-CN': '国一以前',
    en: 'pre-China 1',
  },
  'cartradein.emission.guo1': {
    'zh-CN': '国一',
    en: 'China 1',
  },
  'cartradein.emission.guo2': {
    'zh-CN': '国二',
    en: 'China 2',
  },
  'cartradein.emission.guo3': {
    'zh-CN': '国三',
    en: 'China 3',
  },
  'cartradein.emission.guo4': {
    'zh-CN': '国四',
    en: 'China 4',
  },
  'cartradein.emission.guo5': {
    'zh-CN': '国五',
    en: 'China 5',
  },
  'cartradein.emission.guo6': {
    'zh-CN': '国六',
    en: 'China 6',
  },
  'cartradein.evidence.scrapping_certificate': {
    'zh-CN': '报废机动车回收证明',
    en: 'scrapped-vehicle recycling certificate',
  },
  'cartradein.evidence.deregistration_certificate': {
    'zh-CN': '机动车注销证明书',
    en: 'deregistration certificate',
  },
  'cartradein.evidence.old_vehicle_registration': {
    'zh-CN': '旧车机动车登记证书或行驶证',
    en: 'old car’s registration certificate or driving licence',
  },
  'cartradein.evidence.transfer_record': {
    'zh-CN': '旧车二手车交易发票或转移登记证明',
    en: 'old car’s used-car sale invoice or transfer record',
  },
  'cartradein.evidence.new_car_invoice': {
    'zh-CN': '新车机动车销售统一发票',
    en: 'new car’s unified sales invoice',
  },
  'cartradein.evidence.new_vehicle_registration': {
    'zh-CN': '新车机动车行驶证',
    en: 'new car’s driving licence',
  },
  'cartradein.evidence.id_card': {
    'zh-CN': '申请人身份证',
    en: 'applicant’s ID card',
  },
  'cartradein.evidence.bank_card': {
    'zh-CN': '申请人银行卡',
    en: 'applicant’s bank card',
  },
});

export type SharedMessageKey = keyof typeof SHARED_MESSAGES;

/** Fills `{name}` placeholders; one left without a value stays as written, so a missing param is visible. */
export function fillPlaceholders(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value as string | number | boolean);
  });
}

export function isSharedMessageKey(key: string): key is SharedMessageKey {
  return Object.hasOwn(SHARED_MESSAGES, key);
}

/** A shared message in one language (the web's validators; the server translates through core/messages.ts). */
export function translate(locale: Locale, key: SharedMessageKey, params: Record<string, unknown> = {}): string {
  return fillPlaceholders(SHARED_MESSAGES[key][locale], params);
}
