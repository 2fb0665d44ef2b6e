import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Opening the evidence before the reviewer vouches for it (spread into the module's messages). */
export const carEvidenceMessages = defineMessages({
  'error.CERTIFICATE_NOT_OPENED': {
    'zh-CN': '请先打开并核对报废机动车回收证明，再确认“已人工核对”',
    en: 'Open and check the scrapping certificate before confirming you checked it by hand',
  },
  'field.cartradein.certificateNotOpened': {
    'zh-CN': '您尚未打开本申请的报废机动车回收证明',
    en: 'You have not opened this application’s scrapping certificate yet',
  },
});
