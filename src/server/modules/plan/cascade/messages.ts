import { registerMessages } from '../../../core/messages.js';
import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the target cascade (zh-CN and en side by side): parent links between plans' indicators. */
export const cascadeMessages = defineMessages({
  'field.plan.parentUnknown': {
    'zh-CN': '上级方案 {plan} 中没有编号为 {indicator} 的指标',
    en: 'Parent plan {plan} has no indicator {indicator}',
  },
  'field.plan.parentSamePlan': {
    'zh-CN': '上级指标须属于另一个方案，不能是本方案 {plan} 的指标',
    en: 'A parent indicator belongs to another plan, not to this plan ({plan})',
  },
  'field.plan.parentCycle': {
    'zh-CN': '上级指标链回到了本方案，形成循环：{chain}',
    en: 'The chain of parent indicators comes back to this plan: {chain}',
  },
});

// Registered here rather than in the plan module's catalogue: the loader imports this folder on every load.
registerMessages(cascadeMessages);

declare module '../../../core/messages.js' {
  interface ModuleMessageKeys extends Record<keyof typeof cascadeMessages, true> {}
}
