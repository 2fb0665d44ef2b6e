/** Texts of the claim queue on the claim page: a resident's place in a busy release and how the claim ended. */
import type { Messages } from '../../../../i18n/catalogue';

export const claimQueueMessages = {
  'tradein.queue.title': { 'zh-CN': '领券人数较多，您已进入排队', en: 'Many residents are claiming: you are in the queue' },
  'tradein.queue.position': { 'zh-CN': '当前排在第 {position} 位', en: 'You are number {position} in the queue' },
  'tradein.queue.wait': { 'zh-CN': '预计等待约 {time}', en: 'Expected wait about {time}' },
  'tradein.queue.waitUnknown': { 'zh-CN': '正在估算等待时间', en: 'Estimating the wait' },
  'tradein.queue.claiming': { 'zh-CN': '轮到您了，正在为您领取…', en: 'Your turn: claiming your voucher…' },
  'tradein.queue.keep': {
    'zh-CN': '请勿重复点击或关闭页面，领取结果将自动显示；离开页面也不会失去排队位置。',
    en: 'No need to press again or keep the page open: the result shows here by itself, and leaving does not lose your place.',
  },
  'tradein.queue.seconds': { 'zh-CN': '{n} 秒', en: '{n} s' },
  'tradein.queue.minutes': { 'zh-CN': '{n} 分钟', en: '{n} min' },
} satisfies Messages;
