import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of the system parameters (spread into the platform's messages.ts). */
export const parameterMessages = defineMessages({
  'field.parameter.integer': { 'zh-CN': '须为整数', en: 'Must be a whole number' },
  'field.parameter.range': { 'zh-CN': '须在 {min} 到 {max} 之间', en: 'Must be between {min} and {max}' },
  'field.parameter.boolean': { 'zh-CN': '须为“是”或“否”', en: 'Must be yes or no' },
});
