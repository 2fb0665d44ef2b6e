import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of major matters: notifications and field reasons (joined into the plan module's catalogue). */
export const matterMessages = defineMessages({
  'notification.plan_matter_raised': { 'zh-CN': '有单位报送了重大事项：{title}', en: 'A unit raised a major matter: {title}' },
  'notification.plan_matter_escalated': {
    'zh-CN': '专班办公室提请工作专班研究重大事项：{title}',
    en: 'The office referred a major matter to the work team: {title}',
  },
  'notification.plan_matter_answered': { 'zh-CN': '您报送的重大事项已答复：{title}', en: 'Your major matter has been answered: {title}' },
  'notification.plan_matter_closed': { 'zh-CN': '重大事项已由报送单位办结：{title}', en: 'A major matter was closed by its unit: {title}' },
  'field.matter.evidenceNotOwn': { 'zh-CN': '只能附本单位上传的材料', en: 'Only files your organisation uploaded can be attached' },
});
