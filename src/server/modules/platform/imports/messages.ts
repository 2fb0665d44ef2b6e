import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the background import kernel (spread into the platform's). */
export const importJobMessages = defineMessages({
  'field.importJob.interrupted': {
    'zh-CN': '导入在 {minutes} 分钟内未完成（服务器可能已重启），未写入任何数据，请重新上传',
    en: 'The import did not finish within {minutes} minutes (the server may have restarted); nothing was written — upload the file again',
  },
  'field.importJob.internal': {
    'zh-CN': '导入意外中止，未写入任何数据，请重新上传或联系管理员',
    en: 'The import stopped unexpectedly and nothing was written; upload the file again or contact the administrator',
  },
});
