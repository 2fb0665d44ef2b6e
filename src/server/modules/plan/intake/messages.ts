import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of plan intake (zh-CN and en side by side). */
export const intakeMessages = defineMessages({});
