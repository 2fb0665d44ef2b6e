import type { Messages } from '../../../i18n/catalogue';

/** The application page's evidence: open the certificate before vouching for it. */
export const carEvidencePageMessages = {
  'car.evidence.openCertificateFirst': {
    'zh-CN': '请先点击打开报废机动车回收证明并核对，才能勾选',
    en: 'Open and check the scrapping certificate first; then you can tick this',
  },
  'car.evidence.noCertificate': {
    'zh-CN': '申请未附报废机动车回收证明，无法人工核对，请退回补正',
    en: 'No scrapping certificate is attached, so it cannot be checked by hand: return the application for correction',
  },
} satisfies Messages;
