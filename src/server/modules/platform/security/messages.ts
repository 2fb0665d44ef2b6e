import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/security (spread into the platform's messages.ts). */
export const securityMessages = defineMessages({});
