import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of inspections and rectifications (zh-CN and en side by side). */
export const inspectionMessages = defineMessages({
  'recycling.inspection.result.pass': { 'zh-CN': '合格', en: 'Pass' },
  'recycling.inspection.result.rectify': { 'zh-CN': '限期整改', en: 'Rectify' },
  'recycling.inspection.result.ban': { 'zh-CN': '取缔', en: 'Ban' },
  'error.recycling.siteBannedInspection': {
    'zh-CN': '该回收网点已被取缔，不能再检查',
    en: 'This recycling site has been banned and cannot be inspected again',
  },
  'field.recycling.rectifyByRequired': {
    'zh-CN': '结论为限期整改时必须填写整改期限',
    en: 'A rectify result needs the date by which it must be rectified',
  },
  'field.recycling.rectifyByAfterInspection': {
    'zh-CN': '整改期限须晚于检查日期（{date}）',
    en: 'The rectify-by date must be after the inspection date ({date})',
  },
  'field.recycling.rectifyByOnlyForRectify': {
    'zh-CN': '只有限期整改结论才填写整改期限',
    en: 'Only a rectify result takes a rectify-by date',
  },
  'field.recycling.inspectedInFuture': {
    'zh-CN': '检查日期不能晚于今天',
    en: 'The inspection date cannot be in the future',
  },
  'field.recycling.checklistVersion': {
    'zh-CN': '检查表已更新为第 {version} 版，请刷新后重新填写',
    en: 'The checklist is now version {version}; reload it and answer again',
  },
  'field.recycling.checklistItemUnknown': {
    'zh-CN': '检查表中没有该项',
    en: 'This item is not on the checklist',
  },
  'field.recycling.checklistItemMissing': {
    'zh-CN': '检查项“{item}”未填写',
    en: 'The checklist item “{item}” has no answer',
  },
  'field.recycling.checklistItemTwice': {
    'zh-CN': '该检查项重复填写',
    en: 'This checklist item is answered twice',
  },
  'field.recycling.notOkNeedsNote': {
    'zh-CN': '不合格项须说明情况',
    en: 'A failed item needs a note',
  },
  'field.recycling.attachmentUnknown': {
    'zh-CN': '照片不存在或不是您上传的',
    en: 'This photo does not exist or was not uploaded by you',
  },
  'field.recycling.siteUnknown': {
    'zh-CN': '回收网点不存在',
    en: 'No such recycling site',
  },
  'notification.recycling_rectification_overdue': {
    'zh-CN': '回收网点“{site}”的整改已超期（期限 {date}），尚未完成验收',
    en: 'The rectification of recycling site “{site}” is overdue (due {date}) and not yet closed',
  },
  'notification.recycling_rectification_opened': {
    'zh-CN': '回收网点“{site}”检查结论为限期整改，请于 {date} 前完成整改并报送',
    en: 'Recycling site “{site}” must be rectified by {date}; report what was done',
  },
  'notification.recycling_rectification_submitted': {
    'zh-CN': '回收网点“{site}”已报送整改情况，请核查',
    en: 'Recycling site “{site}” reported its rectification; please verify it',
  },
  'notification.recycling_rectification_rejected': {
    'zh-CN': '回收网点“{site}”的整改未通过核查：{reason}',
    en: 'The rectification of recycling site “{site}” was not accepted: {reason}',
  },
  'notification.recycling_site_banned': {
    'zh-CN': '回收网点“{site}”经检查已被取缔',
    en: 'Recycling site “{site}” was banned after an inspection',
  },
});
