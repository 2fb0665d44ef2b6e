import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of recycling certificates and the old-item proof they give (spread into the module's messages.ts). */
export const certificateMessages = defineMessages({
  'error.OLD_ITEM_PROOF_USED': {
    'zh-CN': '该回收证明已用于另一笔以旧换新补贴，一张证明只能使用一次',
    en: 'This recycling certificate already backs another trade-in subsidy; a certificate proves one sale only',
  },
  'error.recycling.certificateUnknown': {
    'zh-CN': '回收证明编号 {number} 不存在，请核对',
    en: 'There is no recycling certificate numbered {number}; check it',
  },
  'error.recycling.certificateCategoryMismatch': {
    'zh-CN': '回收证明的品类（{category}）与补贴券品类（{expected}）不符',
    en: 'The recycling certificate is for {category}, the voucher for {expected}',
  },
  'error.recycling.certificateTooOld': {
    'zh-CN': '回收证明开具于 {issuedOn}，已超过 {days} 天的使用期限',
    en: 'The recycling certificate was issued on {issuedOn}, more than {days} days ago',
  },
});
