import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the intake pages. */
export const intakeMessages = {
  'nav.planIntake': { 'zh-CN': '方案导入', en: 'Plan intake' },
} satisfies Messages;
