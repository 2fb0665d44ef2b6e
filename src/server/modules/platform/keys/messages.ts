import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/keys (spread into the platform's messages.ts). */
export const keysMessages = defineMessages({});
