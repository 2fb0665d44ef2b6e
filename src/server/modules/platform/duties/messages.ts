import { defineMessages } from '../../../../shared/i18n/messages.js';

/** Messages of platform/duties (spread into the platform's messages.ts). */
export const dutiesMessages = defineMessages({});
