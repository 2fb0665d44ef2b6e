import type { Messages } from '../../../../i18n/catalogue';

/** Messages of the cascade pages. */
export const cascadeMessages = {
  'nav.planCascade': { 'zh-CN': '指标上下级', en: 'Indicator cascade' },
} satisfies Messages;
