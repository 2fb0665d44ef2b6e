import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of notices: notifications, field reasons and the export (joined into the platform's catalogue). */
export const noticeMessages = defineMessages({
  'notification.notice_published': { 'zh-CN': '新通知：{title}，请查阅并签阅', en: 'New notice: {title}; please read and confirm' },
  'notification.notice_policy_published': { 'zh-CN': '新政策解读：{title}，请查阅并签阅', en: 'New policy explanation: {title}; please read and confirm' },
  'field.notice.recipientsRequired': { 'zh-CN': '请选择至少一个接收单位', en: 'Choose at least one organisation to address' },
  'field.notice.recipientNotUnit': { 'zh-CN': '接收单位须为在用的市直部门或镇（街道）', en: 'Only active departments and towns can be addressed' },
  'notice.export.sheet': { 'zh-CN': '未签阅单位', en: 'Not confirmed' },
  'notice.export.organization': { 'zh-CN': '单位', en: 'Organisation' },
  'notice.export.kind': { 'zh-CN': '类别', en: 'Kind' },
  'notice.export.notice': { 'zh-CN': '通知', en: 'Notice' },
  'notice.export.department': { 'zh-CN': '市直部门', en: 'Department' },
  'notice.export.town': { 'zh-CN': '镇（街道）', en: 'Town' },
});
