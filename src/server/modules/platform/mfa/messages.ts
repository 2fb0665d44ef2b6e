import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/mfa (spread into the platform's messages.ts). */
export const mfaMessages = defineMessages({});
