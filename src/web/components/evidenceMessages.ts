import type { Messages } from '../i18n/catalogue';

/** Texts of the evidence viewer and upload (web core), both languages side by side. */
export const EVIDENCE_MESSAGES = {
  'evidence.upload': { 'zh-CN': '上传佐证材料', en: 'Upload evidence' },
  'evidence.hint': { 'zh-CN': '支持 {allowed}，单个文件不超过 {max}，最多 {count} 个', en: '{allowed}; up to {max} each, at most {count} files' },
  'evidence.badType': { 'zh-CN': '“{name}”的类型不支持，可上传：{allowed}', en: '“{name}”: this type is not accepted (allowed: {allowed})' },
  'evidence.tooLarge': { 'zh-CN': '“{name}”超过 {max}，请压缩后再上传', en: '“{name}” is larger than {max}' },
  'evidence.uploaded': { 'zh-CN': '已上传：{name}', en: 'Uploaded: {name}' },
  'evidence.remove': { 'zh-CN': '移除', en: 'Remove' },
  'evidence.none': { 'zh-CN': '未附材料', en: 'No evidence attached' },
  'evidence.download': { 'zh-CN': '下载', en: 'Download' },
  'evidence.opened': { 'zh-CN': '已查看', en: 'Opened' },
  'evidence.pdfTitle': { 'zh-CN': '查看材料：{name}', en: 'Evidence: {name}' },
  'evidence.pdfFallback': {
    'zh-CN': '浏览器无法在此显示 PDF 时，请点击“下载”后查看。',
    en: 'If your browser cannot show the PDF here, download it instead.',
  },
  'evidence.close': { 'zh-CN': '关闭', en: 'Close' },
  'evidence.downloaded': { 'zh-CN': '已下载：{name}', en: 'Downloaded: {name}' },
  'evidence.audited': { 'zh-CN': '每次查看、下载都会记入审计日志', en: 'Every view and download is written to the audit trail' },
} satisfies Messages;
