import { defineMessages } from '../../../../shared/i18n/messages.js';

/** The car budget's messages (spread into the module's messages.ts). */
export const carBudgetMessages = defineMessages({
  'error.CAR_BUDGET_EXCEEDED': {
    'zh-CN': '审核通过将超出该活动的补贴预算：本申请补贴 {amount} 元，预算剩余 {remaining} 元。请先调整预算',
    en: 'Approving would exceed the programme’s subsidy budget: this application is {amount} yuan and {remaining} yuan is left. Raise the budget first',
  },
  'error.CAR_BUDGET_BELOW_APPROVED': {
    'zh-CN': '预算合计不能低于已审核通过的补贴 {approved} 元',
    en: 'The budget cannot be less than the {approved} yuan already approved',
  },
  'field.cartradein.budgetBelowApproved': {
    'zh-CN': '不能低于已审核通过的 {approved} 元',
    en: 'Cannot be less than the {approved} yuan already approved',
  },
});
